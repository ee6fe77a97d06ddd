import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { LocalStore } from '../../../engine/store/localStore';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT } from '../../helpers/root';

// Everything this file writes lives under one temporary folder, removed at the end.
const base = mkdtempSync(join(tmpdir(), 'asp-cli-'));
after(() => rmSync(base, { recursive: true, force: true }));

/** Run the CLI the way a user does; works from test/ (tsx) and out/test (compiled). */
function asp(args: string[], cwd = ROOT, stateDir = mkdtempSync(join(base, 'state-'))): { code: number | null; out: string; err: string } {
  const compiled = join(ROOT, 'out/bin/asp.js');
  const fromOut = __dirname.includes('/out/');
  const cmd = fromOut ? [compiled] : ['--import', 'tsx', join(ROOT, 'bin/asp.ts')];
  const r = spawnSync(process.execPath, [...cmd, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ASP_STATE_DIR: stateDir }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = mkdtempSync(join(base, 'files-'));
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

test('cli: run prints relaxed Extended JSON lines and exits 0 at end of input', () => {
  const f = file('docs.asp.json', JSON.stringify([{ $source: { documents: [{ a: 1 }, { a: 2 }, { a: 3 }] } }, { $match: { a: { $gte: 2 } } }, { $project: { _id: 0, a: 1 } }]));
  const r = asp(['run', f]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.a), [2, 3]);
  assert.deepEqual(lines[0]._stream_meta, { source: { type: 'documents' } });
});

test('cli: DLQ records are {"_dlqMessage": ...} lines in the same stream', () => {
  const f = file('dlq.asp.json', JSON.stringify([{ $source: { documents: [{ d: 0 }, { d: 4 }] } }, { $addFields: { q: { $divide: [8, '$d'] } } }]));
  const r = asp(['run', f]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.equal(lines[0]._dlqMessage.errInfo.reason, "Failed to process input document in AddFieldsOperator with error: can't $divide by zero");
  assert.equal(lines[0]._dlqMessage.operatorName, 'AddFieldsOperator');
  assert.equal(lines[1].q, 2);
});

test('cli: --limit stops the endless sample source', () => {
  const r = asp(['run', join(ROOT, 'examples/solar-basic.asp.json'), '--limit', '5', '--rate', '0', '--seed', '1']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 5);
  for (const l of lines) assert.deepEqual(Object.keys(l).sort(), ['_stream_meta', 'device_id', 'group_id', 'hot', 'kw', 'timestamp']);
});

test('cli: --timeout-ms stops a run that would idle forever with --no-drain', () => {
  const f = file('idle.asp.json', JSON.stringify([{ $source: { documents: [{ a: 1 }] } }]));
  const r = asp(['run', f, '--no-drain', '--timeout-ms', '500']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim().split('\n').length, 1);
});

test('cli: validate prints path:line:col severity code message and exits 1 on errors', () => {
  const f = file('bad.asp.json', '[\n  {"$match": {"a": 1}}\n]\n');
  const r = asp(['validate', f]);
  assert.equal(r.code, 1);
  assert.match(r.out, new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:3 error ASP205 First stage must be \\$source, found: \\$match$`, 'm'));
});

test('cli: validate shows "no sink" on a bare preview as info (exit 0) and as an error with --processor', () => {
  const f = file('preview.asp.json', '[\n  {"$source": {"documents": []}},\n  {"$match": {"a": 1}}\n]\n');
  const r = asp(['validate', f]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /preview\.asp\.json:3:3 info ASP206 No sink: this pipeline runs as a preview/);
  const p = asp(['validate', '--processor', f]);
  assert.equal(p.code, 1);
  assert.match(p.out, /preview\.asp\.json:3:3 error ASP206 The last stage in the pipeline must be \$merge or \$emit\.$/m);
});

test('cli: every example validates without errors', () => {
  const files = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.asp.json')).map((f) => join(ROOT, 'examples', f));
  assert.ok(files.length >= 2);
  const r = asp(['validate', ...files]);
  assert.equal(r.code, 0, r.out + r.err);
});

test('cli: bad input gets one clear line and a non-zero exit, never a stack trace', () => {
  const cases: [string[], RegExp][] = [
    [['run', join(tmp, 'missing.asp.json')], /cannot read .*missing\.asp\.json: no such file/],
    [['run', file('broken.asp.json', '[{"$source": ')], /broken\.asp\.json:1:\d+ error ASP101 Invalid JSON/],
    [['run', file('conn.asp.json', '[{"$source": {"connectionName": "kafka1", "topic": "t"}}]')], /error ASP510 connection named kafka1 does not exist/],
    [['run', file('x.asp.json', '[]'), '--limit', 'ten'], /--limit must be a whole number/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ];
  for (const [args, re] of cases) {
    const r = asp(args);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.match(r.err, re);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});

test('cli: the validate-dlq example writes good documents and DLQ records to the local store', async () => {
  const dir = mkdtempSync(join(base, 'store-'));
  const r = asp(['run', join(ROOT, 'examples/validate-dlq.asp.json')], ROOT, dir);
  assert.equal(r.code, 0, r.err);
  const printed = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(printed.filter((l) => l._dlqMessage).length, 3);
  const store = new LocalStore(dir);
  try {
    const good = store.collection('solar', 'validated').find({});
    const dlq = store.collection('solar', 'dlq').find({});
    assert.deepEqual(good.map((d) => d['device_id']), ['device_1']);
    assert.deepEqual(dlq.map((d) => (d['errInfo'] as { reason: string }).reason), [
      'Input document found to be invalid in $validate stage',
      'Input document found to be invalid in $validate stage',
      "Failed to process input document in AddFieldsOperator with error: can't $divide by zero",
    ]);
    assert.equal(dlq[0]!['processorName'], 'validateReadings');
  } finally {
    await store.close();
  }
});
