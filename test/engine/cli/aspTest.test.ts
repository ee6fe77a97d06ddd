// `asp test` as a user runs it: fixtures found under a folder, a diff per failure, the summary
// line, the exit code, --update, and broken fixtures counted as failures with file:line:col.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { aspNodeArgs } from '../../helpers/aspBin';

const base = mkdtempSync(join(tmpdir(), 'asp-cli-test-'));
after(() => rmSync(base, { recursive: true, force: true }));

function aspTest(args: string[], cwd: string): { code: number | null; out: string; err: string } {
  // Runs in the fixture's folder: the default PATH is ".".
  const r = spawnSync(process.execPath, [...aspNodeArgs(), 'test', ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(base, 'p-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const pipeline = JSON.stringify([{ $source: { documents: [] } }, { $match: { keep: true } }, { $project: { _id: 0, n: 1 } }]);
const fixture = (expected: unknown[], pipelineFile = '../p.asp.json'): string => JSON.stringify({
  pipeline: pipelineFile,
  tests: [{ name: 'keeps marked documents', input: { documents: [{ n: 1, keep: true }, { n: 2 }, { n: 3, keep: true }] }, expect: { ignore: ['_stream_meta'], output: expected } }],
}, null, 2);

test('asp test: runs every fixture under the folder and ends with the summary; exit 0 when all pass', () => {
  const dir = project({ 'p.asp.json': pipeline, 'tests/a.asp.test.json': fixture([{ n: 1 }, { n: 3 }]), 'tests/nested/b.asp.test.json': fixture([{ n: 1 }, { n: 3 }], '../../p.asp.json'), 'tests/ignored.json': '{}' });
  const r = aspTest([], dir);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /tests\/a\.asp\.test\.json\n {2}✓ keeps marked documents\n/);
  assert.match(r.out, /tests\/nested\/b\.asp\.test\.json\n/);
  assert.ok(r.out.trimEnd().endsWith('2 passed, 0 failed'), r.out);
});

test('asp test: a failure prints expected against actual by path and exits 1', () => {
  const dir = project({ 'p.asp.json': pipeline, 'tests/a.asp.test.json': fixture([{ n: 1 }, { n: 4 }]) });
  const r = aspTest(['tests'], dir);
  assert.equal(r.code, 1);
  assert.match(r.out, /✗ keeps marked documents \(tests\/a\.asp\.test\.json:4:5\)\n {4}output\[1\]\.n:\n {6}expected 4\n {6}actual {3}3\n/);
  assert.ok(r.out.trimEnd().endsWith('0 passed, 1 failed'), r.out);
});

test('asp test --update rewrites the expectation; the next run passes', () => {
  const dir = project({ 'p.asp.json': pipeline, 'tests/a.asp.test.json': fixture([]) });
  const r = aspTest(['--update', 'tests/a.asp.test.json'], dir);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /updated tests\/a\.asp\.test\.json: expected output rewritten for 1 test/);
  assert.ok(r.out.trimEnd().endsWith('0 passed, 0 failed, 1 updated'), r.out);
  const written = JSON.parse(readFileSync(join(dir, 'tests/a.asp.test.json'), 'utf8'));
  assert.deepEqual(written.tests[0].expect, { ignore: ['_stream_meta'], output: [{ n: 1 }, { n: 3 }] });
  const again = aspTest(['tests'], dir);
  assert.equal(again.code, 0, again.out);
  assert.ok(again.out.trimEnd().endsWith('1 passed, 0 failed'));
});

test('asp test: a broken fixture is a failure naming file and position; the other fixtures still run', () => {
  const dir = project({
    'p.asp.json': pipeline,
    'a.asp.test.json': '{ "tests": [ { "name": "x", "input": { "documents": [] }, "expect": { "order": "backwards" } } ] }',
    'b.asp.test.json': '{ "tests": [',
    'c.asp.test.json': fixture([{ n: 1 }, { n: 3 }], 'p.asp.json'),
  });
  const r = aspTest(['.'], dir);
  assert.equal(r.code, 1);
  assert.match(r.out, /a\.asp\.test\.json:1:80 error ASP601 expected "ordered" or "unordered", found the string "backwards"/);
  assert.match(r.out, /✗ \(fixture\) \(b\.asp\.test\.json:1:13\)\n {4}b\.asp\.test\.json:1:13 error ASP101 Invalid JSON/);
  assert.match(r.out, /c\.asp\.test\.json\n {2}✓ keeps marked documents/);
  assert.ok(r.out.trimEnd().endsWith('1 passed, 2 failed'), r.out);
});

test('asp test: a path that does not exist, or a folder without fixtures, exits 1', () => {
  const dir = project({ 'p.asp.json': pipeline });
  const missing = aspTest(['nothing-here'], dir);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /asp test: nothing-here: no such file or folder/);
  assert.ok(missing.out.trimEnd().endsWith('0 passed, 1 failed'));
  const empty = aspTest([], dir);
  assert.equal(empty.code, 1);
  assert.match(empty.err, /no \*\.asp\.test\.json fixtures under \./);
});
