import { Decimal128, Long } from 'bson';
import { compileErr, table } from './_support';

table('$and', [
  [{ a: 1, b: 'x' }, { $and: ['$a', '$b'] }, true],
  [{ a: 1 }, { $and: ['$a', '$missing'] }, false],
  [{}, { $and: [null] }, false],
  [{}, { $and: [Long.fromNumber(0)] }, false],
  [{}, { $and: [Decimal128.fromString('0.0')] }, false],
  [{}, { $and: [[], '', {}] }, true],
  [{}, { $and: [] }, true],
  [{}, { $and: [true, true, false] }, false],
  // Short-circuit: the erroring branch is never evaluated.
  [{}, { $and: [false, { $divide: [1, 0] }] }, false],
]);

table('$or', [
  [{}, { $or: [0, null, '$missing'] }, false],
  [{}, { $or: [0, 'a'] }, true],
  [{}, { $or: [] }, false],
  [{}, { $or: [true, { $divide: [1, 0] }] }, true],
]);

table('$not', [
  [{}, { $not: [true] }, false],
  [{}, { $not: ['$missing'] }, true],
  [{}, { $not: [0] }, true],
  [{}, { $not: 'x' }, false],
  [{}, { $not: [1, 2] }, compileErr('ASP410')],
]);
