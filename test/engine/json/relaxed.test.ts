/**
 * The fast relaxed Extended JSON printer (engine/json/relaxed.ts) and the ISO timestamp fast
 * paths (engine/json/isoDate.ts) against what they replaced: the generic printer kept below as
 * the reference, `new Date(text)` and `toISOString()`, over seeded random values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal128, Double, EJSON, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { isInt32 } from '../../../engine/bson/numbers';
import { BSON_UNDEFINED } from '../../../engine/bson/undefined';
import type { Value } from '../../../engine/core/types';
import { doubleText, fromEJSON, parseEJSON, toRelaxedJSON } from '../../../engine/json/ejson';
import { dateFromText, isoUtcText, parseIsoUtc } from '../../../engine/json/isoDate';
import { prng } from '../../../engine/sources/sample';

/** The generic relaxed printer the fast one replaced (ejson.ts `text(v, false)`). */
function reference(v: Value): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return isInt32(v) ? String(v) : Number.isFinite(v) ? doubleText(v) : `{"$numberDouble":"${doubleText(v)}"}`;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return String(v);
    case 'object':
      break;
    default:
      return undefined;
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return '[' + v.map((x) => reference(x) ?? 'null').join(',') + ']';
  if (v instanceof Date) {
    const t = v.getTime();
    if (t >= 0 && t <= 253402300799999) return `{"$date":"${v.toISOString().replace('.000Z', 'Z')}"}`;
    return `{"$date":{"$numberLong":"${t}"}}`;
  }
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Double') return doubleText((v as Double).value);
  if (bt === 'Long') return (v as Long).toString();
  if (bt === 'Int32') return String((v as Int32).value);
  if (bt === 'Undefined') return '{"$undefined":true}';
  if (bt !== undefined) return EJSON.stringify(v as Record<string, unknown>, { relaxed: true });
  const parts: string[] = [];
  for (const k in v as Record<string, Value>) {
    const x = reference((v as Record<string, Value>)[k]);
    if (x !== undefined) parts.push(JSON.stringify(k) + ':' + x);
  }
  return '{' + parts.join(',') + '}';
}

const STRINGS = ['', 'device_6', 'q"uote', 'back\\slash', 'tab\there', 'nl\n', '\u0001', 'é', '😀', '\ud800lone', 'lone\udc00', '\u2028', '$date'];
const NUMBERS = [0, -0, 1, -1, 2147483647, -2147483648, 2147483648, 3e9, 0.302, -1.5, 1e21, 1e-7, 2 ** 53, NaN, Infinity, -Infinity, 123.456];
const KEYS = ['a', 'device_id', '_ts', 'k"q', 'new\nline', '', '0', '12', '$x', 'é'];

function randomValue(rnd: () => number, depth: number): Value {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  switch (Math.floor(rnd() * (depth > 2 ? 8 : 11))) {
    case 0:
      return pick(STRINGS);
    case 1:
      return pick(NUMBERS);
    case 2:
      return rnd() < 0.5;
    case 3:
      return pick([null, undefined, BSON_UNDEFINED as Value]);
    case 4:
      return new Date(pick([0, -5, 1704110400010, 1704110400000, 253402300799999, 253402300800000, NaN, Math.floor(rnd() * 253402300799999)]));
    case 5:
      return pick([new Double(2), new Double(-0), Long.fromNumber(5), Long.fromString('-9223372036854775808'), new Int32(7), BigInt(12) as unknown as Value]);
    case 6:
      return pick([Decimal128.fromString('1.10'), new ObjectId('65a1b2c3d4e5f60718293a4b'), new Timestamp({ t: 1, i: 2 }), new MinKey(), new MaxKey()]);
    case 7:
      return Math.floor(rnd() * 1e6) / 1000;
    case 8:
    case 9: {
      const o: Record<string, Value> = {};
      const n = Math.floor(rnd() * 5);
      for (let i = 0; i < n; i++) o[pick(KEYS)] = randomValue(rnd, depth + 1);
      return o;
    }
    default: {
      const n = Math.floor(rnd() * 4);
      const a: Value[] = [];
      for (let i = 0; i < n; i++) a.push(randomValue(rnd, depth + 1));
      return a;
    }
  }
}

test('relaxed printer: prints what the generic printer printed, over random values', () => {
  const rnd = prng(7);
  for (let i = 0; i < 5000; i++) {
    const v = randomValue(rnd, 0);
    assert.equal(toRelaxedJSON(v), reference(v) ?? 'null', `value #${i}`);
  }
  // An empty object, a first member that is skipped, and keys beyond the remembered names.
  assert.equal(toRelaxedJSON({}), '{}');
  assert.equal(toRelaxedJSON({ a: undefined, b: 1 }), '{"b":1}');
  const many: Record<string, Value> = {};
  for (let i = 0; i < 9000; i++) many[`k${i}`] = i;
  assert.equal(toRelaxedJSON(many), reference(many));
});

test('relaxed printer: documents read back with the same types', () => {
  const d = { i: 2, l: Long.fromNumber(3e9), d: new Double(2), f: 0.25, t: new Date(1704110400010), s: 'x"y' };
  const back = parseEJSON(toRelaxedJSON(d)) as Record<string, Value>;
  assert.equal(toRelaxedJSON(back), toRelaxedJSON(d));
  assert.ok(back['l'] instanceof Long);
  assert.ok(back['d'] instanceof Double);
  assert.equal((back['t'] as Date).getTime(), 1704110400010);
});

test('ISO timestamps: the fast parse agrees with new Date, other forms go to new Date', () => {
  const rnd = prng(11);
  for (let i = 0; i < 20000; i++) {
    const t = Math.floor(rnd() * 253402300799999);
    const iso = new Date(t).toISOString();
    assert.equal(parseIsoUtc(iso), t, iso);
    assert.equal(dateFromText(iso.replace('.000Z', 'Z')).getTime(), t, iso);
  }
  const odd = ['2024-02-30T00:00:00Z', '2023-02-29T12:00:00.5Z', '2024-01-01T24:00:00Z', '2024-01-01T23:59:60Z', '1969-12-31T23:59:59.999Z', '0099-01-01T00:00:00Z', '2024-13-01T00:00:00Z', '2024-00-01T00:00:00Z', '2024-01-01 00:00:00Z', '2024-01-01T00:00:00+01:00', '2024-01-01T00:00:00.1234Z', '2024-01-01', 'x024-01-01T00:00:00Z', '2024-01-01T00:00:00.0x0Z', ''];
  for (const s of odd) assert.equal(dateFromText(s).getTime(), new Date(s).getTime(), s);
  assert.equal(parseIsoUtc('2024-02-30T00:00:00Z'), new Date('2024-02-30T00:00:00Z').getTime());
  assert.ok(Number.isNaN(parseIsoUtc('2024-01-01T24:00:00Z')), 'hour 24 is left to new Date');
  assert.equal((fromEJSON({ $date: '2024-01-01T12:00:00.010Z' }) as Date).getTime(), Date.UTC(2024, 0, 1, 12, 0, 0, 10));
});

test('ISO timestamps: the fast text agrees with toISOString, in order and at random', () => {
  const rnd = prng(13);
  const check = (t: number): void => assert.equal(isoUtcText(t), new Date(t).toISOString().replace('.000Z', 'Z'), String(t));
  for (let t = 1704110399990; t < 1704110401010; t += 7) check(t);
  for (const t of [0, 1, 999, 1000, 86399999, 951782400000, 951868799999, 253402300799999]) check(t);
  for (let i = 0; i < 20000; i++) check(Math.floor(rnd() * 253402300799999));
});
