import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matches, show, table } from './_support';

table('dotted paths traverse arrays of documents', [
  [{ a: [{ b: 1 }, { b: 2 }] }, { 'a.b': 2 }, true],
  [{ a: [{ b: 1 }, { b: 2 }] }, { 'a.b': 3 }, false],
  [{ a: [{ b: [1, 2] }] }, { 'a.b': 2 }, true],
  [{ a: [{ b: [1, 2] }] }, { 'a.b': [1, 2] }, true],
  [{ a: [[{ b: 1 }]] }, { 'a.b': 1 }, false],
  [{ a: [{ b: { c: 5 } }] }, { 'a.b.c': 5 }, true],
  [{ a: [1, 2, 3] }, { 'a.1': 2 }, true],
  [{ a: [1, 2, 3] }, { 'a.1': 1 }, false],
  [{ a: [{ b: 1 }, { b: 2 }] }, { 'a.1.b': 2 }, true],
  [{ a: [{ b: 1 }, { b: 2 }] }, { 'a.0.b': 2 }, false],
  [{ a: { 1: 'x' } }, { 'a.1': 'x' }, true],
  [{ a: [[1, 2], 3] }, { 'a.0': [1, 2] }, true],
  [{ a: 5 }, { 'a.b': 5 }, false],
  [{ a: [{ toString: 1 }] }, { 'a.toString': 1 }, true],
  [{ a: {} }, { 'a.toString': { $exists: true } }, false],
  [{ a: [] }, { 'a.length': 0 }, false],
]);

// The matrix of jstests/core/query/null_query_semantics.js (classic engine, before FCV 9.0).
const docs: Record<string, Record<string, unknown>> = {
  a_empty_subobject: { a: {} },
  a_null: { a: null },
  a_number: { a: 4 },
  a_subobject_b_not_null: { a: { b: 'hi' } },
  a_subobject_b_null: { a: { b: null } },
  no_a: {},
  a_double_array: { a: [[]] },
  a_empty_array: { a: [] },
  a_object_array_no_b_nulls: { a: [{ b: 1 }, { b: 3 }, { b: 'string' }] },
  a_object_array_some_b_nulls: { a: [{ b: null }, { b: 3 }, { b: null }] },
  a_object_array_some_b_missing: { a: [{ b: 3 }, {}] },
  a_value_array_all_nulls: { a: [null, null] },
  a_value_array_no_nulls: { a: [1, 'string', 4] },
  a_value_array_with_null: { a: [1, 'string', null, 4] },
};

const expected: [unknown, string[]][] = [
  [{ a: { $eq: null } }, ['a_null', 'no_a', 'a_value_array_all_nulls', 'a_value_array_with_null']],
  [{ a: { $in: [null, 75] } }, ['a_null', 'no_a', 'a_value_array_all_nulls', 'a_value_array_with_null']],
  [{ a: { $exists: false } }, ['no_a']],
  [
    { 'a.b': { $eq: null } },
    ['a_empty_subobject', 'a_null', 'a_number', 'a_subobject_b_null', 'no_a', 'a_object_array_some_b_nulls', 'a_object_array_some_b_missing'],
  ],
  [
    { 'a.b': { $ne: null } },
    ['a_subobject_b_not_null', 'a_double_array', 'a_empty_array', 'a_object_array_no_b_nulls', 'a_value_array_all_nulls', 'a_value_array_no_nulls', 'a_value_array_with_null'],
  ],
  [{ 'a.b': { $exists: false } }, ['no_a', 'a_empty_subobject', 'a_null', 'a_number', 'a_double_array', 'a_empty_array', 'a_value_array_all_nulls', 'a_value_array_no_nulls', 'a_value_array_with_null']],
  [{ a: { $elemMatch: { $eq: null } } }, ['a_value_array_all_nulls', 'a_value_array_with_null']],
  [
    { a: { $elemMatch: { $ne: null } } },
    ['a_double_array', 'a_object_array_no_b_nulls', 'a_object_array_some_b_nulls', 'a_object_array_some_b_missing', 'a_value_array_no_nulls', 'a_value_array_with_null'],
  ],
  [{ a: { $elemMatch: { b: { $eq: null } } } }, ['a_double_array', 'a_object_array_some_b_nulls', 'a_object_array_some_b_missing']],
  [{ a: { $elemMatch: { b: { $ne: null } } } }, ['a_object_array_no_b_nulls', 'a_object_array_some_b_nulls', 'a_object_array_some_b_missing']],
  [{ 'a.b': { $elemMatch: { $eq: null } } }, []],
  [
    { a: { $not: { $gte: null } } },
    ['a_empty_subobject', 'a_number', 'a_subobject_b_not_null', 'a_subobject_b_null', 'a_double_array', 'a_empty_array', 'a_object_array_no_b_nulls', 'a_object_array_some_b_nulls', 'a_object_array_some_b_missing', 'a_value_array_no_nulls'],
  ],
];

test('null and missing semantics match the server test matrix', () => {
  for (const [filter, ids] of expected) {
    const got = Object.keys(docs).filter((id) => matches(docs[id], filter));
    assert.deepEqual(got.sort(), [...ids].sort(), show(filter));
  }
});

table('$size', [
  [{ a: [1, 2] }, { a: { $size: 2 } }, true],
  [{ a: [1, 2] }, { a: { $size: 1 } }, false],
  [{ a: [] }, { a: { $size: 0 } }, true],
  [{}, { a: { $size: 0 } }, false],
  [{ a: null }, { a: { $size: 0 } }, false],
  [{ a: 'ab' }, { a: { $size: 2 } }, false],
  [{ a: [[1, 2]] }, { a: { $size: 2 } }, false],
  [{ a: [{ b: [1, 2] }, { b: [1] }] }, { 'a.b': { $size: 1 } }, true],
  [{ a: [1, 2] }, { a: { $size: 2.0 } }, true],
  [{ a: [1, 2] }, { a: { $not: { $size: 2 } } }, false],
]);

table('$all', [
  [{ a: [1, 2, 3] }, { a: { $all: [1, 3] } }, true],
  [{ a: [1, 2, 3] }, { a: { $all: [1, 4] } }, false],
  [{ a: 1 }, { a: { $all: [1] } }, true],
  [{ a: [1] }, { a: { $all: [] } }, false],
  [{}, { a: { $all: [1] } }, false],
  [{ a: null }, { a: { $all: [null] } }, true],
  [{ a: [[1, 2], 3] }, { a: { $all: [[1, 2]] } }, true],
  [{ a: [1, 2] }, { a: { $all: [[1, 2]] } }, true],
  [{ a: ['apple', 'banana'] }, { a: { $all: [/^a/, /^b/] } }, true],
  [{ a: ['apple', 'cherry'] }, { a: { $all: [/^a/, /^b/] } }, false],
  [{ a: [{ b: 1 }, { b: 2 }] }, { 'a.b': { $all: [1, 2] } }, true],
  [
    { a: [{ x: 1, y: 2 }, { x: 3, y: 4 }] },
    { a: { $all: [{ $elemMatch: { x: 1, y: 2 } }, { $elemMatch: { x: 3 } }] } },
    true,
  ],
  [
    { a: [{ x: 1, y: 2 }, { x: 3, y: 4 }] },
    { a: { $all: [{ $elemMatch: { x: 1, y: 4 } }] } },
    false,
  ],
]);

table('$elemMatch', [
  [{ a: [1, 5, 9] }, { a: { $elemMatch: { $gt: 4, $lt: 6 } } }, true],
  // Without $elemMatch, different elements may satisfy each condition.
  [{ a: [1, 9] }, { a: { $elemMatch: { $gt: 4, $lt: 6 } } }, false],
  [{ a: [1, 9] }, { a: { $gt: 4, $lt: 6 } }, true],
  [{ a: 5 }, { a: { $elemMatch: { $gt: 4 } } }, false],
  [{}, { a: { $elemMatch: { $gt: 4 } } }, false],
  [{ a: [[5]] }, { a: { $elemMatch: { $gt: 4 } } }, false],
  [{ a: [{ x: 1, y: 2 }, { x: 2, y: 1 }] }, { a: { $elemMatch: { x: 1, y: 2 } } }, true],
  [{ a: [{ x: 1, y: 1 }, { x: 2, y: 2 }] }, { a: { $elemMatch: { x: 1, y: 2 } } }, false],
  [{ a: [{ x: 1, y: 1 }, { x: 2, y: 2 }] }, { 'a.x': 1, 'a.y': 2 }, true],
  [{ a: [{ x: 1 }, 3] }, { a: { $elemMatch: { $or: [{ x: 2 }, { x: 1 }] } } }, true],
  [{ a: [1, 2] }, { a: { $elemMatch: {} } }, false],
  [{ a: [{}] }, { a: { $elemMatch: {} } }, true],
  [{ a: [{ b: [{ c: 1 }, { c: 2 }] }] }, { a: { $elemMatch: { b: { $elemMatch: { c: 2 } } } } }, true],
  [{ a: [{ b: [1, 2] }] }, { 'a.b': { $elemMatch: { $eq: 2 } } }, true],
  [{ a: ['abc', 'xyz'] }, { a: { $elemMatch: { $regex: '^x' } } }, true],
  [{ a: [1, 2] }, { a: { $elemMatch: { $not: { $gt: 1 } } } }, true],
  [{ a: [2, 3] }, { a: { $elemMatch: { $not: { $gt: 1 } } } }, false],
  [{ a: [{ b: 1 }] }, { a: { $elemMatch: { b: 1, $comment: 'x' } } }, true],
]);
