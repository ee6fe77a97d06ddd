/**
 * MongoDB's own shell against `asp serve --wire`: `sp.process` prints what `asp run` prints on
 * the same pipeline, and each `sp` helper (create, start, stats, sample, stop, modify, drop,
 * listStreamProcessors, listConnections, listWorkspaceDefaults) works as on Atlas. mongosh is
 * installed by the test setup (test/infra/mongosh.ts); the instance is the real CLI process.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aspNodeArgs } from '../../helpers/aspBin';
import { ensureMongosh, type Mongosh } from '../../infra/mongosh';

const base = mkdtempSync(join(tmpdir(), 'asp-mongosh-'));
after(() => rmSync(base, { recursive: true, force: true }));

const aspArgs = aspNodeArgs();
/** mongosh keeps logs, history and config under HOME: give it its own, and no telemetry. */
const shellEnv = { ...process.env, HOME: join(base, 'home'), MONGOSH_FORCE_DISABLE_TELEMETRY_FOR_TESTING: '1' };

let mongosh: Mongosh;
const servers: ChildProcess[] = [];
/** Each server's stderr: ASP_WIRE_TRACE lines name every command a client sent. */
const traces = new Map<number, () => string>();

let shared: Promise<number> | undefined;
/** One instance without auth for the tests that need nothing special. */
const sharedPort = (): Promise<number> => (shared ??= serve());

/** `asp serve --wire 127.0.0.1:0 ...` as a child process; resolves with the port it printed. */
function serve(extra: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const state = mkdtempSync(join(base, 'state-'));
  const child = spawn(process.execPath, [...aspArgs, 'serve', '--state-dir', state, '--wire', '127.0.0.1:0', ...extra], { env: { ...env, ASP_WIRE_TRACE: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  servers.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /MongoDB wire protocol on 127\.0\.0\.1:(\d+)\n/.exec(err);
      if (m) {
        traces.set(Number(m[1]), () => err);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`asp serve exited with ${code}: ${err}`)));
  });
}

function shell(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [mongosh.bin, '--quiet', ...args], { env: shellEnv, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 }, (e, out, err) => resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out, err }));
  });
}

before(() => {
  mongosh = ensureMongosh();
  process.stdout.write(`mongosh ${mongosh.version}\n`);
}, { timeout: 900_000 });

after(async () => {
  await Promise.all(servers.map((c) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM'))))));
});

// A pipeline with event times from the documents (so _ts is the same in both runs), numbers of
// both kinds, nesting, and one document that goes to the DLQ.
const PIPELINE = [
  {
    $source: {
      documents: [
        { id: 1, v: 2, at: '2024-01-01T00:00:00Z', tags: ['a', 'b'] },
        { id: 2, v: 3.5, at: '2024-01-01T00:00:01Z', nested: { x: null, y: [1, { z: 'q' }] } },
        { id: 3, v: 'x', at: '2024-01-01T00:00:02Z' },
        { id: 4, v: -1, at: '2024-01-01T00:00:03Z' },
      ],
      timeField: { $dateFromString: { dateString: '$at' } },
    },
  },
  { $addFields: { twice: { $multiply: ['$v', 2] }, when: { $dateFromString: { dateString: '$at' } } } },
  { $match: { id: { $lte: 3 } } },
  { $project: { at: 0 } },
];

/** The two runs differ only in wall-clock DLQ times and the generated processor name. */
const mask = (s: string): string => s.replace(/dlqTime: ISODate\('[^']*'\)/g, 'dlqTime: <time>').replace(/processorName: '[^']*'/g, 'processorName: <name>');

test('mongosh: sp.process([...]) prints the same documents as asp run on the same pipeline', { timeout: 600_000 }, async () => {
  const file = join(base, 'parity.asp.json');
  writeFileSync(file, JSON.stringify(PIPELINE, null, 2));
  const run = spawnSync(process.execPath, [...aspArgs, 'run', file], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 3, run.stdout);

  const port = await sharedPort();
  const viaWire = await shell([`mongodb://127.0.0.1:${port}`, '--eval', `sp.process(${JSON.stringify(PIPELINE)})`]);
  assert.equal(viaWire.code, 0, viaWire.err);
  // asp run's lines, printed by the same shell's printjson, are the expected text.
  const expected = await shell(['--nodb', '--eval', `for (const l of ${JSON.stringify(lines)}) printjson(EJSON.parse(l))`]);
  assert.equal(expected.code, 0, expected.err);
  process.stdout.write(`sp.process transcript (mongosh ${mongosh.version}):\n${viaWire.out}\n`);
  const sent = (traces.get(port)?.() ?? '').split('\n').filter((l) => l.includes(': wire: connection ')).map((l) => l.replace(/^asp daemon: wire: /, ''));
  process.stdout.write(`commands mongosh sent for sp.process:\n${sent.join('\n')}\n`);
  assert.ok(sent.some((l) => l.endsWith('processStreamProcessor')) && sent.some((l) => l.endsWith('getMoreSampleStreamProcessor')), sent.join('\n'));
  assert.equal(mask(viaWire.out), mask(expected.out));
  assert.equal((viaWire.out.match(/_stream_meta: \{/g) ?? []).length, 3, 'two outputs and one DLQ record, each with _stream_meta');
  assert.match(viaWire.out, /_dlqMessage: \{[\s\S]*\$multiply only supports numeric types, not string/);
  assert.match(viaWire.out, /_ts: ISODate\('2024-01-01T00:00:01\.000Z'\)/);
});

/** The lifecycle script: each helper's result is printed as `@@key <relaxed EJSON>`. */
const LIFECYCLE = `
const out = (k, v) => print('@@' + k + ' ' + EJSON.stringify(v, { relaxed: true }));
const plain = (list) => list.map((p) => ({ name: p.name, state: p.state, pipeline: p.pipeline }));
const solar = [{ $source: { connectionName: 'sample_stream_solar' } }, { $merge: { into: { connectionName: 'local', db: 'wire', coll: 'solar' } } }];
const p = sp.createStreamProcessor('solar', solar, { dlq: { connectionName: 'local', db: 'wire', coll: 'dlq' } });
out('create', { name: p.name });
out('start', sp.solar.start());
let st;
for (let i = 0; i < 600; i++) { st = sp.solar.stats(); if (st.stats.inputMessageCount >= 3) break; sleep(100); }
out('stats', { ok: st.ok, name: st.name, state: st.state, input: st.stats.inputMessageCount, pipeline: st.pipeline });
print('@@sample-begin');
sp.solar.sample({ limit: 2 });
print('@@sample-end');
out('listStarted', plain(sp.listStreamProcessors({ state: 'STARTED' })));
out('stop', sp.solar.stop());
out('modify', sp.solar.modify([solar[0], { $match: { 'obs.watts': { $gte: 0 } } }, solar[1]], { resumeFromCheckpoint: false }));
out('listModified', plain(sp.listStreamProcessors({ name: { $regex: '^sol' } })));
out('connections', sp.listConnections().map((c) => ({ name: c.name, type: c.type })));
out('defaults', sp.listWorkspaceDefaults());
out('drop', sp.solar.drop());
out('listEnd', plain(sp.listStreamProcessors()));
try { out('missing', sp.nope.start()); } catch (e) { out('missing', { thrown: e.name, code: e.code, codeName: e.codeName, message: e.message }); }
`;

function results(text: string): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const line of text.split('\n')) {
    const m = /^@@(\w+) (.*)$/.exec(line);
    if (m) r[m[1]!] = JSON.parse(m[2]!);
  }
  return r;
}

test('mongosh: the sp helpers drive a processor through its whole life', { timeout: 600_000 }, async () => {
  const port = await sharedPort();
  const r = await shell([`mongodb://127.0.0.1:${port}`, '--eval', LIFECYCLE]);
  assert.equal(r.code, 0, r.err + r.out);
  const got = results(r.out);
  const solar = [{ $source: { connectionName: 'sample_stream_solar' } }, { $merge: { into: { connectionName: 'local', db: 'wire', coll: 'solar' } } }];
  const modified = [solar[0], { $match: { 'obs.watts': { $gte: 0 } } }, solar[1]];
  assert.deepEqual(got['create'], { name: 'solar' });
  assert.deepEqual(got['start'], { ok: 1 });
  const stats = got['stats'] as { ok: number; name: string; state: string; input: number; pipeline: unknown };
  assert.deepEqual([stats.ok, stats.name, stats.state, stats.pipeline], [1, 'solar', 'STARTED', solar]);
  assert.ok(stats.input >= 3, `inputMessageCount ${stats.input}`);
  const sample = r.out.slice(r.out.indexOf('@@sample-begin'), r.out.indexOf('@@sample-end'));
  assert.equal((sample.match(/device_id: '/g) ?? []).length, 2, `two sampled documents:\n${sample}`);
  assert.deepEqual(got['listStarted'], [{ name: 'solar', state: 'STARTED', pipeline: solar }]);
  assert.deepEqual(got['stop'], { ok: 1 });
  assert.deepEqual(got['modify'], { ok: 1 });
  assert.deepEqual(got['listModified'], [{ name: 'solar', state: 'STOPPED', pipeline: modified }]);
  const conns = got['connections'] as { name: string; type: string }[];
  assert.ok(conns.some((c) => c.name === 'sample_stream_solar' && c.type === 'Sample'), JSON.stringify(conns));
  assert.deepEqual(got['defaults'], { ok: 1, defaultTierSize: 'SP10', maxTierSize: 'SP50' });
  assert.deepEqual(got['drop'], { ok: 1 });
  assert.deepEqual(got['listEnd'], []);
  // mongosh 2.12 throws the error reply as a MongoServerError (code and codeName from the reply).
  assert.deepEqual(got['missing'], { thrown: 'MongoServerError', code: 415, codeName: 'StreamProcessorDoesNotExist', message: "Stream processor 'nope' does not exist" });
});

test('mongosh: with --wire-user/--wire-password the right password connects and a wrong one is refused', { timeout: 600_000 }, async () => {
  const env = { ...process.env, ASP_TEST_WIRE_USER: 'studio', ASP_TEST_WIRE_PW: 'pa55-w0rd' };
  const port = await serve(['--wire-user', '${env:ASP_TEST_WIRE_USER}', '--wire-password', '${env:ASP_TEST_WIRE_PW}'], env);
  const ok = await shell([`mongodb://studio:pa55-w0rd@127.0.0.1:${port}/`, '--eval', `print('@@list ' + EJSON.stringify(sp.listStreamProcessors().length))`]);
  assert.equal(ok.code, 0, ok.err + ok.out);
  assert.deepEqual(results(ok.out)['list'], 0);
  const bad = await shell([`mongodb://studio:wrong@127.0.0.1:${port}/`, '--eval', 'sp.listStreamProcessors()']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.err + bad.out, /MongoServerError(\[AuthenticationFailed\])?: Authentication failed\./);
  assert.ok(!(bad.err + bad.out).includes('pa55-w0rd'));
  const anon = await shell([`mongodb://127.0.0.1:${port}/`, '--eval', 'printjson(sp.listStreamProcessors())']);
  assert.match(anon.out + anon.err, /command listStreamProcessors requires authentication/);
});
