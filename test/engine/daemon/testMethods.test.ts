/**
 * The pipeline-test requests (shared/protocol/testing.ts) through a real JSON-RPC connection to
 * an in-process instance: listing tests, running them with located differences and a diff text,
 * update, the Debug trace, and a recorded run turned into a fixture that then passes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import * as P from '../../../shared/protocol';
import { rpcError, startInstance } from '../../helpers/instance';
import { waitFor } from '../../helpers/waitFor';

/** An instance whose `runEnded` notifications are kept by run name. */
async function startTestInstance(t: { after(fn: () => void | Promise<void>): void }): Promise<{ rpc: MessageConnection; dir: string; ended: Map<string, P.RunEndedParams> }> {
  const { rpc, dir } = await startInstance(t);
  const ended = new Map<string, P.RunEndedParams>();
  rpc.onNotification(P.runEnded.method, (p: P.RunEndedParams) => {
    ended.set(p.name, p);
  });
  return { rpc, dir, ended };
}

const PIPELINE = {
  name: 'watts',
  pipeline: [
    { $source: { documents: [{ d: 'a', watts: 120 }, { d: 'b', watts: 80 }, { d: 'c', watts: 0 }, { d: 'a', watts: 150 }] } },
    { $match: { watts: { $gt: 100 } } },
    { $addFields: { kw: { $divide: ['$watts', 1000] } } },
    { $merge: { into: { connectionName: 'local', db: 'x', coll: 'y' } } },
  ],
};

const FIXTURE = `{
  "pipeline": "watts.asp.json",
  "tests": [
    {
      "name": "keeps big readings",
      "input": { "documents": [{ "d": "a", "watts": 120 }, { "d": "b", "watts": 80 }] },
      "expect": { "ignore": ["_ts", "_stream_meta"], "output": [{ "d": "a", "watts": 120, "kw": 0.12 }] }
    },
    {
      "name": "a wrong expectation",
      "input": { "documents": [{ "d": "a", "watts": 300 }] },
      "expect": {
        "ignore": ["_ts", "_stream_meta"],
        "output": [
          { "d": "a", "watts": 300, "kw": 0.4 }
        ]
      }
    }
  ]
}
`;

function writeWorkspace(dir: string): { pipeline: string; fixture: string } {
  const pipeline = path.join(dir, 'watts.asp.json');
  fs.writeFileSync(pipeline, JSON.stringify(PIPELINE, null, 2));
  const fixture = path.join(dir, 'watts.asp.test.json');
  fs.writeFileSync(fixture, FIXTURE);
  return { pipeline, fixture };
}

test('asp/listFixtureTests names every test with its range, from unsaved text too', async (t) => {
  const { rpc, dir } = await startTestInstance(t);
  const { fixture } = writeWorkspace(dir);
  const listed = await rpc.sendRequest(P.listFixtureTests, { file: fixture });
  assert.deepEqual(listed.tests.map((x) => [x.index, x.name, x.span.line, x.span.col]), [[0, 'keeps big readings', 4, 5], [1, 'a wrong expectation', 9, 5]]);
  assert.equal(listed.tests[1]!.span.endLine, 18);
  const edited = await rpc.sendRequest(P.listFixtureTests, { file: fixture, text: FIXTURE.replace('a wrong expectation', 'renamed') });
  assert.equal(edited.tests[1]!.name, 'renamed');
  const broken = await rpc.sendRequest(P.listFixtureTests, { file: fixture, text: '{ "tests": [ ' });
  assert.equal(broken.tests.length, 0);
  assert.ok(broken.diagnostics.length > 0 && broken.diagnostics[0]!.line === 1, JSON.stringify(broken.diagnostics));
});

test('asp/runFixture: a pass, a failure located at the expected value with a diff text, and update', async (t) => {
  const { rpc, dir } = await startTestInstance(t);
  const { fixture, pipeline } = writeWorkspace(dir);
  const r = await rpc.sendRequest(P.runFixture, { file: fixture });
  assert.equal(r.summary, '1 passed, 1 failed');
  const [ok, bad] = r.results;
  assert.equal(ok!.passed, true);
  assert.equal(ok!.pipelineFile, pipeline);
  assert.equal(bad!.passed, false);
  assert.deepEqual(bad!.differences.map((d) => [d.path, d.expected, d.actual]), [['output[0].kw', 0.4, 0.3]]);
  // The value 0.4 on line 15 of the fixture.
  const at = bad!.differences[0]!.at;
  assert.equal(at.line, 15);
  assert.equal(FIXTURE.slice(at.offset, at.offset + at.length), '0.4');
  assert.match(bad!.report, /✗ a wrong expectation/);
  assert.ok(bad!.compare);
  assert.match(bad!.compare.expected, /"kw": 0\.4/);
  assert.match(bad!.compare.actual, /"kw": 0\.3/);
  assert.doesNotMatch(bad!.compare.actual, /_ts/, 'ignored paths are left out of the diff');

  const only = await rpc.sendRequest(P.runFixture, { file: fixture, only: [1], update: true });
  assert.deepEqual(only.results.map((x) => x.index), [1]);
  assert.deepEqual(only.updated, [1]);
  assert.ok(only.updatedText);
  assert.match(only.updatedText, /"kw": 0\.3/);
  const again = await rpc.sendRequest(P.runFixture, { file: fixture, text: only.updatedText });
  assert.equal(again.summary, '2 passed, 0 failed');
});

test('asp/runFixture with debug returns the per-stage trace of each test', async (t) => {
  const { rpc, dir } = await startTestInstance(t);
  const { fixture } = writeWorkspace(dir);
  const r = await rpc.sendRequest(P.runFixture, { file: fixture, only: [0], debug: { perStage: 5 } });
  const trace = r.results[0]!.trace;
  assert.ok(trace, 'a trace');
  assert.deepEqual(trace.map((s) => [s.index, s.stage, s.inCount, s.outCount, s.droppedCount]), [[0, '$source', 2, 2, 0], [1, '$match', 2, 1, 1], [2, '$addFields', 1, 1, 0]]);
  assert.equal(trace[1]!.dropped[0]!['d'], 'b');
});

test('a fixture that cannot be read is one failed result naming the file, not a thrown error', async (t) => {
  const { rpc, dir } = await startTestInstance(t);
  const file = path.join(dir, 'bad.asp.test.json');
  const r = await rpc.sendRequest(P.runFixture, { file, text: '{ "tests": [] }' });
  assert.equal(r.results.length, 1);
  assert.equal(r.results[0]!.passed, false);
  assert.equal(r.results[0]!.problems[0]!.file, file);
  const missing = await rpcError(rpc.sendRequest(P.runFixture, { file: path.join(dir, 'nope.asp.test.json') }));
  assert.equal(missing.code, P.AspErrorCodes.NotFound);
});

async function recordedRun(rpc: MessageConnection, ended: Map<string, P.RunEndedParams>, name: string, pipeline: unknown[], file: string, maxDocs = 1000): Promise<P.RunEndedParams> {
  await rpc.sendRequest(P.processStreamProcessor, { name, pipeline, file, run: { sinks: 'capture', maxDocs, stream: false, record: {} } });
  return waitFor(() => ended.get(name), `run ${name} to end`);
}

test('Save as test: a recorded run becomes a fixture test that passes, DLQ records included', async (t) => {
  const { rpc, dir, ended } = await startTestInstance(t);
  const { pipeline, fixture } = writeWorkspace(dir);
  const withDlq = [
    { $source: { documents: [{ _id: 1, a: 10, b: 2 }, { _id: 2, a: 10, b: 0 }, { _id: 3, a: 9, b: 3 }] } },
    { $addFields: { ratio: { $divide: ['$a', '$b'] } } },
  ];
  const end = await recordedRun(rpc, ended, 'watts.run-1', withDlq, pipeline);
  assert.equal(end.reason, 'drained');
  const rec = await rpc.sendRequest(P.getRunRecording, { name: 'watts.run-1' });
  assert.deepEqual(rec.events.map((e) => e.doc['_id']), [1, 2, 3]);
  assert.ok(rec.events.every((e) => !('_ts' in e.doc)), 'documents as the source decoded them');
  assert.equal(rec.output.length, 2);
  assert.equal(rec.dlq.length, 1);

  fs.writeFileSync(path.join(dir, 'ratios.asp.json'), JSON.stringify(withDlq));
  const made = await rpc.sendRequest(P.fixtureFromRun, { name: 'watts.run-1', fixtureFile: fixture, testName: 'keeps big readings', pipeline: 'ratios.asp.json', expect: 'run' });
  assert.equal(made.index, 2, 'added after the two tests');
  assert.deepEqual(made.warnings, []);
  assert.ok(made.text.startsWith(FIXTURE.slice(0, FIXTURE.lastIndexOf('    }\n  ]'))), 'the rest of the file keeps its text');
  const r = await rpc.sendRequest(P.runFixture, { file: fixture, text: made.text, only: [2] });
  assert.equal(r.results[0]!.name, 'keeps big readings (2)', 'a name already taken gets a number');
  assert.equal(r.results[0]!.passed, true, r.results[0]!.report);

  const fresh = path.join(dir, 'fresh.asp.test.json');
  const first = await rpc.sendRequest(P.fixtureFromRun, { name: 'watts.run-1', fixtureFile: fresh, testName: 'ratios', pipeline: 'ratios.asp.json', expect: 'run' });
  assert.equal(first.index, 0);
  assert.equal(JSON.parse(first.text).pipeline, 'ratios.asp.json');
  fs.writeFileSync(fresh, first.text);
  const rf = await rpc.sendRequest(P.runFixture, { file: fresh });
  assert.equal(rf.summary, '1 passed, 0 failed', rf.results[0]!.report);
});

test('Save as test of an endless source stopped by its limit: drain off, and the replay matches', async (t) => {
  const { rpc, dir, ended } = await startTestInstance(t);
  const sample = [{ $source: { connectionName: 'sample_stream_solar' } }, { $match: { 'obs.watts': { $gt: 100 } } }];
  const file = path.join(dir, 'solar.asp.json');
  fs.writeFileSync(file, JSON.stringify(sample));
  const end = await recordedRun(rpc, ended, 'solar.run-1', sample, file, 5);
  assert.equal(end.reason, 'limit');
  const fixtureFile = path.join(dir, 'solar.asp.test.json');
  const made = await rpc.sendRequest(P.fixtureFromRun, { name: 'solar.run-1', fixtureFile, testName: 'solar', pipeline: 'solar.asp.json', expect: 'run' });
  const parsed = JSON.parse(made.text) as { tests: { input: { drain?: boolean; events: unknown[] }; expect: { output: unknown[] } }[] };
  assert.equal(parsed.tests[0]!.input.drain, false);
  assert.ok(parsed.tests[0]!.expect.output.length >= 5);
  fs.writeFileSync(fixtureFile, made.text);
  const r = await rpc.sendRequest(P.runFixture, { file: fixtureFile });
  assert.equal(r.summary, '1 passed, 0 failed', r.results[0]!.report);
});

test('Capture input: an empty expectation, filled by update from a run of the fixture', async (t) => {
  const { rpc, dir, ended } = await startTestInstance(t);
  const sample = [{ $source: { connectionName: 'sample_stream_solar' } }];
  const file = path.join(dir, 'solar.asp.json');
  fs.writeFileSync(file, JSON.stringify([...sample, { $project: { device_id: 1 } }]));
  await recordedRun(rpc, ended, 'solar.capture-1', sample, file, 3);
  const rec = await rpc.sendRequest(P.getRunRecording, { name: 'solar.capture-1', documentsIndent: '    ' });
  assert.equal(rec.events.length, 3);
  assert.ok(rec.documentsText);
  assert.deepEqual(JSON.parse(rec.documentsText), rec.events.map((e) => e.doc));
  assert.match(rec.documentsText, /^\[\n {6}\{/);
  const fixtureFile = path.join(dir, 'solar.asp.test.json');
  const made = await rpc.sendRequest(P.fixtureFromRun, { name: 'solar.capture-1', fixtureFile, testName: 'captured', pipeline: 'solar.asp.json', expect: 'none' });
  assert.deepEqual(JSON.parse(made.text).tests[0].expect, {});
  const upd = await rpc.sendRequest(P.runFixture, { file: fixtureFile, text: made.text, update: true });
  assert.ok(upd.updatedText, upd.results[0]!.report);
  const r = await rpc.sendRequest(P.runFixture, { file: fixtureFile, text: upd.updatedText });
  assert.equal(r.summary, '1 passed, 0 failed');
  assert.equal(r.results[0]!.actual?.output.length, 3);
});

test('a run without a recording is a clear NotFound error', async (t) => {
  const { rpc } = await startTestInstance(t);
  const e = await rpcError(rpc.sendRequest(P.fixtureFromRun, { name: 'nope', fixtureFile: '/tmp/x.asp.test.json', testName: 't', pipeline: 'x.asp.json', expect: 'run' }));
  assert.equal(e.code, P.AspErrorCodes.NotFound);
  assert.match(e.message, /run 'nope' has no recorded input/);
});
