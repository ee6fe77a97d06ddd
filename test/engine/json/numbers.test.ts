/**
 * Number types through Extended JSON (issue 13 item 2): parsing by the Extended JSON spec's
 * "Special rules for parsing JSON numbers" (mongodb/specifications
 * source/extended-json/extended-json.md), printing by its conversion table (a relaxed Double is
 * a *non-integer* JSON number, a relaxed Int32/Int64 an integer) and the BSON corpus rows of
 * source/bson-corpus/tests/double.json ("1.0" -> {"d" : 1.0}, "-0.0" -> {"d" : -0.0}).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal128, Double, Long } from 'bson';
import { fromCanonicalJSON, parseEJSON, toCanonicalJSON, toRelaxedJSON } from '../../../engine/json/ejson';
import { parseJsonText, toEngineValue } from '../../../engine/json/tree';
import { typeName } from '../../../engine/bson/types';

const types = (v: unknown): Record<string, string> => Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, typeName(x)]));

// [JSON text, $type of v, relaxed output, canonical output]
const ROWS: [string, string, string, string][] = [
  ['{"v":1.0}', 'double', '{"v":1.0}', '{"v":{"$numberDouble":"1.0"}}'],
  ['{"v":-1.0}', 'double', '{"v":-1.0}', '{"v":{"$numberDouble":"-1.0"}}'],
  ['{"v":1.0001}', 'double', '{"v":1.0001}', '{"v":{"$numberDouble":"1.0001"}}'],
  ['{"v":-0.0}', 'double', '{"v":-0.0}', '{"v":{"$numberDouble":"-0.0"}}'],
  ['{"v":{"$numberDouble":"24.0"}}', 'double', '{"v":24.0}', '{"v":{"$numberDouble":"24.0"}}'],
  ['{"v":{"$numberDouble":"NaN"}}', 'double', '{"v":{"$numberDouble":"NaN"}}', '{"v":{"$numberDouble":"NaN"}}'],
  ['{"v":2.5e3}', 'double', '{"v":2500.0}', '{"v":{"$numberDouble":"2500.0"}}'],
  ['{"v":1e21}', 'double', '{"v":1e+21}', '{"v":{"$numberDouble":"1e+21"}}'],
  ['{"v":-2147483648}', 'int', '{"v":-2147483648}', '{"v":{"$numberInt":"-2147483648"}}'],
  ['{"v":2147483648}', 'long', '{"v":2147483648}', '{"v":{"$numberLong":"2147483648"}}'],
  ['{"v":9223372036854775807}', 'long', '{"v":9223372036854775807}', '{"v":{"$numberLong":"9223372036854775807"}}'],
  ['{"v":9223372036854775808}', 'double', '{"v":9223372036854776000.0}', '{"v":{"$numberDouble":"9223372036854776000.0"}}'],
  ['{"v":{"$numberLong":"1"}}', 'long', '{"v":1}', '{"v":{"$numberLong":"1"}}'],
  ['{"v":{"$numberDecimal":"1.10"}}', 'decimal', '{"v":{"$numberDecimal":"1.10"}}', '{"v":{"$numberDecimal":"1.10"}}'],
  // Integral-looking text inside strings is not a number.
  ['{"v":"12:00:00.000"}', 'string', '{"v":"12:00:00.000"}', '{"v":"12:00:00.000"}'],
];

test('Extended JSON numbers: parse type, relaxed and canonical output, canonical round trip', () => {
  for (const [text, type, relaxed, canonical] of ROWS) {
    const v = parseEJSON(text) as Record<string, unknown>;
    assert.equal(typeName(v['v']), type, text);
    assert.equal(toRelaxedJSON(v), relaxed, text);
    assert.equal(toCanonicalJSON(v), canonical, text);
    const back = fromCanonicalJSON(toCanonicalJSON(v)) as Record<string, unknown>;
    assert.equal(typeName(back['v']), type, `${text} round trip`);
  }
});

test('pipeline files keep "24.0" apart from "24" (parse tree path)', () => {
  const parsed = parseJsonText('{"a": 24.0, "b": 24, "c": [1.0, 2], "d": 12345678901234567, "e": 1E2}');
  const v = toEngineValue(parsed.value) as Record<string, unknown>;
  assert.deepEqual(types(v), { a: 'double', b: 'int', c: 'array', d: 'long', e: 'double' });
  assert.deepEqual((v['c'] as unknown[]).map(typeName), ['double', 'int']);
  assert.equal((v['d'] as Long).toString(), '12345678901234567');
});

test('engine values print with their types', () => {
  assert.equal(toRelaxedJSON({ a: new Double(2), b: 2, c: Long.fromNumber(2), d: Decimal128.fromString('2') }), '{"a":2.0,"b":2,"c":2,"d":{"$numberDecimal":"2"}}');
  assert.equal(toRelaxedJSON({ big: 3e9 }), '{"big":3000000000.0}');
});
