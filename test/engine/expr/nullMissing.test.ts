/**
 * Null versus missing (issue 13 item 5), with MongoDB's documented results: a missing
 * replacement leaves the field missing, nested empty arrays survive $reduce/$concatArrays, and the
 * comparison expressions order MinKey < missing < null < number < string < [] < MaxKey in both
 * argument orders (jstests/aggregation/expressions/comparison_missing_and_key_values.js).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MaxKey, MinKey } from 'bson';
import type { Value } from '../../../engine/core/types';
import { runPipelineText } from '../../../engine/pipeline/run';
import { ManualClock } from '../../../engine/core/clock';
import { table } from './_support';

const t = { zero: 0, one: 1, two: 2, three: 3, my_false: false, my_str: '', my_null: null, my_obj: {}, my_list: [] };

// jstests/aggregation/expressions/ifnull.js (the rows that do not use BSON undefined).
table('$ifNull (MongoDB ifnull.js)', [
  [t, { $ifNull: ['$one', '$two'] }, 1],
  [t, { $ifNull: ['$my_false', '$one'] }, false],
  [t, { $ifNull: ['$my_str', '$one'] }, ''],
  [t, { $ifNull: ['$my_list', '$one'] }, []],
  [t, { $ifNull: ['$my_obj', '$one'] }, {}],
  [t, { $ifNull: ['$one', '$my_null'] }, 1],
  [t, { $ifNull: ['$one', '$two', null] }, 1],
  [t, { $ifNull: ['$my_null', '$two'] }, 2],
  [t, { $ifNull: ['$my_null', '$my_null'] }, null],
  [t, { $ifNull: ['$my_null', '$my_false', '$one'] }, false],
  [t, { $ifNull: ['$my_null', '$my_null', '$my_null', '$my_null'] }, null],
  [t, { $ifNull: ['$nonexistent', '$nonexistent', null] }, null],
  [t, { $ifNull: [{ $add: ['$one', '$one'] }, '$three'] }, 2],
  [t, { $ifNull: ['$missingField', { $multiply: ['$two', '$three'] }] }, 6],
  [t, { $ifNull: [null, null, '$one'] }, 1],
  [t, { $ifNull: ['$my_null', 3, '$one'] }, 3],
  [{ d: 'foo' }, { $ifNull: ['$a', { $ifNull: ['$b', { $ifNull: ['$c', '$d'] }] }] }, 'foo'],
  // The replacement is returned as evaluated: a missing one stays missing.
  [t, { $ifNull: ['$my_null', '$nonexistent'] }, undefined],
  [t, { $ifNull: ['$nonexistent', '$alsoMissing'] }, undefined],
]);

// https://www.mongodb.com/docs/manual/reference/operator/aggregation/mergeobjects/#behavior:
// null operands are ignored; all-null gives an empty document.
table('$mergeObjects ignores null and missing', [
  [{}, { $mergeObjects: ['$a', '$b'] }, {}],
  [{ a: null }, { $mergeObjects: ['$a'] }, {}],
  [{ a: { x: 1 } }, { $mergeObjects: ['$a', { y: '$nope' }] }, { x: 1 }],
  [{ a: { x: 1 } }, { $mergeObjects: [{ x: '$nope' }, '$a'] }, { x: 1 }],
]);

// evaluate_date.cpp returns onNull / onError as evaluated.
table('$dateFromString / $dateToString onNull and onError with a missing replacement', [
  [{}, { $dateFromString: { dateString: '$s', onNull: '$nope' } }, undefined],
  [{ s: 'not a date' }, { $dateFromString: { dateString: '$s', onError: '$nope' } }, undefined],
  [{}, { $dateToString: { date: '$d', onNull: '$nope' } }, undefined],
  [{}, { $dateFromString: { dateString: '$s', onNull: null } }, null],
]);

// https://www.mongodb.com/docs/manual/reference/operator/aggregation/reduce/#behavior and
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/concatarrays/#behavior
table('$reduce with $concatArrays keeps nested (empty) arrays', [
  [{}, { $reduce: { input: [[3, 4], [5, 6]], initialValue: [1, 2], in: { $concatArrays: ['$$value', '$$this'] } } }, [1, 2, 3, 4, 5, 6]],
  [{}, { $concatArrays: [['hello', ' '], [['world'], 'again']] }, ['hello', ' ', ['world'], 'again']],
  [{ a: [[], [1], [[]]] }, { $reduce: { input: '$a', initialValue: [], in: { $concatArrays: ['$$value', '$$this'] } } }, [1, []]],
  [{ a: [[], [1], []] }, { $reduce: { input: '$a', initialValue: [], in: { $concatArrays: ['$$value', ['$$this']] } } }, [[], [1], []]],
  [{ a: [] }, { $reduce: { input: '$a', initialValue: [[]], in: '$$this' } }, [[]]],
]);

// comparison_missing_and_key_values.js: ranks; undefined (rank 1, like missing) has no value of
// its own in the engine (see docs/parity.md), so its rows are not here.
const VALUES: [string, Value, number][] = [
  ['minkey', new MinKey(), 0], ['missing', undefined, 1], ['null', null, 2], ['number', 5, 3],
  ['string', 'hello', 4], ['emptyArray', [], 5], ['maxkey', new MaxKey(), 6],
];
const OPS: Record<string, (a: number, b: number) => Value> = {
  $eq: (a, b) => a === b, $ne: (a, b) => a !== b, $gt: (a, b) => a > b, $gte: (a, b) => a >= b,
  $lt: (a, b) => a < b, $lte: (a, b) => a <= b, $cmp: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
};

for (const [op, ref] of Object.entries(OPS)) {
  table(`${op} across MinKey, missing, null, number, string, [], MaxKey, both argument orders`, VALUES.flatMap(([, field, fr]) =>
    VALUES.filter(([name]) => name !== 'missing').flatMap(([, lit, lr]): [Value, Value, Value][] => [
      [field === undefined ? {} : { f: field }, { [op]: ['$f', { $literal: lit }] }, ref(fr, lr)],
      [field === undefined ? {} : { f: field }, { [op]: [{ $literal: lit }, '$f'] }, ref(lr, fr)],
    ])));
}

test('a missing $ifNull replacement leaves the output field out, not null ($project and $addFields)', async () => {
  const text = JSON.stringify([
    { $source: { documents: [{ a: 1 }] } },
    { $addFields: { x: { $ifNull: ['$n', '$m'] }, y: { $dateFromString: { dateString: '$n', onNull: '$m' } } } },
    { $project: { _id: 0, a: 1, x: 1, y: 1, z: { $ifNull: ['$n', '$m'] }, w: { $mergeObjects: ['$n'] } } },
  ]);
  const r = await runPipelineText(text, { clock: new ManualClock(0), projectStreamMeta: false });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(r.docs, [{ a: 1, w: {} }]);
});
