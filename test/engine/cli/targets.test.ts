/**
 * The Atlas target code end to end: `asp diff/deploy/pull/list/run --target` against a second,
 * real local instance started here with `asp serve --wire` on a free 127.0.0.1 port and SCRAM
 * credentials; it speaks the protocol an Atlas workspace speaks, so this is the client's path to
 * Atlas. The instance is stopped by its PID at the end.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aspNodeArgs } from '../../helpers/aspBin';

const base = mkdtempSync(join(tmpdir(), 'asp-targets-'));
// The commands run in a scratch folder (where asp.targets.json is); aspNodeArgs names tsx by its path.
const ENTRY = aspNodeArgs();
const PASSWORD = 'correct horse';
const env = { ...process.env, ASP_TEST_WIRE_PW: PASSWORD, SECOND_PW: PASSWORD, WRONG_PW: 'not-the-password', ASP_STATE_DIR: join(base, 'cli-state') };

let server: ChildProcess;
let port = 0;

before(async () => {
  server = spawn(process.execPath, [...ENTRY, 'serve', '--state-dir', join(base, 'second'), '--wire', '127.0.0.1:0', '--wire-user', 'deployer', '--wire-password', '${env:ASP_TEST_WIRE_PW}'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  port = await new Promise<number>((resolve, reject) => {
    server.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /MongoDB wire protocol on 127\.0\.0\.1:(\d+)/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    server.once('exit', (code) => reject(new Error(`asp serve exited (${code}): ${err}`)));
  });
  writeFileSync(join(base, 'asp.targets.json'), JSON.stringify({
    targets: [
      { name: 'second', connectionString: `mongodb://127.0.0.1:${port}/`, environment: 'staging', username: 'deployer', password: '${env:SECOND_PW}' },
      { name: 'wrong', connectionString: `mongodb://127.0.0.1:${port}/`, username: 'deployer', password: '${env:WRONG_PW}' },
      { name: 'prod', connectionString: `mongodb://127.0.0.1:${port}/`, environment: 'production', username: 'deployer', password: '${env:SECOND_PW}' },
    ],
  }, null, 2));
});

after(async () => {
  if (server && server.exitCode === null) {
    const gone = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await gone;
  }
  rmSync(base, { recursive: true, force: true });
});

function asp(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...ENTRY, ...args], { cwd: base, encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function write(name: string, doc: unknown): string {
  const p = join(base, name);
  writeFileSync(p, JSON.stringify(doc, null, 2));
  return p;
}

const window = (size: number, group: Record<string, unknown>): unknown => ({ $tumblingWindow: { interval: { size, unit: 'second' }, pipeline: [{ $group: group }] } });
const solar = (size: number, group: Record<string, unknown>, extra: object = {}): unknown => ({
  name: 'solarDemo',
  pipeline: [{ $source: { connectionName: 'sample_stream_solar' } }, window(size, group), { $merge: { into: { connectionName: 'local', db: 'solarDb', coll: 'solarColl' } } }],
  options: { dlq: { connectionName: 'local', db: 'solarDb', coll: 'dlq' } },
  tier: 'SP10',
  ...extra,
});

test('targets: deploy creates the processor, diff shows the changes, deploy runs stop -> modify -> start, pull writes it back', () => {
  const file = write('solar.asp.json', solar(10, { _id: '$group_id', max: { $max: '$obs.watts' } }));
  let r = asp(['diff', file, '--target', 'second']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim(), 'second: processor solarDemo does not exist: deploy creates it (state CREATED)');
  r = asp(['deploy', file, '--target', 'second']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /second: create done/);
  assert.equal(asp(['start', 'solarDemo', '--target', 'second']).code, 0);
  assert.match(asp(['diff', file, '--target', 'second']).out, /second: processor solarDemo \(STARTED\) matches the file: nothing to deploy/);

  // A new accumulator, another DLQ collection, another tier.
  const changed = write('solar.asp.json', solar(10, { _id: '$group_id', min: { $min: '$obs.watts' }, max: { $max: '$obs.watts' } }, { tier: 'SP30', options: { dlq: { connectionName: 'local', db: 'solarDb', coll: 'dlq2' } } }));
  r = asp(['diff', changed, '--target', 'second']);
  assert.equal(r.code, 0, r.err);
  process.stdout.write(`asp diff printed:\n${r.out}`);
  assert.deepEqual(r.out.trim().split('\n'), [
    'second: processor solarDemo (STARTED): 3 changes',
    '  + pipeline[1].$tumblingWindow.pipeline[0].$group.min: {"$min":"$obs.watts"}',
    '  ~ options.dlq.coll: "dlq" -> "dlq2"',
    '  ~ tier: "SP10" -> "SP30"',
    'deploy runs: stop -> modify (resume from checkpoint) -> start',
  ]);
  r = asp(['deploy', changed, '--target', 'second']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /second: stop, modify, start done/);
  assert.match(asp(['diff', changed, '--target', 'second']).out, /\(STARTED\) matches the file/);
  const listed = JSON.parse(asp(['list', '--target', 'second']).out) as { streamProcessors: { name: string; state: string }[] };
  assert.deepEqual(listed.streamProcessors.map((p) => [p.name, p.state]), [['solarDemo', 'STARTED']]);

  r = asp(['pull', 'solarDemo', '--target', 'second', '--out', join(base, 'pulled.asp.json')]);
  assert.equal(r.code, 0, r.err);
  const pulled = readFileSync(join(base, 'pulled.asp.json'), 'utf8');
  assert.equal(JSON.stringify(JSON.parse(pulled)), JSON.stringify(JSON.parse(readFileSync(changed, 'utf8'))), 'the pulled file is the deployed create body, key order included');
});

test('targets: key order is a change; a modify that would lose the checkpoint is refused until --no-resume', () => {
  const file = write('order.asp.json', { ...(solar(10, { _id: '$group_id', max: { $max: '$obs.watts' } }) as object), name: 'ordered' });
  assert.equal(asp(['deploy', file, '--target', 'second']).code, 0);
  assert.equal(asp(['start', 'ordered', '--target', 'second']).code, 0);
  const swapped = write('order.asp.json', { ...(solar(10, { max: { $max: '$obs.watts' }, _id: '$group_id' }) as object), name: 'ordered' });
  assert.match(asp(['diff', swapped, '--target', 'second']).out, /~ pipeline\[1\]\.\$tumblingWindow\.pipeline\[0\]\.\$group: key order _id, max -> max, _id/);
  const resized = write('order.asp.json', { ...(solar(20, { _id: '$group_id', max: { $max: '$obs.watts' } }) as object), name: 'ordered' });
  let r = asp(['deploy', resized, '--target', 'second']);
  assert.equal(r.code, 1);
  assert.match(r.out, /cannot deploy: resumeFromCheckpoint must be false to change a window stage's interval\. Deploy again with --no-resume/);
  assert.match(asp(['list', '--target', 'second']).out, /"state": "STARTED"/, 'a refused deploy leaves the processor running');
  r = asp(['deploy', resized, '--target', 'second', '--no-resume']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /deploy runs: stop -> modify \(without the checkpoint\) -> start/);
});

test('targets: a wrong password is refused with a clear error that carries no secret; a production target needs --yes', () => {
  const r = asp(['list', '--target', 'wrong']);
  assert.equal(r.code, 1);
  assert.equal(r.err.trim(), "target wrong: authentication failed for user deployer: check the target's username and password");
  assert.doesNotMatch(r.out + r.err, /not-the-password|correct horse/);
  const missing = asp(['list', '--target', 'nope']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /has no target named "nope" \(it has: local, second, wrong, prod\)/);
  const file = write('prod.asp.json', { ...(solar(10, { _id: null, n: { $sum: 1 } }) as object), name: 'prodOne' });
  const refused = asp(['deploy', file, '--target', 'prod']);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /prod is a production target: give --yes to deploy to it/);
  assert.equal(asp(['deploy', file, '--target', 'prod', '--yes']).code, 0);
});

test('targets: asp run --target is sp.process on the target and prints what a local run prints', () => {
  // Event time from the documents, so _stream_meta is the same on both runs.
  const docs = [1, 2, 3].map((a) => ({ a, at: `2026-01-01T00:00:0${a}Z`, t: { $date: '2026-01-01T00:00:00Z' } }));
  const file = write('docs.asp.json', [{ $source: { documents: docs, timeField: { $dateFromString: { dateString: '$at' } } } }, { $match: { a: { $gte: 2 } } }, { $addFields: { b: { $multiply: ['$a', 10] } } }]);
  const local = asp(['run', file]);
  const remote = asp(['run', file, '--target', 'second']);
  assert.equal(local.code, 0, local.err);
  assert.equal(remote.code, 0, remote.err);
  assert.deepEqual(remote.out.trim().split('\n').map((l) => JSON.parse(l)), local.out.trim().split('\n').map((l) => JSON.parse(l)));
  assert.equal(remote.out.trim().split('\n').length, 2);
  // The ephemeral processor is gone afterwards, as after mongosh's sp.process.
  assert.doesNotMatch(asp(['list', '--target', 'second']).out, /docs/);
});
