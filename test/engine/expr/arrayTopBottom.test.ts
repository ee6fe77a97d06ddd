/**
 * $top, $topN, $bottom, $bottomN as array expressions, and the `arrayIndexAs` option of $map and
 * $filter (MongoDB 8.3). Rows come from the reference pages' examples and from MongoDB's
 * jstests/aggregation/expressions/{top,topN,bottom,bottomN,map_arrayindexas,filter_arrayindexas}.js,
 * with their documented results.
 */
import { compileErr, err, table } from './_support';

// https://www.mongodb.com/docs/manual/reference/operator/topn/ (sample_mflix "The Godfather")
const godfather = { cast: ['Marlon Brando', 'Al Pacino', 'James Caan', 'Richard S. Castellano'] };
const mixed = [0, 'a', [1, 'b'], { c: 2 }, 0.5];
const nested = [[1, 2], [3, [1, 1]], [3, 6]];
const docs = [{ a: 1, b: 1 }, { a: 2, b: 2 }, { a: 2, b: 1 }];

table('$top (expression)', [
  [godfather, { $top: { sortBy: 1, input: '$cast' } }, 'Al Pacino'],
  [{}, { $top: { input: [] } }, null],
  [{}, { $top: { input: [0, 1, 2, 3, 4] } }, 0],
  [{}, { $top: { input: [0, 1, 2, 3, 4, 'a', 'b', 'c'] } }, 0],
  [{}, { $top: { input: mixed } }, 0],
  [{}, { $top: { input: [0, 1, 2, 3, 4], sortBy: 1 } }, 0],
  [{}, { $top: { input: [0, 1, 2, 3, 4], sortBy: -1 } }, 4],
  [{}, { $top: { input: mixed, sortBy: -1 } }, [1, 'b']],
  [{}, { $top: { input: nested, sortBy: 1 } }, [1, 2]],
  [{}, { $top: { input: docs, sortBy: { a: 1, b: -1 } } }, { a: 1, b: 1 }],
  [{}, { $top: 0 }, compileErr('ASP411')],
  [{}, { $top: { sortBy: 1 } }, compileErr('ASP411')],
  [{ s: 'one' }, { $top: { input: '$s' } }, err("$top requires 'input' to be an array, found: string")],
  [{}, { $top: { input: [1, 2, 3], sortBy: 'a' } }, compileErr('ASP411')],
]);

table('$topN (expression)', [
  [godfather, { $topN: { n: 3, sortBy: 1, input: '$cast' } }, ['Al Pacino', 'James Caan', 'Marlon Brando']],
  [{}, { $topN: { n: 0, input: [0, 1, 2, 3, 4] } }, []],
  [{}, { $topN: { n: 2, input: [0, 1, 2, 3, 4] } }, [0, 1]],
  [{}, { $topN: { n: 5, input: [0, 1, 2, 3, 4] } }, [0, 1, 2, 3, 4]],
  [{}, { $topN: { n: 10, input: [0, 1, 2, 3, 4] } }, [0, 1, 2, 3, 4]],
  [{}, { $topN: { n: 2, input: [0, 1, 2, 3, 4, 'a', 'b', 'c'] } }, [0, 1]],
  [{}, { $topN: { n: 2, input: mixed } }, [0, 0.5]],
  [{}, { $topN: { n: 2, input: [0, 1, 2, 3, 4], sortBy: -1 } }, [4, 3]],
  [{}, { $topN: { n: 2, input: mixed, sortBy: -1 } }, [[1, 'b'], { c: 2 }]],
  [{}, { $topN: { n: 2, input: nested, sortBy: 1 } }, [[1, 2], [3, 6]]],
  [{}, { $topN: { n: 2, input: docs, sortBy: { a: 1, b: -1 } } }, [{ a: 1, b: 1 }, { a: 2, b: 2 }]],
  [{}, { $topN: 0 }, compileErr('ASP411')],
  [{}, { $topN: { input: [1, 2, 3] } }, compileErr('ASP411')],
  [{}, { $topN: { n: 2 } }, compileErr('ASP411')],
  [{}, { $topN: { n: '2', input: [1, 2, 3] } }, err("Value for 'n' must be of integral type, but found \"2\"")],
  [{}, { $topN: { n: 1.5, input: [1, 2, 3] } }, err("Value for 'n' must be of integral type, but found 1.5")],
  [{}, { $topN: { n: -1, input: [1, 2, 3] } }, err("'n' must be non-negative, found: -1")],
  [{}, { $topN: { n: 2, input: 1 } }, err("$topN requires 'input' to be an array, found: int")],
  [{}, { $topN: { n: 2, input: [1, 2, 3], sortBy: 'a' } }, compileErr('ASP411')],
]);

table('$bottom (expression)', [
  [godfather, { $bottom: { sortBy: 1, input: '$cast' } }, 'Richard S. Castellano'],
  [{}, { $bottom: { input: [] } }, null],
  [{}, { $bottom: { input: [0, 1, 2, 3, 4] } }, 4],
  [{}, { $bottom: { input: [0, 1, 2, 3, 4, 'a', 'b', 'c'] } }, 'c'],
  [{}, { $bottom: { input: mixed } }, [1, 'b']],
  [{}, { $bottom: { input: [0, 1, 2, 3, 4], sortBy: 1 } }, 4],
  [{}, { $bottom: { input: [0, 1, 2, 3, 4], sortBy: -1 } }, 0],
  [{}, { $bottom: { input: mixed, sortBy: -1 } }, 0],
  [{}, { $bottom: { input: nested, sortBy: 1 } }, [3, [1, 1]]],
  [{}, { $bottom: { input: docs, sortBy: { a: 1, b: -1 } } }, { a: 2, b: 1 }],
  [{}, { $bottom: 0 }, compileErr('ASP411')],
  [{}, { $bottom: { sortBy: 1 } }, compileErr('ASP411')],
  [{}, { $bottom: { input: 'one' } }, err("$bottom requires 'input' to be an array, found: string")],
]);

table('$bottomN (expression)', [
  [godfather, { $bottomN: { n: 3, sortBy: 1, input: '$cast' } }, ['James Caan', 'Marlon Brando', 'Richard S. Castellano']],
  [{}, { $bottomN: { n: 0, input: [0, 1, 2, 3, 4] } }, []],
  [{}, { $bottomN: { n: 2, input: [0, 1, 2, 3, 4] } }, [3, 4]],
  [{}, { $bottomN: { n: 10, input: [0, 1, 2, 3, 4] } }, [0, 1, 2, 3, 4]],
  [{}, { $bottomN: { n: 2, input: [0, 1, 2, 3, 4, 'a', 'b', 'c'] } }, ['b', 'c']],
  [{}, { $bottomN: { n: 2, input: mixed } }, [{ c: 2 }, [1, 'b']]],
  [{}, { $bottomN: { n: 2, input: [0, 1, 2, 3, 4], sortBy: -1 } }, [1, 0]],
  [{}, { $bottomN: { n: 2, input: mixed, sortBy: -1 } }, [0.5, 0]],
  [{}, { $bottomN: { n: 2, input: nested, sortBy: 1 } }, [[3, 6], [3, [1, 1]]]],
  [{}, { $bottomN: { n: 2, input: docs, sortBy: { a: 1, b: -1 } } }, [{ a: 2, b: 2 }, { a: 2, b: 1 }]],
  [{}, { $bottomN: { n: -1, input: [1, 2, 3] } }, err("'n' must be non-negative, found: -1")],
  [{}, { $bottomN: { n: 2, input: 'one' } }, err("$bottomN requires 'input' to be an array, found: string")],
  [{}, { $bottomN: { n: 2, input: [1, 2, 3], sortBy: 'a' } }, compileErr('ASP411')],
]);

const m = { simple: [1, 2, 3, 4], a4z: [0, 0, 0, 0], mixed: [{ a: 1 }, {}, { a: 2 }, { a: null }] };

// jstests/aggregation/expressions/map_arrayindexas.js
table('$map arrayIndexAs and $$IDX', [
  [m, { $map: { input: '$mixed', in: '$$IDX' } }, [0, 1, 2, 3]],
  [m, { $map: { input: '$mixed', arrayIndexAs: 'σημείο', in: '$$σημείο' } }, [0, 1, 2, 3]],
  [m, { $map: { input: '$simple', arrayIndexAs: 'idx', as: 'this', in: { $add: ['$$idx', '$$this'] } } }, [1, 3, 5, 7]],
  [m, { $map: { input: '$a4z', arrayIndexAs: 'outer', in: { $map: { input: '$a4z', arrayIndexAs: 'inner', in: { $add: [{ $multiply: [4, '$$outer'] }, '$$inner', 1] } } } } },
    [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]],
  [m, { $map: { input: '$a4z', in: { $map: { input: '$a4z', in: '$$IDX' } } } }, [[0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3]]],
  [m, { $map: { input: '$a4z', in: { $map: { input: '$a4z', arrayIndexAs: 'inner', in: { $add: ['$$IDX', '$$inner'] } } } } },
    [[0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5], [3, 4, 5, 6]]],
  [m, { $map: { input: '$simple', arrayIndexAs: 'index', in: '$$IDX' } }, compileErr('ASP404')],
  [m, { $map: { input: '$simple', arrayIndexAs: 'IDX', in: [] } }, compileErr('ASP411')],
  [m, { $map: { input: '$simple', arrayIndexAs: '^', in: [] } }, compileErr('ASP411')],
  [m, { $map: { input: '$simple', arrayIndexAs: '', in: [] } }, compileErr('ASP411')],
  [m, { $map: { input: '$$IDX', in: {} } }, compileErr('ASP404')],
  [m, { $map: { input: '$$i', arrayIndexAs: 'i', in: {} } }, compileErr('ASP404')],
  [m, { $map: { input: '$simple', as: 'i', arrayIndexAs: 'i', in: '$$i' } }, compileErr('ASP411')],
]);

const f = { b: [0, 7, 2, 5, 4, 0], nested: [[], [0, 1], [2, 3], [4, 5]] };

// jstests/aggregation/expressions/filter_arrayindexas.js
table('$filter arrayIndexAs and $$IDX', [
  [f, { $filter: { input: '$b', cond: { $eq: ['$$this', '$$IDX'] } } }, [0, 2, 4]],
  [f, { $filter: { input: '$b', arrayIndexAs: 'i', cond: { $eq: ['$$this', '$$i'] } } }, [0, 2, 4]],
  [f, { $filter: { input: '$b', cond: { $eq: ['$$this', '$$IDX'] }, limit: 2 } }, [0, 2]],
  [f, { $filter: { input: '$b', arrayIndexAs: 'i', cond: { $eq: ['$$this', '$$i'] }, limit: 1 } }, [0]],
  [f, { $filter: { input: '$nested', as: 'outer', arrayIndexAs: 'i', cond: { $ne: [0, { $size: { $filter: { input: '$$outer', as: 'inner', cond: { $eq: ['$$i', '$$inner'] } } } }] } } }, [[0, 1], [2, 3]]],
  [f, { $filter: { input: '$nested', as: 'outer', cond: { $ne: [0, { $size: { $filter: { input: '$$outer', as: 'inner', cond: { $eq: ['$$IDX', '$$inner'] } } } }] } } }, [[0, 1]]],
  [f, { $filter: { input: '$nested', as: 'outer', limit: 2, cond: { $ne: [0, { $size: { $filter: { input: '$$outer', as: 'inner', arrayIndexAs: 'i', cond: { $and: [{ $eq: ['$$inner', '$$IDX'] }, { $eq: ['$$inner', '$$i'] }] } } } }] } } }, [[0, 1]]],
  [f, { $filter: { input: '$b', arrayIndexAs: 'i', cond: { $eq: ['$$this', '$$IDX'] } } }, compileErr('ASP404')],
  [f, { $filter: { input: '$b', arrayIndexAs: 'IDX', cond: { $eq: ['$$this', '$$IDX'] } } }, compileErr('ASP411')],
  [f, { $filter: { input: '$$i', as: 'c', cond: true, limit: 1, arrayIndexAs: 'i' } }, compileErr('ASP404')],
  [f, { $filter: { input: '$b', as: 'c', cond: true, limit: '$$i', arrayIndexAs: 'i' } }, compileErr('ASP404')],
  [f, { $filter: { input: '$b', as: 'c', cond: true, limit: '$$IDX' } }, compileErr('ASP404')],
  [f, { $filter: { input: '$b', as: 'i', cond: true, arrayIndexAs: 'i' } }, compileErr('ASP411')],
]);

// $map / $filter `as: "CURRENT"` rebinds CURRENT, so field paths in the body read the element.
table('$map and $filter with as: CURRENT', [
  [{ a: [{ x: 1 }, { x: 2 }], x: 9 }, { $map: { input: '$a', as: 'CURRENT', in: { $add: ['$x', '$$ROOT.x'] } } }, [10, 11]],
  [{ a: [{ x: 1 }, { x: 2 }] }, { $filter: { input: '$a', as: 'CURRENT', cond: { $gt: ['$x', 1] } } }, [{ x: 2 }]],
  [{ a: [1, 2] }, { $map: { input: '$a', as: 'CURRENT', in: '$$CURRENT' } }, [1, 2]],
]);
