import { compileErr, err, table } from './_support';

table('$cond', [
  [{ a: 1 }, { $cond: ['$a', 'yes', 'no'] }, 'yes'],
  [{}, { $cond: ['$a', 'yes', 'no'] }, 'no'],
  [{ a: 0 }, { $cond: { if: '$a', then: 'yes', else: 'no' } }, 'no'],
  [{}, { $cond: { if: true, then: '$missing', else: 1 } }, undefined],
  [{}, { $cond: { if: false, then: { $divide: [1, 0] }, else: 1 } }, 1],
  [{}, { $cond: { if: true, then: 1 } }, compileErr('ASP411')],
  [{}, { $cond: { if: true, then: 1, else: 2, other: 3 } }, compileErr('ASP411')],
  [{}, { $cond: [true, 1] }, compileErr('ASP410')],
]);

table('$ifNull', [
  [{ a: 1 }, { $ifNull: ['$a', 2] }, 1],
  [{ a: null }, { $ifNull: ['$a', 2] }, 2],
  [{}, { $ifNull: ['$a', '$b', 'c'] }, 'c'],
  [{ b: false }, { $ifNull: ['$a', '$b', 'c'] }, false],
  [{}, { $ifNull: ['$a', null] }, null],
  [{}, { $ifNull: ['$a', '$b'] }, undefined],
  [{}, { $ifNull: ['$a'] }, compileErr('ASP410')],
]);

table('$switch', [
  [{ n: 5 }, { $switch: { branches: [{ case: { $lt: ['$n', 3] }, then: 'low' }, { case: { $lt: ['$n', 10] }, then: 'mid' }], default: 'high' } }, 'mid'],
  [{ n: 50 }, { $switch: { branches: [{ case: { $lt: ['$n', 3] }, then: 'low' }], default: 'high' } }, 'high'],
  [{}, { $switch: { branches: [{ case: '$n', then: 1 }] } }, err('$switch could not find a matching branch for an input, and no default was specified.')],
  [{}, { $switch: { branches: [] } }, compileErr('ASP411')],
  [{}, { $switch: { branches: {} } }, compileErr('ASP411')],
  [{}, { $switch: { branches: [{ case: true }] } }, compileErr('ASP411')],
  [{}, { $switch: { branches: [{ case: true, then: 1, x: 1 }] } }, compileErr('ASP411')],
  [{}, { $switch: { branches: [{ case: true, then: 1 }], foo: 1 } }, compileErr('ASP411')],
  [{}, { $switch: 'x' }, compileErr('ASP411')],
]);
