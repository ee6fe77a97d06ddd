import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BSONRegExp, BSONSymbol, Decimal128, Long } from 'bson';
import { ExprError } from '../../../engine/core/errors';
import { compile, table } from './_support';

table('$regex and regex values', [
  [{ a: 'apple' }, { a: /^ap/ }, true],
  [{ a: 'Apple' }, { a: /^ap/ }, false],
  [{ a: 'Apple' }, { a: /^ap/i }, true],
  [{ a: 'Apple' }, { a: { $regex: '^ap', $options: 'i' } }, true],
  [{ a: 'Apple' }, { a: { $regex: /^ap/, $options: 'i' } }, true],
  [{ a: 'Apple' }, { a: { $regex: /^ap/i } }, true],
  [{ a: 'Apple' }, { a: new BSONRegExp('^ap', 'i') }, true],
  [{ a: 'x\nab' }, { a: { $regex: '^ab' } }, false],
  [{ a: 'x\nab' }, { a: { $regex: '^ab', $options: 'm' } }, true],
  [{ a: 'a\nb' }, { a: { $regex: 'a.b' } }, false],
  [{ a: 'a\nb' }, { a: { $regex: 'a.b', $options: 's' } }, true],
  [{ a: 'abc' }, { a: { $regex: ' a b  # letters\n c', $options: 'x' } }, true],
  [{ a: 'a b' }, { a: { $regex: 'a[ ]b', $options: 'x' } }, true],
  [{ a: 'abc' }, { a: { $regex: { $regularExpression: { pattern: 'B', options: 'i' } } } }, true],
  [{ a: 'abc' }, { a: { $regularExpression: { pattern: 'B', options: 'i' } } }, true],
  [{ a: ['x', 'abc'] }, { a: /b/ }, true],
  [{ a: new BSONSymbol('abc') }, { a: /b/ }, true],
  [{ a: 5 }, { a: /5/ }, false],
  [{ a: null }, { a: /null/ }, false],
  [{}, { a: /x/ }, false],
  // A regex query also matches an equal regex value.
  [{ a: /ab/i }, { a: /ab/i }, true],
  [{ a: /ab/ }, { a: /ab/i }, false],
]);

// https://www.mongodb.com/docs/manual/reference/operator/query/regex/#examples — the `products`
// collection of the page and the _ids each example returns.
const PRODUCTS = [
  { _id: 100, sku: 'abc123', description: 'Single line description.' },
  { _id: 101, sku: 'abc789', description: 'First line\nSecond line' },
  { _id: 102, sku: 'xyz456', description: 'Many spaces before     line' },
  { _id: 103, sku: 'xyz789', description: 'Multiple\nline description' },
  { _id: 104, sku: 'Abc789', description: 'SKU starts with A' },
];

test('$regex: the examples of the MongoDB reference page return the documented _ids', () => {
  const cases: [Record<string, unknown>, number[]][] = [
    [{ sku: { $regex: /789$/ } }, [101, 103, 104]],
    [{ sku: { $regex: '789$' } }, [101, 103, 104]],
    [{ sku: { $regex: /^ABC/i } }, [100, 101, 104]],
    [{ description: { $regex: /^S/, $options: 'm' } }, [100, 101, 104]],
    [{ description: { $regex: /^S/ } }, [100, 104]],
    [{ sku: { $regex: 'abc #category code\n123 #item number', $options: 'x' } }, [100]],
    [{ description: { $regex: /m.*line/, $options: 'si' } }, [102, 103]],
    [{ description: { $regex: /m.*line/, $options: 'i' } }, [102]],
    [{ sku: { $in: [/^abc/, /^xyz4/] } }, [100, 101, 102]],
  ];
  for (const [filter, ids] of cases) {
    const { diagnostics, matches } = compile(filter);
    assert.deepEqual(diagnostics, [], JSON.stringify(filter));
    assert.deepEqual(PRODUCTS.filter((d) => matches(d)).map((d) => d._id), ids, String(JSON.stringify(filter)));
  }
});

// Wherever MongoDB takes a regex value in a filter (query operators pages: $in, $nin, $not, $all).
table('regex values inside $in, $nin, $not, $all, $elemMatch', [
  [{ a: 'apple' }, { a: { $in: [/^AP/i, 'x'] } }, true],
  [{ a: 'pear' }, { a: { $in: [/^ap/, 'x'] } }, false],
  [{ a: 'apple' }, { a: { $nin: [/^ap/] } }, false],
  [{ a: 'pear' }, { a: { $nin: [new BSONRegExp('^ap', '')] } }, true],
  [{ a: 'apple' }, { a: { $not: /^ap/ } }, false],
  [{ a: 'pear' }, { a: { $not: { $regularExpression: { pattern: '^ap', options: '' } } } }, true],
  [{ a: ['apple', 'axe'] }, { a: { $all: [/^a/, /e$/] } }, true],
  [{ a: ['x', 'ab'] }, { a: { $elemMatch: { $regex: '^a' } } }, true],
  // PCRE syntax that JavaScript lacks, translated (engine/regex).
  [{ a: 'ABC' }, { a: { $regex: '(?i)abc' } }, true],
  [{ a: 'abc\n' }, { a: { $regex: 'abc$' } }, true],
  [{ a: 'abc\n' }, { a: { $regex: 'abc\\z' } }, false],
  [{ a: 'x\nabc' }, { a: { $regex: '\\Aabc', $options: 'm' } }, false],
  [{ a: 'aaa' }, { a: { $regex: 'a++a' } }, false],
  [{ a: 'abc' }, { a: { $regex: '(?>a|ab)c' } }, false],
  [{ a: 'é' }, { a: { $regex: '^\\p{L}+$' } }, true],
]);

table('$mod', [
  [{ a: 10 }, { a: { $mod: [4, 2] } }, true],
  [{ a: 11 }, { a: { $mod: [4, 2] } }, false],
  [{ a: -6 }, { a: { $mod: [4, -2] } }, true],
  [{ a: -6 }, { a: { $mod: [4, 2] } }, false],
  [{ a: 10.9 }, { a: { $mod: [4, 2] } }, true],
  [{ a: 10 }, { a: { $mod: [4.5, 2.5] } }, true],
  [{ a: new Long('9007199254740993') }, { a: { $mod: [2, 1] } }, true],
  [{ a: Decimal128.fromString('6') }, { a: { $mod: [3, 0] } }, true],
  [{ a: NaN }, { a: { $mod: [2, 0] } }, false],
  [{ a: Infinity }, { a: { $mod: [2, 0] } }, false],
  [{ a: '10' }, { a: { $mod: [4, 2] } }, false],
  [{}, { a: { $mod: [4, 2] } }, false],
  [{ a: [1, 6] }, { a: { $mod: [4, 2] } }, true],
]);

table('$expr and $comment', [
  [{ a: 5, b: 3 }, { $expr: { $gt: ['$a', '$b'] } }, true],
  [{ a: 1, b: 3 }, { $expr: { $gt: ['$a', '$b'] } }, false],
  [{ a: 1 }, { $expr: '$a' }, true],
  [{ a: 0 }, { $expr: '$a' }, false],
  [{ a: new Long(0) }, { $expr: '$a' }, false],
  [{ a: null }, { $expr: '$a' }, false],
  [{}, { $expr: '$a' }, false],
  [{ a: '' }, { $expr: '$a' }, true],
  [{ a: [] }, { $expr: '$a' }, true],
  [{ a: false }, { $expr: '$a' }, false],
  [{}, { $expr: true }, true],
  [{ a: 5, b: 1 }, { $or: [{ b: 2 }, { $expr: { $gt: ['$a', 1] } }] }, true],
  [{ a: 1 }, { a: 1, $comment: 'why this filter exists' }, true],
  [{ a: 2 }, { a: 1, $comment: 'why this filter exists' }, false],
]);

test('$expr runtime errors propagate as ExprError (the stage sends the document to the DLQ)', () => {
  const { diagnostics, matches } = compile({ $expr: { $gt: [{ $divide: ['$a', 0] }, 1] } });
  assert.deepEqual(diagnostics, []);
  assert.throws(() => matches({ a: 1 }), ExprError);
});
