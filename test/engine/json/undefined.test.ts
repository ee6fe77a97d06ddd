/**
 * BSON undefined (type 6) in and out: Extended JSON `{"$undefined": true}` (canonical and
 * relaxed are the same, https://github.com/mongodb/specifications extended-json "Undefined"),
 * the bson library's decoding of type 6 (a JS undefined under a present key), writing it
 * through the bson library (null, as the drivers do on inserts and updates:
 * https://www.mongodb.com/docs/manual/reference/bson-types/migrate-undefined/), and the
 * checkpoint codec, which keeps it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EJSON, deserialize, serialize } from 'bson';
import { BSON_UNDEFINED } from '../../../engine/bson/undefined';
import { normalizeNumbers } from '../../../engine/bson/numbers';
import { typeName } from '../../../engine/bson/types';
import { fromCanonicalJSON, parseEJSON, toCanonicalJSON, toRelaxedJSON } from '../../../engine/json/ejson';
import { ValueReader, ValueWriter } from '../../../engine/runtime/checkpoint/valueCodec';
import { decodeCheckpoint, encodeCheckpoint } from '../../../engine/runtime/checkpoint/codec';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { buildChain } from '../../../engine/pipeline/chain';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { ManualClock } from '../../../engine/core/clock';
import type { Doc, Value } from '../../../engine/core/types';

const U = BSON_UNDEFINED;

test('Extended JSON {"$undefined": true} reads as BSON undefined and prints back the same', () => {
  const v = parseEJSON('{"a":{"$undefined":true},"b":[{"$undefined":true},null]}') as Doc;
  assert.equal(v['a'], U);
  assert.deepStrictEqual(v['b'], [U, null]);
  assert.equal(typeName(v['a']), 'undefined');
  assert.equal(toRelaxedJSON(v), '{"a":{"$undefined":true},"b":[{"$undefined":true},null]}');
  assert.equal(toCanonicalJSON(v), '{"a":{"$undefined":true},"b":[{"$undefined":true},null]}');
  assert.deepStrictEqual(fromCanonicalJSON(toCanonicalJSON(v)), v);
  // Only the wrapper with `true` is undefined; anything else stays a plain document.
  assert.deepStrictEqual(parseEJSON('{"a":{"$undefined":1}}'), { a: { $undefined: 1 } });
});

test('the bson library\'s EJSON writers (daemon replies, previews) print it as {"$undefined": true}', () => {
  assert.deepStrictEqual(EJSON.serialize({ a: U }, { relaxed: true }), { a: { $undefined: true } });
  assert.equal(EJSON.stringify({ a: [U] }, { relaxed: false }), '{"a":[{"$undefined":true}]}');
});

/** `{a: <type 6>, b: [<type 6>]}` as BSON bytes, written by hand (the bson library cannot). */
function type6Document(): Buffer {
  const arr = Buffer.from([0, 0, 0, 0, 0x06, 0x30, 0x00, 0x00]);
  arr.writeInt32LE(arr.length, 0);
  const body = Buffer.concat([Buffer.from([0x06, 0x61, 0x00, 0x04, 0x62, 0x00]), arr, Buffer.from([0x00])]);
  const head = Buffer.alloc(4);
  head.writeInt32LE(4 + body.length, 0);
  return Buffer.concat([head, body]);
}

test('type 6 decoded by the bson library (change streams, reads) becomes BSON undefined, not missing', () => {
  const raw = deserialize(type6Document(), { promoteValues: false });
  assert.ok('a' in raw && raw['a'] === undefined, 'the library gives a present key holding JS undefined');
  const d = normalizeNumbers(raw) as Doc;
  assert.equal(d['a'], U);
  assert.deepStrictEqual(d['b'], [U]);
});

test('writing it through the bson library gives null, as the drivers do', () => {
  const back = deserialize(serialize({ a: U, b: [U, 1] }));
  assert.deepStrictEqual(back, { a: null, b: [null, 1] });
});

test('the checkpoint codec keeps BSON undefined apart from null and missing', () => {
  const v: Value = { a: U, b: [U, undefined, null], c: undefined, d: { e: U } };
  const w = new ValueWriter(0, 16);
  w.value(v);
  const r = new ValueReader(Buffer.concat(w.finish()));
  const out = r.value() as Doc;
  assert.ok(r.done);
  assert.equal(out['a'], U);
  assert.deepStrictEqual(out['b'], [U, undefined, null]);
  assert.ok('c' in out && out['c'] === undefined);
  assert.deepStrictEqual(out['d'], { e: U });
  const enc = encodeCheckpoint({ id: 1, time: 2, positions: {}, tables: { t: [{ k: U, v: null }] } });
  assert.deepStrictEqual(decodeCheckpoint(enc.sections).tables, { t: [{ k: U, v: null }] });
});

test('through a pipeline: a file\'s {"$undefined": true} and a document\'s reach $match and $type', () => {
  const text = `[{"$source": {"documents": []}},
    {"$match": {"$or": [{"a": {"$type": "undefined"}}, {"a": null}]}},
    {"$addFields": {"t": {"$type": "$a"}, "isU": {"$eq": ["$a", {"$undefined": true}]}, "r": {"$ifNull": ["$a", "fallback"]}}}]`;
  const a = analyzeText(text, { connections: builtinRegistry() });
  assert.ok(!a.hasErrors && a.validated, JSON.stringify(a.diagnostics));
  const out: string[] = [];
  const rt = { clock: new ManualClock(0), slotCount: a.validated.compiler.slotCount, dlq: () => assert.fail('no DLQ'), processorName: 'undefined' };
  const chain = buildChain(a.validated.stages.slice(1), rt, (d: Doc) => void out.push(toRelaxedJSON(d)));
  for (const line of ['{"a":{"$undefined":true}}', '{"a":null}', '{}', '{"a":1}']) chain.push(parseEJSON(line) as Doc, { ts: 0, source: { type: 'documents' } });
  assert.deepEqual(out, [
    '{"a":{"$undefined":true},"t":"undefined","isU":true,"r":"fallback"}',
    '{"a":null,"t":"null","isU":false,"r":"fallback"}',
    '{"t":"missing","isU":true,"r":"fallback"}',
  ]);
});
