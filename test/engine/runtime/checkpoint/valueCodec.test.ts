import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { CodecError, ValueReader, ValueWriter } from '../../../../engine/runtime/checkpoint/valueCodec';
import { decodeCheckpoint, encodeCheckpoint, tableSnapshot } from '../../../../engine/runtime/checkpoint/codec';
import { analyzeText } from '../../../../engine/pipeline/analyze';
import { buildChain } from '../../../../engine/pipeline/chain';
import { builtinRegistry } from '../../../../engine/connectors/catalog/registry';
import { ManualClock } from '../../../../engine/core/clock';
import type { Value } from '../../../../engine/core/types';
import type { Operator } from '../../../../engine/core/operator';

function roundTrip(v: Value, chunkBytes?: number): Value {
  const w = new ValueWriter(0, 16, chunkBytes);
  w.value(v);
  const r = new ValueReader(Buffer.concat(w.finish()));
  const out = r.value();
  assert.ok(r.done, 'reader consumed everything');
  return out;
}

const nullProto = Object.assign(Object.create(null) as Record<string, Value>, { a: 1 });
const manyKeys: Record<string, number> = {};
for (let i = 0; i < 5000; i++) manyKeys[`f${i}`] = i;

// [name, input, expected (when it differs from the input)]
const CASES: [string, Value, Value?][] = [
  ['null', null],
  ['missing (undefined) inside an array', [1, undefined, 2]],
  ['missing field is kept as undefined', { a: undefined, b: 1 }],
  ['true / false', [true, false]],
  ['int32 bounds', [0, 1, -1, 2147483647, -2147483648]],
  ['beyond int32 is a double', [2147483648, -2147483649, 2 ** 53]],
  ['negative zero keeps its sign', -0],
  ['fractions, NaN and infinities', [1.5, -0.25, NaN, Infinity, -Infinity]],
  ['empty string', ''],
  ['ASCII string', 'hello'],
  ['non-ASCII string', 'héllo ✓ 日本 🎉'],
  ['long ASCII string', 'x'.repeat(300)],
  ['long non-ASCII string', 'é'.repeat(200)],
  ['date', new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6))],
  ['Long', Long.fromString('9007199254740993')],
  ['Decimal128', Decimal128.fromString('1.10')],
  ['ObjectId', new ObjectId('65a1b2c3d4e5f60718293a4b')],
  ['Binary', new Binary(Buffer.from([1, 2, 3]), 4)],
  ['Timestamp', new Timestamp({ t: 5, i: 6 })],
  ['regex', new BSONRegExp('^a', 'i')],
  ['MinKey / MaxKey', [new MinKey(), new MaxKey()]],
  ['Int32 and Double wrappers decode as plain numbers', [new Int32(3), new Double(2.5)], [3, 2.5]],
  ['nested documents and arrays', { a: { b: [{ c: [1, { d: 'x' }] }] }, e: [] }],
  ['null-prototype object', nullProto, { a: 1 }],
  ['more distinct keys than get ids', manyKeys],
  ['repeated keys across objects', [{ sum: 1, n: 2 }, { sum: 3, n: 4 }, { n: 5, sum: 6 }]],
];

for (const [name, input, expected] of CASES) {
  test(`value codec: ${name}`, () => {
    assert.deepEqual(roundTrip(input), expected === undefined ? input : expected);
  });
}

test('value codec: an invalid date stays an invalid date', () => {
  const out = roundTrip(new Date(NaN));
  assert.ok(out instanceof Date && Number.isNaN(out.getTime()));
});

test('value codec: values spread over many small chunks', () => {
  const v = Array.from({ length: 2000 }, (_, i) => ({ k: `key-${i}`, n: i * 1.5, d: new Date(i) }));
  const w = new ValueWriter(0, 16, 64);
  w.value(v);
  const chunks = w.finish();
  assert.ok(chunks.length > 100);
  assert.deepEqual(new ValueReader(Buffer.concat(chunks)).value(), v);
});

test('value codec: functions and symbols are refused; truncated data throws CodecError', () => {
  const w = new ValueWriter(0);
  assert.throws(() => w.value(() => 1), CodecError);
  const w2 = new ValueWriter(0);
  w2.value({ a: 'abcdef', b: [1, 2, 3] });
  const buf = Buffer.concat(w2.finish());
  for (const cut of [1, 3, 6, buf.length - 1]) {
    assert.throws(() => new ValueReader(buf.subarray(0, cut)).value(), CodecError, `cut at ${cut}`);
  }
  assert.throws(() => new ValueReader(Buffer.from([99])).value(), /unknown tag 99/);
});

function windowOp(stage: object): Operator {
  const a = analyzeText(JSON.stringify([{ $source: { documents: [] } }, stage]), { connections: builtinRegistry() });
  assert.equal(a.hasErrors, false, JSON.stringify(a.diagnostics));
  const v = a.validated!;
  return buildChain(v.stages.slice(1), { clock: new ManualClock(0), slotCount: v.compiler.slotCount, dlq: () => undefined, processorName: 't' }, () => undefined);
}

const GROUP = { $group: { _id: '$k', n: { $count: {} }, avg: { $avg: '$v' }, max: { $max: '$v' }, s: { $sum: '$l' }, f: { $first: '$d' } } };

for (const [name, stage] of [
  ['tumbling', { $tumblingWindow: { interval: { size: 10, unit: 'second' }, pipeline: [GROUP] } }],
  ['hopping', { $hoppingWindow: { interval: { size: 20, unit: 'second' }, hopSize: { size: 10, unit: 'second' }, pipeline: [GROUP] } }],
  ['tumbling with a stage after $group', { $tumblingWindow: { interval: { size: 10, unit: 'second' }, pipeline: [GROUP, { $sort: { n: -1 } }] } }],
] as const) {
  test(`streamed window snapshot decodes to exactly snapshot(): ${name}`, () => {
    const op = windowOp(stage);
    for (let i = 0; i < 3000; i++) {
      const doc = { k: i % 7 === 0 ? `s${i % 50}` : i % 300, v: i % 11 === 0 ? null : i / 4, l: Long.fromNumber(i), d: new Date(i) };
      op.push(doc, { ts: Date.UTC(2024, 0, 1) + i * 37, source: { type: 'documents' } });
    }
    const tables = op.tables!();
    assert.ok(tables.length > 0);
    const streamed: Record<string, Value> = {};
    const plain: Record<string, Value> = {};
    tables.forEach((t, i) => {
      streamed[`${i}:${t.name}`] = tableSnapshot(t);
      plain[`${i}:${t.name}`] = t.snapshot();
    });
    const enc = encodeCheckpoint({ id: 1, time: 2, positions: { source: { n: 3 } }, tables: streamed });
    const back = decodeCheckpoint(enc.sections);
    assert.deepEqual(back.tables, plain);
    // Restoring the decoded state into a fresh operator gives the same snapshot again.
    const op2 = windowOp(stage);
    op2.tables!().forEach((t, i) => t.restore(back.tables[`${i}:${t.name}`]));
    assert.deepEqual(op2.tables!().map((t) => t.snapshot()), tables.map((t) => t.snapshot()));
  });
}
