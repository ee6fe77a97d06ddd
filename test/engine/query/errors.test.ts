import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile, errorTable } from './_support';

errorTable('malformed operands report ASP421', [
  [5, 'ASP421'],
  [{ $and: [] }, 'ASP421'],
  [{ $or: {} }, 'ASP421'],
  [{ $nor: [5] }, 'ASP421'],
  [{ a: { $in: 5 } }, 'ASP421'],
  [{ a: { $nin: 'x' } }, 'ASP421'],
  [{ a: { $in: [{ $gt: 1 }] } }, 'ASP421'],
  [{ a: { $ne: /x/ } }, 'ASP421'],
  [{ a: { $not: 5 } }, 'ASP421'],
  [{ a: { $not: {} } }, 'ASP421'],
  [{ a: { $size: 'x' } }, 'ASP421'],
  [{ a: { $size: -1 } }, 'ASP421'],
  [{ a: { $size: 1.5 } }, 'ASP421'],
  [{ a: { $all: 1 } }, 'ASP421'],
  [{ a: { $all: [{ $elemMatch: {} }, 1] } }, 'ASP421'],
  [{ a: { $elemMatch: 1 } }, 'ASP421'],
  [{ a: { $elemMatch: { $expr: true } } }, 'ASP421'],
  [{ a: { $elemMatch: { $and: [{ $expr: true }] } } }, 'ASP421'],
  [{ a: { $type: 'strin' } }, 'ASP421'],
  [{ a: { $type: 99 } }, 'ASP421'],
  [{ a: { $type: [] } }, 'ASP421'],
  [{ a: { $type: true } }, 'ASP421'],
  [{ a: { $regex: 5 } }, 'ASP421'],
  [{ a: { $regex: '(' } }, 'ASP421'],
  [{ a: { $regex: 'a', $options: 'q' } }, 'ASP421'],
  [{ a: { $regex: /a/i, $options: 'm' } }, 'ASP421'],
  [{ a: { $regex: '(?R)' } }, 'ASP421'],
  // $expr only at the top of a filter (or inside $and/$or/$nor there): MongoDB's
  // "$expr can only be applied to the top-level document" inside $elemMatch, "unknown operator" under a field.
  [{ a: { $elemMatch: { $expr: { $eq: [1, 1] } } } }, 'ASP421'],
  [{ a: { $elemMatch: { $and: [{ $expr: true }] } } }, 'ASP421'],
  [{ a: { $all: [{ $elemMatch: { $or: [{ b: 1 }, { $expr: true }] } }] } }, 'ASP421'],
  [{ a: { $regex: '\\Ga' } }, 'ASP421'],
  [{ a: { $in: [/(?<=a)b/, { $regularExpression: { pattern: '(?(1)a)', options: '' } }] } }, 'ASP421'],
  [{ a: { $options: 'i' } }, 'ASP421'],
  [{ a: { $mod: 5 } }, 'ASP421'],
  [{ a: { $mod: [1] } }, 'ASP421'],
  [{ a: { $mod: [1, 2, 3] } }, 'ASP421'],
  [{ a: { $mod: ['x', 1] } }, 'ASP421'],
  [{ a: { $mod: [0, 1] } }, 'ASP421'],
  [{ a: { $mod: [NaN, 1] } }, 'ASP421'],
  [{ a: { $bitsAllSet: -1 } }, 'ASP421'],
  [{ a: { $bitsAllSet: 1.5 } }, 'ASP421'],
  [{ a: { $bitsAllSet: [-1] } }, 'ASP421'],
  [{ a: { $bitsAllSet: 'x' } }, 'ASP421'],
]);

errorTable('unknown operators report ASP420', [
  [{ $foo: 1 }, 'ASP420'],
  [{ a: { $expr: { $eq: [1, 1] } } }, 'ASP420'],
  [{ a: { $not: { $expr: true } } }, 'ASP420'],
  [{ $not: { a: 1 } }, 'ASP420'],
  [{ $gt: 1 }, 'ASP420'],
  [{ a: { $foo: 1 } }, 'ASP420'],
  [{ a: { $and: [] } }, 'ASP420'],
  [{ a: { $gt: 1, b: 2 } }, 'ASP420'],
]);

errorTable('operators ASP does not allow report ASP422; geo ones ASP423', [
  [{ $text: { $search: 'x' } }, 'ASP422', 'match'],
  [{ $text: { $search: 'x' } }, 'ASP422', 'validate'],
  [{ $where: 'this.a > 1' }, 'ASP422', 'validate'],
  [{ $where: 'this.a > 1' }, 'ASP422', 'match'],
  [{ loc: { $near: [0, 0] } }, 'ASP422', 'validate'],
  [{ loc: { $nearSphere: [0, 0] } }, 'ASP422', 'validate'],
  [{ $or: [{ $text: { $search: 'x' } }] }, 'ASP422', 'match'],
  [{ loc: { $geoWithin: { $centerSphere: [[0, 0], 1] } } }, 'ASP423', 'match'],
]);

test('$text in $match has ASP\'s exact message and points at the key', () => {
  const { diagnostics } = compile({ a: 1, $text: { $search: 'x' } });
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.message, 'Cannot use $text in $match stage in Atlas Stream Processing.');
  assert.deepEqual(diagnostics[0]!.path, ['$text']);
  assert.equal(diagnostics[0]!.target, 'key');
});

test('ASP420 carries the operator name and the path of the key', () => {
  const { diagnostics } = compile({ a: { $gt: 1, $foo: 2 } });
  assert.deepEqual(diagnostics.map((d) => [d.code, d.path, d.data]), [['ASP420', ['a', '$foo'], { name: '$foo' }]]);
});

test('compileFilter never throws on arbitrary input', () => {
  const inputs: unknown[] = [null, undefined, [], 'x', { a: { $in: null } }, { $and: [null] }, { $jsonSchema: null }, { a: { $all: [{ $elemMatch: 5 }] } }, { $expr: { $nope: 1 } }, { a: { $regex: null } }];
  for (const f of inputs) assert.doesNotThrow(() => compile(f));
});

test('valid filters produce no diagnostics', () => {
  for (const f of [{}, { a: 1, $comment: 'c' }, { 'a.b': { $elemMatch: { $or: [{ c: 1 }] } } }, { a: { $ref: 'c', $id: 1 } }]) {
    assert.deepEqual(compile(f).diagnostics, []);
  }
});
