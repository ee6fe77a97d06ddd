import { table } from './_support';

table('$and $or $nor', [
  [{ a: 1, b: 2 }, { $and: [{ a: 1 }, { b: 2 }] }, true],
  [{ a: 1, b: 3 }, { $and: [{ a: 1 }, { b: 2 }] }, false],
  [{ a: 1 }, { $and: [{ a: { $gt: 0 } }, { a: { $lt: 2 } }] }, true],
  [{ a: 1 }, { $or: [{ a: 2 }, { a: 1 }] }, true],
  [{ a: 3 }, { $or: [{ a: 2 }, { a: 1 }] }, false],
  [{}, { $or: [{ a: null }, { a: 1 }] }, true],
  [{ a: 1 }, { $nor: [{ a: 2 }, { b: 1 }] }, true],
  [{ a: 2 }, { $nor: [{ a: 2 }, { b: 1 }] }, false],
  [{}, { $nor: [{ a: 1 }] }, true],
  [{ a: 1, b: 2 }, { a: 1, $or: [{ b: 3 }, { b: 2 }] }, true],
  [{ a: 1, b: 2 }, { a: 2, $or: [{ b: 3 }, { b: 2 }] }, false],
  [{ a: 1 }, { $and: [{ $or: [{ a: 1 }, { a: 2 }] }, { $nor: [{ a: 2 }] }] }, true],
  [{ a: 1 }, {}, true],
]);

table('$not', [
  [{ a: 5 }, { a: { $not: { $gt: 4 } } }, false],
  [{ a: 3 }, { a: { $not: { $gt: 4 } } }, true],
  [{}, { a: { $not: { $gt: 4 } } }, true],
  [{ a: null }, { a: { $not: { $gt: 4 } } }, true],
  [{ a: 'x' }, { a: { $not: { $gt: 4 } } }, true],
  [{ a: [1, 5] }, { a: { $not: { $gt: 4 } } }, false],
  [{ a: [1, 2] }, { a: { $not: { $gt: 4 } } }, true],
  [{ a: 'abc' }, { a: { $not: /^a/ } }, false],
  [{ a: 'xbc' }, { a: { $not: /^a/ } }, true],
  [{ a: 'abc' }, { a: { $not: { $regex: '^A', $options: 'i' } } }, false],
  [{ a: 3 }, { a: { $not: { $gt: 1, $lt: 5 } } }, false],
  [{ a: 7 }, { a: { $not: { $gt: 1, $lt: 5 } } }, true],
  [{ a: 1 }, { a: { $not: { $not: { $eq: 1 } } } }, true],
]);
