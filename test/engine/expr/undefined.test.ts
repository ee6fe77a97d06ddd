/**
 * BSON undefined (deprecated type 6) as a value in expressions, query filters, sort order and
 * group keys. Sources:
 * - https://www.mongodb.com/docs/manual/reference/bson-types/ (undefined: number 6, alias
 *   "undefined", deprecated);
 * - https://www.mongodb.com/docs/manual/reference/bson-types/migrate-undefined/ (from 8.0,
 *   `{name: null}`, `$eq` and `$in` match null and missing but not undefined, nor an array
 *   holding undefined);
 * - https://www.mongodb.com/docs/manual/tutorial/query-for-null-fields/ (`{item: null}` matches
 *   null and missing; `{$type: 10}` only null; `{$exists: false}` only missing);
 * - the server's canonical type order (canonicalizeBSONType: missing and undefined are 0, null
 *   5): in expressions undefined equals missing and ranks below null; $ifNull and the other
 *   operators treat it as nullish (Value::nullish()).
 */
import { test } from 'node:test';
import { MinKey } from 'bson';
import { BSON_UNDEFINED } from '../../../engine/bson/undefined';
import { compare } from '../../../engine/bson/compare';
import { keyOf } from '../../../engine/accumulators/_key';
import { table } from './_support';
import { table as queryTable } from '../query/_support';
import assert from 'node:assert/strict';
import type { Doc, Value } from '../../../engine/core/types';
import { runAccumulator } from '../windows/_accumulate';

const U = BSON_UNDEFINED;
const doc = { u: U, n: null, arr: [1, U] };

table('BSON undefined: $type, comparisons and nullish operators', [
  [doc, { $type: '$u' }, 'undefined'],
  [doc, { $type: '$n' }, 'null'],
  [doc, { $type: '$nope' }, 'missing'],
  [doc, { $type: { $arrayElemAt: ['$arr', 1] } }, 'undefined'],
  [doc, { $isNumber: '$u' }, false],
  // Equal to missing (both canonical type 0), below null (5), in both argument orders.
  [doc, { $eq: ['$u', '$nope'] }, true],
  [doc, { $eq: ['$nope', '$u'] }, true],
  [doc, { $eq: ['$u', null] }, false],
  [doc, { $eq: [null, '$u'] }, false],
  [doc, { $ne: ['$u', null] }, true],
  [doc, { $cmp: ['$u', null] }, -1],
  [doc, { $cmp: [null, '$u'] }, 1],
  [doc, { $cmp: ['$u', '$nope'] }, 0],
  [doc, { $lt: ['$u', null] }, true],
  [doc, { $gt: ['$u', { $literal: new MinKey() }] }, true],
  [doc, { $lte: ['$u', 0] }, true],
  // Nullish: $ifNull replaces it; arithmetic, string and conversion operators give null.
  [doc, { $ifNull: ['$u', 'r'] }, 'r'],
  [doc, { $ifNull: ['$u', '$n', 'r'] }, 'r'],
  [doc, { $add: ['$u', 1] }, null],
  [doc, { $concat: ['x', '$u'] }, null],
  [doc, { $toString: '$u' }, null],
  [doc, { $toUpper: '$u' }, ''],
  // Falsy, like null.
  [doc, { $not: ['$u'] }, true],
  [doc, { $cond: ['$u', 'yes', 'no'] }, 'no'],
  // Kept as a value (a field that holds it is not missing).
  [doc, '$u', U],
  [doc, { $literal: U }, U],
  [doc, { $size: '$arr' }, 2],
]);

queryTable('BSON undefined in query filters (MongoDB 8.0)', [
  [{ name: U }, { name: { $type: 'undefined' } }, true],
  [{ name: U }, { name: { $type: 6 } }, true],
  [{ name: null }, { name: { $type: 'undefined' } }, false],
  [{}, { name: { $type: 'undefined' } }, false],
  [{ name: U }, { name: { $type: 'null' } }, false],
  [{ name: ['Gabriel', U] }, { name: { $type: 'undefined' } }, true],
  // From 8.0 an equality with null no longer matches undefined.
  [{ name: null }, { name: null }, true],
  [{}, { name: null }, true],
  [{ name: U }, { name: null }, false],
  [{ name: ['Gabriel', U] }, { name: null }, false],
  [{ name: U }, { name: { $eq: null } }, false],
  [{ name: U }, { name: { $in: [null] } }, false],
  [{ name: U }, { name: { $ne: null } }, true],
  [{ name: U }, { name: { $exists: true } }, true],
  [{ name: U }, { name: { $exists: false } }, false],
  // The migration page's way to find undefined values.
  [{ name: U }, { name: { $type: 'undefined' } }, true],
  [{ name: U }, { $expr: { $eq: [{ $type: '$name' }, 'undefined'] } }, true],
]);

test('BSON undefined sorts below null and missing, which sort alike', () => {
  assert.equal(compare(U, null), -1);
  assert.equal(compare(null, U), 1);
  assert.equal(compare(U, undefined), -1);
  assert.equal(compare(U, U), 0);
  assert.equal(compare(new MinKey(), U), -1);
  assert.equal(compare({}, U), 1);
  const sorted = [3, null, U, 'a'].sort(compare);
  assert.deepStrictEqual(sorted, [U, null, 3, 'a']);
});

test('BSON undefined is its own group key, apart from null and missing', () => {
  assert.notEqual(keyOf(U), keyOf(null));
  assert.equal(keyOf(null), keyOf(undefined));
  assert.equal(keyOf(U), keyOf(U));
  assert.notEqual(keyOf({ a: U }), keyOf({ a: null }));
  assert.notEqual(keyOf([U]), keyOf([null]));
});

// Accumulators skip nullish input as MongoDB's do (AccumulatorMinMax, $mergeObjects, $maxN/$minN
// ignore null, missing and undefined); $push and $first keep it as a value.
const ACCUMULATED: [Doc, Value[], Value][] = [
  [{ $min: '$x' }, [U, 3, null], 3],
  [{ $max: '$x' }, [U], null],
  [{ $maxN: { input: '$x', n: 2 } }, [U, 1, 2, U], [2, 1]],
  [{ $mergeObjects: '$x' }, [{ a: 1 }, U, { b: 2 }], { a: 1, b: 2 }],
  [{ $sum: '$x' }, [U, 2], 2],
  [{ $push: '$x' }, [U, 1], [U, 1]],
  [{ $first: '$x' }, [U, 1], U],
];

test('BSON undefined through accumulators', () => {
  for (const [acc, values, expected] of ACCUMULATED) {
    assert.deepStrictEqual(runAccumulator(acc, values.map((x) => ({ x }))), expected, JSON.stringify(acc));
  }
});
