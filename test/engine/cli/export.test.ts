/**
 * `asp export` and `asp import` as a user runs them: an Admin API create body exports back byte
 * for byte (as JSON: same keys, same order); a GET reply imports to a file that exports to the
 * same create body; mongosh's format moves tier and failover into options.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aspNodeArgs } from '../../helpers/aspBin';
import { ROOT } from '../../helpers/root';

const base = mkdtempSync(join(tmpdir(), 'asp-export-'));
after(() => rmSync(base, { recursive: true, force: true }));

function asp(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...aspNodeArgs(), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ASP_STATE_DIR: join(base, 'state') }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const BODY = {
  name: 'kafkaToCluster',
  pipeline: [
    { $source: { connectionName: 'sample_stream_solar' } },
    { $addFields: { zeta: 1, alpha: { $multiply: ['$obs.watts', 2.5] } } },
    { $emit: { connectionName: '__testLog' } },
  ],
  options: { dlq: { connectionName: 'local', db: 'ops', coll: 'dlq' }, autoscaling: { enabled: true, minTier: 'SP10', maxTier: 'SP50' } },
  tier: 'SP10',
  failoverEnabled: true,
};

test('cli: asp export FILE writes an Admin API create body back equal to it, key order included', () => {
  const f = join(base, 'body.asp.json');
  writeFileSync(f, JSON.stringify(BODY, null, 2));
  assert.deepEqual(asp(['validate', '--processor', f]), { code: 0, out: '', err: '' });
  const r = asp(['export', f]);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.stringify(JSON.parse(r.out)), JSON.stringify(BODY));
  const m = asp(['export', f, '--format', 'mongosh']);
  assert.equal(m.code, 0, m.err);
  assert.deepEqual(JSON.parse(m.out).options, { ...BODY.options, tier: 'SP10', failover: true });
  assert.deepEqual(Object.keys(JSON.parse(m.out)), ['name', 'pipeline', 'options']);
  // Terraform takes the pipeline alone, as a raw JSON string: pipeline = file("....json").
  const p = asp(['export', f, '--pipeline']);
  assert.equal(p.code, 0, p.err);
  assert.equal(JSON.stringify(JSON.parse(p.out)), JSON.stringify(BODY.pipeline));
});

test('cli: asp import turns a GET reply into a clean .asp.json that exports to the same create body', () => {
  // As Atlas returns it: read-only fields, integral numbers as doubles.
  const reply = JSON.stringify({ _id: '6a1f0c2e9b1d4c0012345678', ...BODY, state: 'STOPPED', stats: { inputMessageCount: 0 }, effectiveTier: 'SP30', eligibleForFailover: true, links: [] })
    .replace('"zeta":1', '"zeta":1.0');
  assert.match(reply, /"zeta":1\.0/);
  const replyFile = join(base, 'reply.json');
  writeFileSync(replyFile, reply);
  const out = join(base, 'imported.asp.json');
  const r = asp(['import', replyFile, '--out', out]);
  assert.equal(r.code, 0, r.err);
  const text = readFileSync(out, 'utf8');
  assert.doesNotMatch(text, /"_id": "6a1f|"state"|"stats"|effectiveTier|eligibleForFailover|"links"|1\.0/);
  const e = asp(['export', out]);
  assert.equal(e.code, 0, e.err);
  assert.equal(JSON.stringify(JSON.parse(e.out)), JSON.stringify(BODY));
  // An existing file is kept unless --force.
  const again = asp(['import', replyFile, '--out', out]);
  assert.equal(again.code, 1);
  assert.match(again.err, /imported\.asp\.json exists: give --force/);
});

test('cli: export refuses a file with errors, naming file:line:col; import refuses a list reply', () => {
  const bad = join(base, 'bad.asp.json');
  writeFileSync(bad, '{\n  "name": "x",\n  "pipeline": [{"$source": {"connectionName": "sample_stream_solar"}}, {"$emit": {"connectionName": "__testLog"}}],\n  "tier": "SP7"\n}\n');
  const r = asp(['export', bad]);
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.asp\.json:4:11 error ASP109 BSON field 'tier' must be one of SP2, SP5, SP10, SP30, SP50, got "SP7"/);
  const list = join(base, 'list.json');
  writeFileSync(list, JSON.stringify({ results: [BODY], totalCount: 1 }));
  const i = asp(['import', list]);
  assert.equal(i.code, 1);
  assert.match(i.err, /is a list reply \(results\[\]\): import one processor at a time/);
  assert.ok(!existsSync(join(ROOT, 'kafkaToCluster.asp.json')));
});
