// A recorded run as a fixture test: events with partition, times and source metadata; the test
// added to an existing fixture without touching the rest of its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Long } from '../../../engine/bson/types';
import type { RecordedEvent, RunRecording } from '../../../engine/runtime/recording';
import { addTestToFixture, recordedEvents, testFromRun } from '../../../engine/testing/fromRun';
import { parseFixture } from '../../../engine/testing/parse';

const T0 = Date.parse('2024-06-01T12:00:00Z');

function recording(events: RecordedEvent[], over: Partial<RunRecording> = {}): RunRecording {
  return { sourceType: 'kafka', hasTimeField: false, topics: ['orders'], events, undecodable: 0, output: [], dlq: [], truncated: false, end: { at: T0 + 5000, drained: false }, ...over };
}

const kafka = (partition: number, offset: number, at: number, time = at, extra: Record<string, unknown> = {}): RecordedEvent => ({
  doc: { n: offset },
  input: `orders:${partition}`,
  at,
  time,
  source: { type: 'kafka', topic: 'orders', partition, offset: Long.fromNumber(offset), headers: [], ...extra },
});

test('Kafka records: numeric partitions, the offset and key kept, what the test source writes itself left out', () => {
  const ev = recordedEvents(recording([kafka(0, 7, T0, T0 - 100, { key: 'k1' }), kafka(1, 3, T0 + 10)]));
  assert.deepEqual(ev, [
    { doc: { n: 7 }, at: new Date(T0), time: new Date(T0 - 100), source: { offset: Long.fromNumber(7), key: 'k1' } },
    { doc: { n: 3 }, partition: 1, at: new Date(T0 + 10), source: { offset: Long.fromNumber(3) } },
    { idle: { size: 4990, unit: 'ms' } },
  ]);
});

test('two topics: partitions are named by their watermark input, and the topic is kept', () => {
  const other = { ...kafka(0, 1, T0 + 1), input: 'refunds:0', source: { type: 'kafka', topic: 'refunds', partition: 0, offset: Long.fromNumber(1), headers: [] } };
  const ev = recordedEvents(recording([kafka(0, 1, T0), other], { topics: ['orders', 'refunds'], end: { at: T0 + 1, drained: true } }));
  assert.deepEqual(ev.map((e) => [e['partition'], (e['source'] as Record<string, unknown>)['topic']]), [['orders:0', undefined], ['refunds:0', 'refunds']]);
});

test('with a timeField the source timestamp is not written; a drained run has no idle tail', () => {
  const ev = recordedEvents(recording([{ doc: { a: 1 }, at: T0, time: T0 - 5, source: { type: 'documents' } }], { sourceType: 'documents', hasTimeField: true, end: { at: T0 + 50, drained: true } }));
  assert.deepEqual(ev, [{ doc: { a: 1 }, at: new Date(T0) }]);
});

test('the expectation: output and DLQ records, with the run-specific DLQ fields ignored', () => {
  const rec = recording([kafka(0, 1, T0)], { output: [{ a: 1 }], dlq: [{ errInfo: { reason: 'x' }, processorName: 'p.run-1', dlqTime: new Date(T0) }], end: { at: T0, drained: true } });
  const t = testFromRun(rec, { name: 'n', pipeline: 'p.asp.json', expect: 'run' });
  assert.deepEqual(Object.keys(t.test), ['name', 'pipeline', 'input', 'expect']);
  assert.deepEqual(t.test['expect'], { ignore: ['dlqTime', 'processorName'], output: [{ a: 1 }], dlq: rec.dlq });
  assert.deepEqual(t.warnings, []);
  const none = testFromRun({ ...rec, truncated: true, undecodable: 2 }, { name: 'n', expect: 'none' });
  assert.deepEqual(none.test['expect'], {});
  assert.equal(none.test['pipeline'], undefined);
  assert.equal(none.warnings.length, 2);
  const clash = testFromRun({ ...rec, output: [{ processorName: 'mine' }] }, { name: 'n', expect: 'run' });
  assert.deepEqual((clash.test['expect'] as Record<string, unknown>)['ignore'], ['dlqTime']);
  assert.match(clash.warnings[0]!, /processorName/);
});

const TEST = { name: 'new', input: { documents: [{ a: 1 }] }, expect: {} };

test('a new fixture names the pipeline once; an existing one gets the test at the end, its text kept', () => {
  const fresh = addTestToFixture(undefined, 'p.asp.json', () => ({ ...TEST }));
  assert.equal(fresh.index, 0);
  assert.deepEqual(JSON.parse(fresh.text), { pipeline: 'p.asp.json', tests: [TEST] });
  const existing = '{\n    "pipeline": "p.asp.json",\n    "tests": [\n        { "name": "new", "input": { "documents": [] }, "expect": {} }\n    ]\n}\n';
  const added = addTestToFixture(existing, 'p.asp.json', ({ ownPipeline, unique }) => {
    assert.equal(ownPipeline, false);
    return { ...TEST, name: unique('new') };
  });
  assert.equal(added.index, 1);
  assert.ok(added.text.startsWith(existing.slice(0, existing.indexOf('\n    ]'))));
  assert.match(added.text, /\n {8}\{ "name": "new \(2\)"/, 'indented like the test before it');
  const p = parseFixture(added.text, '/x/p.asp.test.json');
  assert.deepEqual(p.diagnostics, []);
  assert.deepEqual(p.tests.map((t) => t.name), ['new', 'new (2)']);
});

test('an empty tests array, another pipeline, CRLF line ends, and a text with no tests array', () => {
  const crlf = '{\r\n  "pipeline": "other.asp.json",\r\n  "tests": []\r\n}\r\n';
  const added = addTestToFixture(crlf, 'p.asp.json', ({ ownPipeline }) => ({ name: 'n', ...(ownPipeline ? { pipeline: 'p.asp.json' } : {}), input: { documents: [{ a: 1 }] }, expect: {} }));
  assert.equal(added.index, 0);
  assert.doesNotMatch(added.text.replace(/\r\n/g, ''), /\n/, 'only CRLF line ends');
  assert.equal(JSON.parse(added.text).tests[0].pipeline, 'p.asp.json');
  assert.throws(() => addTestToFixture('{ "pipeline": "p.asp.json" }', 'p.asp.json', () => ({})), /no "tests" array/);
});
