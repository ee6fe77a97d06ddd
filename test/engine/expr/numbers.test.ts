/**
 * BSON number types (issue 13 items 2, 3, 6, 8), row by row from MongoDB's documentation and,
 * where the reference pages print numbers without their type (mongosh shows 2.0 as 2), from
 * the server source the row names. Expected values carry the BSON type: `D(2)` is the double
 * 2.0, a plain integral number an int32, `L(n)` a long.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Binary, Decimal128, Double, Long } from 'bson';
import type { Doc, Value } from '../../../engine/core/types';
import { parseEJSON } from '../../../engine/json/ejson';
import { ExprCompiler, newEvalCtx } from '../../../engine/expr/compile';
import { accumulatorRegistry } from '../../../engine/accumulators/registry';
import { ManualClock } from '../../../engine/core/clock';
import { compileErr, err, table } from './_support';

const D = (n: number): Double => new Double(n);
const L = (n: number | string): Long => (typeof n === 'string' ? Long.fromString(n) : Long.fromNumber(n));
const Dec = (s: string): Decimal128 => Decimal128.fromString(s);
const doc = (json: string): Doc => parseEJSON(json) as Doc;
const tenths = Array.from({ length: 10 }, () => 0.1);

// Extended JSON spec (mongodb/specifications source/extended-json/extended-json.md), "Special
// rules for parsing JSON numbers": a non-integer is a Double; an integer is the smallest BSON
// integer type that holds it, else a Double. Canonical wrappers keep their type.
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/type/ for the names.
table('JSON numbers and $type', [
  [doc('{"v":24.0}'), { $type: '$v' }, 'double'],
  [doc('{"v":24}'), { $type: '$v' }, 'int'],
  [doc('{"v":{"$numberDouble":"24.0"}}'), { $type: '$v' }, 'double'],
  [doc('{"v":{"$numberInt":"24"}}'), { $type: '$v' }, 'int'],
  [doc('{"v":{"$numberLong":"24"}}'), { $type: '$v' }, 'long'],
  [doc('{"v":3000000000}'), { $type: '$v' }, 'long'],
  [doc('{"v":9007199254740993}'), { $type: '$v' }, 'long'],
  [doc('{"v":99999999999999999999}'), { $type: '$v' }, 'double'],
  [doc('{"v":1e3}'), { $type: '$v' }, 'double'],
  [doc('{"v":2.5}'), { $type: '$v' }, 'double'],
  [doc('{"v":-0}'), { $type: '$v' }, 'int'],
  [doc('{"v":-0.0}'), { $type: '$v' }, 'double'],
  [doc('{"v":24.0}'), { $isNumber: '$v' }, true],
  // The value itself is unchanged: 24.0 equals 24 (comparison order is by value).
  [doc('{"v":24.0,"w":24}'), { $eq: ['$v', '$w'] }, true],
  [doc('{"v":9007199254740993}'), { $toString: '$v' }, '9007199254740993'],
]);

// $divide: "returns a double unless either operand is a decimal" (evaluateDivide,
// src/mongo/db/exec/expression/evaluate_math.cpp); the reference page's example divides
// hours: 80 by 8 for "workdays: 10".
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/divide/
table('$divide always gives a double', [
  [{}, { $divide: [6, 3] }, D(2)],
  [{ hours: 80 }, { $divide: ['$hours', 8] }, D(10)],
  [{}, { $divide: [9, 2] }, 4.5],
  [{}, { $divide: [L(6), 3] }, D(2)],
  [{}, { $divide: [Dec('6'), 3] }, Dec('2')],
]);

// Widening: int -> long -> double, decimal wins; an int32 result that overflows becomes a long,
// a long that overflows a double (AddState, MultiplyState, evaluateSubtract, ExpressionAbs,
// evaluateRoundOrTrunc, ExpressionPow in evaluate_math.cpp).
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/add/ (and /multiply/,
// /subtract/, /abs/, /round/, /trunc/, /pow/, /mod/)
table('arithmetic keeps and widens BSON types', [
  [{ price: 10, fee: 2 }, { $add: ['$price', '$fee'] }, 12],
  [{}, { $add: [2147483647, 1] }, L('2147483648')],
  [{}, { $add: [1, D(2)] }, D(3)],
  [{}, { $add: [1.5, 1.5] }, D(3)],
  [{}, { $add: [L(1), 2] }, L(3)],
  [{}, { $add: [L('9223372036854775807'), L(1)] }, 9223372036854775808],
  [{}, { $add: [L(1), 2, D(3)] }, D(6)],
  [{}, { $multiply: [65536, 65536] }, L('4294967296')],
  [{}, { $multiply: [2, 2.5] }, D(5)],
  // Past int64 the product is redone in doubles.
  [{}, { $multiply: [2147483647, 2147483647, 4] }, 2147483647 * 2147483647 * 4],
  [{}, { $subtract: [-2147483648, 1] }, L('-2147483649')],
  [{}, { $subtract: [D(5), 2] }, D(3)],
  [{}, { $abs: -2147483648 }, L('2147483648')],
  [{}, { $abs: D(-3) }, D(3)],
  [{ value: 19.25 }, { $round: ['$value', 1] }, 19.2],
  [{}, { $round: [2147483647, -1] }, L('2147483650')],
  [{}, { $round: [1234, -2] }, 1200],
  [{}, { $round: 2.5 }, D(2)],
  [{}, { $round: -0.4 }, -0],
  [{}, { $trunc: 5.7 }, D(5)],
  [{}, { $trunc: [L(1999), -2] }, L(1900)],
  [{}, { $ceil: 1.5 }, D(2)],
  [{}, { $floor: 5 }, 5],
  [{}, { $floor: D(5) }, D(5)],
  [{}, { $mod: [D(5), 2] }, D(1)],
  [{}, { $mod: [5, 2] }, 1],
  [{}, { $mod: [L(5), 2] }, L(1)],
  [{}, { $pow: [2, 31] }, L('2147483648')],
  [{}, { $pow: [2, 10] }, 1024],
  [{}, { $pow: [D(2), 2] }, D(4)],
  [{}, { $pow: [2, -1] }, 0.5],
  [{}, { $sqrt: 25 }, D(5)],
  [{}, { $exp: 0 }, D(1)],
]);

// $toDouble / $toInt / $toLong / $toDecimal / $convert: the reference pages' conversion tables
// ("Boolean: Returns 0 for false and 1 for true" as a double, "Integer: Returns the int value
// as a double", "Double: Returns truncated value", a double as a decimal with 15 digits).
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toDouble/ (and /toInt/,
// /toLong/, /toDecimal/, /convert/)
table('conversions give the target type', [
  [{}, { $toDouble: true }, D(1)],
  [{}, { $toDouble: 5 }, D(5)],
  [{}, { $toDouble: L(5) }, D(5)],
  [{}, { $toDouble: '5' }, D(5)],
  [{}, { $type: { $toDouble: 5 } }, 'double'],
  [{}, { $toInt: D(5) }, 5],
  [{}, { $toInt: 5.9 }, 5],
  [{}, { $toLong: 5 }, L(5)],
  [{}, { $toLong: D(5) }, L(5)],
  [{}, { $toDecimal: D(2) }, Dec('2.00000000000000')],
  [{}, { $toDecimal: 2 }, Dec('2')],
  [{}, { $toString: D(24) }, '24'],
  [{}, { $convert: { input: 24, to: 'double' } }, D(24)],
  [{}, { $convert: { input: D(0), to: 'bool' } }, false],
  [{}, { $toDate: D(1000) }, new Date(1000)],
]);

// $convert `base` (new in MongoDB 8.3): integers to and from base 2, 8, 10 and 16 strings
// (parseBase, performFormatNumberWithBase, parseStringToNumber in
// src/mongo/db/exec/expression/evaluate_convert.cpp).
// https://www.mongodb.com/docs/upcoming/reference/operator/aggregation/convert/
table('$convert with base', [
  [{}, { $convert: { input: '1010', to: 'int', base: 2 } }, 10],
  [{}, { $convert: { input: 'ff', to: 'long', base: 16 } }, L(255)],
  [{}, { $convert: { input: '-17', to: 'int', base: 8 } }, -15],
  [{}, { $convert: { input: '12', to: 'double', base: 10 } }, D(12)],
  [{}, { $convert: { input: '7', to: 'decimal', base: 8 } }, Dec('7')],
  [{}, { $convert: { input: 255, to: 'string', base: 16 } }, 'FF'],
  [{}, { $convert: { input: -5, to: 'string', base: 2 } }, '-101'],
  [{}, { $convert: { input: L(8), to: 'string', base: 8 } }, '10'],
  [{}, { $convert: { input: D(10), to: 'string', base: 2 } }, '1010'],
  [{}, { $convert: { input: 2.5, to: 'string', base: 2 } }, err('Base conversion is not supported for non-integers in $convert with no onError value: ')],
  [{}, { $convert: { input: 2.5, to: 'string', base: 2, onError: 'no' } }, 'no'],
  [{}, { $convert: { input: '21', to: 'int', base: 2 } }, err("Failed to parse number '21' in $convert with no onError value: No digits")],
  [{}, { $convert: { input: '1012', to: 'int', base: 2 } }, err("Failed to parse number '1012' in $convert with no onError value: Did not consume whole string.")],
  [{}, { $convert: { input: '11111111111111111111111111111111', to: 'int', base: 2 } }, err('Conversion would overflow target type in $convert with no onError value: 4294967295')],
  [{ b: 3 }, { $convert: { input: '1', to: 'int', base: '$b' } }, err("In $convert, 'base' argument is not a valid base")],
  [{ b: 2.5 }, { $convert: { input: '1', to: 'int', base: '$b' } }, err("In $convert, 'base' argument is not an integer")],
  [{}, { $convert: { input: '1', to: 'int', base: 3 } }, compileErr('ASP413')],
  [{}, { $convert: { input: '1', to: 'int', base: null } }, 1],
]);

// $toUUID: shorthand for $convert to {type: "binData", subtype: 4} with format "uuid"; the
// reference page's example converts "0e3b9063-8abd-4eb3-9f9f-f4c59fd30a60".
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toUUID/
table('$toUUID', [
  [{ UUID: '0e3b9063-8abd-4eb3-9f9f-f4c59fd30a60' }, { $toUUID: '$UUID' }, new Binary(Buffer.from('0e3b90638abd4eb39f9ff4c59fd30a60', 'hex'), 4)],
  [{}, { $toUUID: '$UUID' }, null],
  [{ UUID: 'nope' }, { $toUUID: '$UUID' }, err("Failed to parse BinData 'nope' in $convert with no onError value: Invalid UUID string: nope")],
  [{ UUID: 1.5 }, { $toUUID: '$UUID' }, err('Unsupported conversion from double to binData in $convert with no onError value')],
]);

// Bitwise operators (MongoDB 6.3): the reference pages' "switches" examples (a, b ints or
// longs); int operands give an int, a long operand a long (evaluateBitwiseOp).
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/bitAnd/ (and /bitOr/,
// /bitXor/, /bitNot/)
table('$bitAnd $bitOr $bitXor $bitNot', [
  [{ a: 0, b: 127 }, { $bitAnd: ['$a', '$b'] }, 0],
  [{ a: 2, b: 3 }, { $bitAnd: ['$a', '$b'] }, 2],
  [{ a: 3, b: 5 }, { $bitAnd: ['$a', '$b'] }, 1],
  [{ a: L(3), b: 5 }, { $bitAnd: ['$a', '$b'] }, L(1)],
  [{ a: 0, b: 127 }, { $bitOr: ['$a', '$b'] }, 127],
  [{ a: 3, b: 5 }, { $bitOr: ['$a', '$b'] }, 7],
  [{ a: 3, b: 5 }, { $bitXor: ['$a', '$b'] }, 6],
  [{ a: 0 }, { $bitNot: '$a' }, -1],
  [{ a: 3 }, { $bitNot: '$a' }, -4],
  [{ a: L(3) }, { $bitNot: '$a' }, L(-4)],
  [{}, { $bitAnd: [] }, -1],
  [{}, { $bitOr: [] }, 0],
  [{ a: 3 }, { $bitAnd: ['$a', '$missing'] }, null],
  [{ a: 3 }, { $bitAnd: ['$a', 1.5] }, err('$bitAnd only supports int and long operands.')],
  [{ a: 3 }, { $bitOr: ['$a', true] }, err('$bitOr only supports int and long operands.')],
  [{ a: D(3) }, { $bitXor: ['$a', 1] }, err('$bitXor only supports int and long operands.')],
  [{}, { $bitNot: 1.5 }, err('$bitNot only supports int and long, not: double.')],
  [{}, { $bitNot: 'abc' }, err('$bitNot only supports numeric types, not string')],
]);

// Data size: $binarySize is the UTF-8 byte count of a string or the length of a binData;
// $bsonSize the encoded size of a document (BSON spec: 4-byte length, typed elements, a
// terminating 0), so an int field costs 4 bytes and a double 8.
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/binarySize/
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/bsonSize/
table('$binarySize and $bsonSize', [
  [{ s: 'Hello World!' }, { $binarySize: '$s' }, 12],
  [{ s: 'é' }, { $binarySize: '$s' }, 2],
  [{ b: new Binary(Buffer.from([1, 2, 3])) }, { $binarySize: '$b' }, 3],
  [{}, { $binarySize: '$s' }, null],
  [{ s: 1 }, { $binarySize: '$s' }, err('$binarySize requires a string or BinData argument, found: int')],
  [{ d: { a: 1 } }, { $bsonSize: '$d' }, 12],
  [{ d: { a: D(1) } }, { $bsonSize: '$d' }, 16],
  [{ d: { a: L(1) } }, { $bsonSize: '$d' }, 16],
  [{ d: {} }, { $bsonSize: '$d' }, 5],
  [{}, { $bsonSize: '$d' }, null],
  [{ d: 1 }, { $bsonSize: '$d' }, err('$bsonSize requires a document input, found: int')],
]);

// $add / $subtract with a date: the numbers before the date are summed in their widest type
// and rounded once; after the date every number is rounded on its own, a double with llround
// (halves away from zero), a decimal half to even (AddState::addToDateValue, evaluateSubtract).
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/add/#add-to-a-date
table('$add of a date and mixed numbers', [
  [{}, { $add: [new Date(0), Dec('1.5'), 2.5, L(1)] }, new Date(6)],
  [{}, { $add: [1.5, 2.5, new Date(0)] }, new Date(4)],
  [{}, { $add: [0.5, Dec('0.5'), new Date(0)] }, new Date(1)],
  [{}, { $add: [new Date(0), 0.5] }, new Date(1)],
  [{}, { $add: [new Date(0), -0.5] }, new Date(-1)],
  [{}, { $add: [new Date(0), Dec('2.5')] }, new Date(2)],
  [{}, { $add: [new Date(0), Dec('3.5')] }, new Date(4)],
  [{}, { $add: [new Date(1000), 3 * 24 * 60 * 60000] }, new Date(1000 + 3 * 24 * 60 * 60000)],
  [{}, { $subtract: [new Date(10), 2.5] }, new Date(7)],
  [{}, { $subtract: [new Date(10), Dec('2.5')] }, new Date(8)],
  [{}, { $add: [new Date(0), Infinity] }, err('date overflow')],
]);

// $sum and $avg as expressions: AccumulatorSum / AccumulatorAvg over DoubleDoubleSummation
// (src/mongo/util/summation.h): ten 0.1 sum to exactly 1.0 (plain addition gives
// 0.9999999999999999); ints overflow into a long, longs into a double; decimals are exact.
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/sum/ and /avg/
table('$sum and $avg expressions', [
  [{ a: tenths }, { $sum: '$a' }, D(1)],
  [{ a: tenths }, { $avg: '$a' }, 0.1],
  [{ a: [0.1, 0.2, 0.3] }, { $sum: '$a' }, 0.6],
  [{ a: [2147483647, 1] }, { $sum: '$a' }, L('2147483648')],
  [{ a: [L(1), 2] }, { $sum: '$a' }, L(3)],
  [{ a: [L('9223372036854775807'), L(1)] }, { $sum: '$a' }, 9223372036854775808],
  [{ a: [1.5, 1.5] }, { $sum: '$a' }, D(3)],
  [{ a: [2, 4] }, { $avg: '$a' }, D(3)],
  [{ a: [Dec('0.1'), 0.2] }, { $sum: '$a' }, Dec('0.3000000000000000111022302462515654')],
  [{ a: [Dec('1'), Dec('2')] }, { $avg: '$a' }, Dec('1.5')],
  [{ a: [Infinity, 1, -Infinity] }, { $sum: '$a' }, NaN],
  [{ a: [Infinity, 1] }, { $sum: '$a' }, Infinity],
]);

function accumulate(acc: Doc, xs: Value[]): Value {
  const name = Object.keys(acc)[0]!;
  const c = new ExprCompiler();
  const a = accumulatorRegistry.get(name)!.compile(acc[name], c, [])!;
  assert.deepEqual(c.diagnostics, []);
  const ctx = newEvalCtx(c.slotCount, new ManualClock());
  let s = a.init();
  for (const x of xs) {
    const d = { x };
    ctx.current = ctx.root = d;
    s = a.add(s, ctx);
  }
  return a.result(s);
}

// The same rules for the $group accumulators, and a long series where the compensated sum
// matters: 1e6 additions of the double 0.1 total 100000.0000000000055511..., whose nearest
// double is 100000.0 (plain addition drifts to 100000.00000133288).
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/sum/#use-in--group-stage
test('$sum / $avg / $count / $stdDevPop accumulators keep MongoDB result types', () => {
  const rows: [Doc, Value[], Value][] = [
    [{ $sum: '$x' }, tenths, D(1)],
    [{ $sum: '$x' }, Array.from({ length: 1_000_000 }, () => 0.1), D(100000)],
    [{ $sum: '$x' }, [2147483647, 1], L('2147483648')],
    [{ $sum: '$x' }, [1, 2], 3],
    [{ $avg: '$x' }, [2, 4], D(3)],
    [{ $avg: '$x' }, [L(2), L(4)], D(3)],
    [{ $stdDevPop: '$x' }, [2, 4, 4, 4, 5, 5, 7, 9], D(2)],
    [{ $min: '$x' }, [D(3), 5], D(3)],
    [{ $max: '$x' }, [L(3), 2], L(3)],
    [{ $count: {} }, [1, 2, 3], 3],
  ];
  for (const [acc, xs, expected] of rows) assert.deepStrictEqual(accumulate(acc, xs), expected, JSON.stringify(acc));
  // The compensated sum is the double nearest to the exact total; plain addition drifts.
  let plain = 0;
  for (let i = 0; i < 1_000_000; i++) plain += 0.1;
  assert.notEqual(plain, 100000);
});
