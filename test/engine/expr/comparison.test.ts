import { Decimal128, Long, MaxKey, MinKey } from 'bson';
import { compileErr, table } from './_support';

table('$eq / $ne', [
  [{ a: 1 }, { $eq: ['$a', 1] }, true],
  [{ a: 1 }, { $eq: ['$a', Long.fromNumber(1)] }, true],
  [{ a: 1 }, { $eq: ['$a', Decimal128.fromString('1.0')] }, true],
  [{ a: NaN }, { $eq: ['$a', NaN] }, true],
  [{ a: 1 }, { $eq: ['$a', '1'] }, false],
  [{}, { $eq: ['$a', null] }, false],
  [{}, { $eq: ['$a', '$b'] }, true],
  [{ a: null }, { $eq: ['$a', null] }, true],
  [{ a: [1, 2] }, { $eq: ['$a', [1, 2]] }, true],
  [{ a: { x: 1 } }, { $eq: ['$a', { x: 1 }] }, true],
  [{ a: 1 }, { $ne: ['$a', 2] }, true],
  [{}, { $ne: ['$a', null] }, true],
  [{}, { $eq: [1] }, compileErr('ASP410')],
]);

table('$gt / $gte / $lt / $lte', [
  [{ a: 2 }, { $gt: ['$a', 1] }, true],
  [{ a: 'a' }, { $gt: ['$a', 99] }, true],
  [{ a: null }, { $gt: ['$a', '$missing'] }, true],
  [{ a: new MinKey() }, { $lt: ['$a', '$missing'] }, true],
  [{ a: new MaxKey() }, { $gt: ['$a', { x: 1 }] }, true],
  [{ a: NaN }, { $lt: ['$a', -Infinity] }, true],
  [{ a: new Date(5) }, { $gte: ['$a', new Date(5)] }, true],
  [{ a: true }, { $gt: ['$a', false] }, true],
  [{ a: 1 }, { $lte: ['$a', Long.fromNumber(1)] }, true],
  [{ a: [1, 2] }, { $lt: ['$a', [1, 3]] }, true],
  [{}, { $lte: ['$a', null] }, true],
  [{}, { $gt: [1, 2, 3] }, compileErr('ASP410')],
]);

table('$cmp', [
  [{}, { $cmp: [1, 2] }, -1],
  [{}, { $cmp: ['b', 'a'] }, 1],
  [{}, { $cmp: [Decimal128.fromString('2'), 2] }, 0],
  [{}, { $cmp: ['$missing', null] }, -1],
  [{}, { $cmp: [{ a: 1 }, { a: 1, b: 0 }] }, -1],
]);
