// Running fixtures: the source is fed from the timeline under a manual clock, the sink is
// captured, partitions have their own watermarks, idleness and drain behave as on a real run.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadConnectionRegistryFile } from '../../../engine/connectors/catalog/registry';
import { createServices } from '../../../engine/connectors/services';
import type { Doc } from '../../../engine/core/types';
import { runFixtureFile, type TestResult } from '../../../engine/testing/fixtureRun';
import type { TestHost } from '../../../engine/testing/load';

const base = mkdtempSync(join(tmpdir(), 'asp-fixture-run-'));
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

const registryFile = join(base, 'asp.connections.json');
writeFileSync(registryFile, JSON.stringify({ connections: [{ name: 'kafka', type: 'Kafka', bootstrapServers: '${env:ASP_TEST_UNSET_BROKERS}' }] }));
const host: TestHost = { registry: (explicit) => loadConnectionRegistryFile(explicit ?? registryFile) };

function write(name: string, value: unknown): string {
  const f = join(base, name);
  writeFileSync(f, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return f;
}

async function runOne(pipeline: unknown, input: Record<string, unknown>, expect: Record<string, unknown> = {}): Promise<TestResult> {
  const f = write(`t${++n}.asp.test.json`, { pipeline, tests: [{ name: 'case', input, expect }] });
  const { results } = await runFixtureFile(f, host);
  assert.equal(results.length, 1);
  return results[0]!;
}

const actual = (r: TestResult): { output: Doc[]; dlq: Doc[] } => {
  assert.deepEqual(r.problems, []);
  assert.ok(r.actual, 'the test ran');
  return r.actual;
};

const kafkaWindow = (extra: Record<string, unknown> = {}) => [
  { $source: { connectionName: 'kafka', topic: 'orders', timeField: { $toDate: '$t' }, ...extra } },
  { $tumblingWindow: { interval: { size: 10, unit: 'second' }, pipeline: [{ $group: { _id: null, n: { $sum: 1 } } }] } },
  { $project: { _id: 0, n: 1, start: { $meta: 'stream.window.start' } } },
  { $merge: { into: { connectionName: 'local', db: 'x', coll: 'y' } } },
];
const at = (s: number): string => new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString();

test('fixture run: without timeField the event time is `time`, else the arrival time (`at`, start + step)', async () => {
  const r = await runOne([{ $source: { documents: [] } }], {
    start: { $date: '2024-01-01T00:00:00Z' },
    step: { size: 2, unit: 'second' },
    events: [{ doc: { i: 0 } }, { doc: { i: 1 } }, { doc: { i: 2 }, time: { $date: '2020-05-05T00:00:00Z' } }, { doc: { i: 3 }, at: { $date: '2024-01-01T01:00:00Z' } }, { doc: { i: 4 } }],
  });
  const ts = actual(r).output.map((d) => (d['_ts'] as Date).toISOString());
  assert.deepEqual(ts, ['2024-01-01T00:00:00.000Z', '2024-01-01T00:00:02.000Z', '2020-05-05T00:00:00.000Z', '2024-01-01T01:00:00.000Z', '2024-01-01T01:00:02.000Z']);
  assert.deepEqual(actual(r).output[0]!['_stream_meta'], { source: { type: 'documents' } });
});

test('fixture run: the sink is captured, so a $merge pipeline needs no services and writes nothing', async () => {
  let asked = 0;
  const f = write(`t${++n}.asp.test.json`, { pipeline: kafkaWindow(), tests: [{ name: 'c', input: { events: [{ doc: { t: at(1) } }] }, expect: {} }] });
  const { results } = await runFixtureFile(f, host, { services: async () => { asked++; throw new Error('not expected'); } });
  assert.equal(asked, 0);
  assert.deepEqual(actual(results[0]!).output.map((d) => d['n']), [1], 'drain (the default) closes the open window at the end');
  assert.deepEqual(actual(results[0]!).output[0]!['_stream_meta'], { source: { type: 'kafka' }, window: { start: new Date(at(0)), end: new Date(at(10)) } });
});

test('fixture run: each partition has its own watermark; the lowest holds windows open (drain off)', async () => {
  const events = [
    { partition: 0, doc: { t: at(1) } },
    { partition: 1, doc: { t: at(2) } },
    { partition: 0, doc: { t: at(15) } },
  ];
  const held = await runOne(kafkaWindow(), { drain: false, events });
  assert.deepEqual(actual(held).output, [], 'partition 1 (at 00:00:02) holds the watermark below 00:00:10');
  const one = await runOne(kafkaWindow(), { drain: false, events: events.map((e) => ({ ...e, partition: 0 })) });
  assert.deepEqual(actual(one).output.map((d) => d['n']), [2], 'on one partition the same events close the first window');
});

test('fixture run: partitionIdleTimeout from the pipeline or the fixture lets an idle partition go', async () => {
  const events = [
    { partition: 0, doc: { t: at(1) } },
    { partition: 1, doc: { t: at(2) } },
    { idle: { size: 5, unit: 'second' } },
    { partition: 0, doc: { t: at(15) } },
  ];
  const fromPipeline = await runOne(kafkaWindow({ partitionIdleTimeout: { size: 5, unit: 'second' } }), { drain: false, events });
  assert.deepEqual(actual(fromPipeline).output.map((d) => d['n']), [2]);
  const tooShort = await runOne(kafkaWindow({ partitionIdleTimeout: { size: 6, unit: 'second' } }), { drain: false, events });
  assert.deepEqual(actual(tooShort).output, [], 'an idle gap shorter than the timeout keeps the partition active');
  const fromFixture = await runOne(kafkaWindow({ partitionIdleTimeout: { size: 1, unit: 'hour' } }), { drain: false, partitionIdleTimeout: { size: 5, unit: 'second' }, events });
  assert.deepEqual(actual(fromFixture).output.map((d) => d['n']), [2], 'the fixture overrides the pipeline');
});

test('fixture run: Kafka documents get _stream_meta.source with topic, partition, offset and the event`s own members', async () => {
  const r = await runOne([{ $source: { connectionName: 'kafka', topic: ['a', 'b'] } }, { $addFields: { key: { $meta: 'stream.source.key' } } }], {
    events: [{ partition: 3, doc: { x: 1 }, source: { key: 'k1' } }, { partition: 3, doc: { x: 2 } }],
  });
  const out = actual(r).output;
  assert.equal(out[0]!['key'], 'k1');
  const meta = out.map((d) => (d['_stream_meta'] as { source: Doc }).source);
  assert.deepEqual(meta.map((m) => [m['topic'], m['partition'], Number(m['offset'])]), [['a', 3, 0], ['a', 3, 1]]);
});

test('fixture run: a document whose timeField fails is a DLQ record of the replaced source', async () => {
  const r = await runOne([{ $source: { connectionName: 'kafka', topic: 't', timeField: { $toDate: '$when' } } }], { events: [{ doc: { when: 'soon' } }] });
  const dlq = actual(r).dlq;
  assert.equal(dlq.length, 1);
  assert.equal(dlq[0]!['operatorName'], 'KafkaConsumerOperator');
  assert.match((dlq[0]!['errInfo'] as { reason: string }).reason, /^Failed to extract timestamp from document/);
});

test('fixture run: window idleTimeout fires on processing time from idle events, never on the wall clock', async () => {
  const p = [
    { $source: { documents: [], timeField: '$t' } },
    { $tumblingWindow: { interval: { size: 10, unit: 'second' }, idleTimeout: { size: 30, unit: 'second' }, pipeline: [{ $count: 'n' }] } },
  ];
  const doc = { t: { $date: at(1) } };
  const fired = await runOne(p, { drain: false, events: [{ doc }, { idle: { size: 30, unit: 'second' } }] });
  assert.deepEqual(actual(fired).output.map((d) => d['n']), [1]);
  const open = await runOne(p, { drain: false, events: [{ doc }, { idle: { size: 29, unit: 'second' } }] });
  assert.deepEqual(actual(open).output, []);
});

test('fixture run: DLQ times and $currentDate come from the injected clock', async () => {
  const r = await runOne([{ $source: { documents: [] } }, { $addFields: { now: { $currentDate: {} }, q: { $divide: [1, '$d'] } } }], {
    start: { $date: '2024-03-01T10:00:00Z' },
    documents: [{ d: 2 }, { d: 0 }],
  });
  const { output, dlq } = actual(r);
  assert.equal((output[0]!['now'] as Date).toISOString(), '2024-03-01T10:00:00.000Z');
  assert.equal((dlq[0]!['dlqTime'] as Date).toISOString(), '2024-03-01T10:00:00.000Z');
});

test('fixture run: pipeline errors fail the test, located in the pipeline file or inline in the fixture', async () => {
  const pf = write('broken.asp.json', '[\n  { "$source": { "documents": [] } },\n  { "$mtch": {} }\n]\n');
  const fromFile = await runOne('broken.asp.json', { documents: [] });
  assert.equal(fromFile.passed, false);
  assert.deepEqual(fromFile.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.code}`), [`${pf}:3:5 ASP204`]);
  const f = write(`t${++n}.asp.test.json`, '{\n  "tests": [{\n    "name": "inline",\n    "pipeline": [{ "$source": { "documents": [] } }, { "$match": { "$bogus": 1 } }],\n    "input": { "documents": [] },\n    "expect": {}\n  }]\n}\n');
  const inline = (await runFixtureFile(f, host)).results[0]!;
  assert.deepEqual(inline.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.code}`), [`${f}:4:68 ASP420`]);
});

test('fixture run: unreadable files and a missing pipeline are problems of the test, named by position', async () => {
  const noPipe = await runOne(undefined, { documents: [] });
  assert.match(noPipe.problems[0]!.message, /names no pipeline/);
  const missing = await runOne('nope.asp.json', { documentsFile: 'nope.jsonl' });
  assert.deepEqual(missing.problems.map((p) => p.message), ['cannot read pipeline file nope.asp.json: no such file', 'cannot read documentsFile nope.jsonl: no such file']);
  write('lines.jsonl', '{"a": 1}\n{"a": \n[1]\n');
  const lines = await runOne([{ $source: { documents: [] } }], { documentsFile: 'lines.jsonl' });
  assert.deepEqual(lines.problems.map((p) => `${p.line}:${p.col} ${p.code}`), ['2:1 ASP603', '3:1 ASP603']);
  assert.match(lines.problems[1]!.message, /line 3: expected a document/);
});

test('fixture run: an events file holds one event per line, located by line on problems', async () => {
  write('ev.jsonl', '{"doc": {"a": 1}, "at": {"$date": "2024-01-01T00:00:05Z"}}\n\n{"idle": {"size": 1, "unit": "second"}}\n{"doc": {"a": 2}, "at": {"$date": "2024-01-01T00:00:01Z"}}\n{"dok": {}}\n');
  const r = await runOne([{ $source: { documents: [] } }], { eventsFile: 'ev.jsonl' });
  assert.deepEqual(r.problems.map((p) => `${p.file.endsWith('ev.jsonl')}:${p.line} ${p.code}`), ['true:5 ASP603', 'true:5 ASP603', 'true:4 ASP603']);
  assert.match(r.problems[0]!.message, /line 5: unknown field 'dok'/);
  assert.match(r.problems[1]!.message, /line 5: missing field 'doc'/);
  assert.match(r.problems[2]!.message, /processing time cannot go back/);
});

test('fixture run: a $lookup asks the caller for services and runs against them', async () => {
  const dir = mkdtempSync(join(base, 'state-'));
  let asked = 0;
  const f = write(`t${++n}.asp.test.json`, {
    pipeline: [{ $source: { documents: [] } }, { $lookup: { from: { connectionName: 'local', db: 'ref', coll: 'devices' }, localField: 'd', foreignField: '_id', as: 'device' } }],
    tests: [{ name: 'lookup', input: { documents: [{ d: 'x' }] }, expect: {} }],
  });
  const { results } = await runFixtureFile(f, host, {
    services: async (registry) => {
      asked++;
      const s = createServices(registry, { stateDir: dir });
      await s.collection('local', 'ref', 'devices').insertMany([{ _id: 'x', name: 'pump' }]);
      return { value: s, close: () => s.close() };
    },
  });
  assert.equal(asked, 1);
  const out = actual(results[0]!).output;
  assert.deepEqual(out[0]!['device'], [{ _id: 'x', name: 'pump' }]);
});
