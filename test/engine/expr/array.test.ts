import { Decimal128, Long } from 'bson';
import { compileErr, err, table } from './_support';

table('$arrayElemAt', [
  [{ a: [1, 2, 3] }, { $arrayElemAt: ['$a', 1] }, 2],
  [{ a: [1, 2, 3] }, { $arrayElemAt: ['$a', -3] }, 1],
  [{ a: [1, 2, 3] }, { $arrayElemAt: ['$a', -4] }, undefined],
  [{ a: [1, 2, 3] }, { $arrayElemAt: ['$a', Long.fromNumber(2)] }, 3],
  [{}, { $arrayElemAt: ['$a', 0] }, null],
  [{ a: [1] }, { $arrayElemAt: ['$a', null] }, null],
  [{ a: 'x' }, { $arrayElemAt: ['$a', 0] }, err("$arrayElemAt's first argument must be an array, but is string")],
  [{ a: [1], i: 'x' }, { $arrayElemAt: ['$a', '$i'] }, err("$arrayElemAt's second argument must be a numeric value, but is string")],
  [{ a: [1], i: 0.5 }, { $arrayElemAt: ['$a', '$i'] }, err("$arrayElemAt's second argument must be representable as a 32-bit integer: 0.5")],
  // Value::integral() is "fits in 32 bits"; the value prints as %g (evaluate_array.cpp, 28691).
  [{ a: [1], i: 2147483648 }, { $arrayElemAt: ['$a', '$i'] }, err("$arrayElemAt's second argument must be representable as a 32-bit integer: 2.14748e+09")],
  [{ a: [1], i: Long.fromString('-2147483649') }, { $arrayElemAt: ['$a', '$i'] }, err("$arrayElemAt's second argument must be representable as a 32-bit integer: -2.14748e+09")],
  [{ a: [1, 2], i: Decimal128.fromString('1.0') }, { $arrayElemAt: ['$a', '$i'] }, 2],
  [{ a: [1], i: 2147483647 }, { $arrayElemAt: ['$a', '$i'] }, undefined],
  [{ a: [1], i: -2147483648 }, { $arrayElemAt: ['$a', '$i'] }, undefined],
  // A constant argument that fails for every document is a compile diagnostic.
  [{ a: [1] }, { $arrayElemAt: ['$a', 'x'] }, compileErr('ASP411')],
  [{ a: [1] }, { $arrayElemAt: ['$a', 0.5] }, compileErr('ASP411')],
  [{ a: [1] }, { $arrayElemAt: ['$a', 4294967296] }, compileErr('ASP411')],
  [{}, { $arrayElemAt: ['abc', 0] }, compileErr('ASP411')],
]);

table('$concatArrays', [
  [{ a: [1], b: [[2]] }, { $concatArrays: ['$a', '$b'] }, [1, [2]]],
  [{}, { $concatArrays: [] }, []],
  [{ a: [1] }, { $concatArrays: ['$a', null] }, null],
  [{ a: [1] }, { $concatArrays: ['$a', 'x'] }, err('$concatArrays only supports arrays, not string')],
]);

table('$filter', [
  [{ a: [1, 2, 3, 4] }, { $filter: { input: '$a', as: 'n', cond: { $gt: ['$$n', 2] } } }, [3, 4]],
  [{ a: [1, 0, null, 'x'] }, { $filter: { input: '$a', cond: '$$this' } }, [1, 'x']],
  [{ a: [1, 2, 3] }, { $filter: { input: '$a', cond: true, limit: null } }, [1, 2, 3]],
  [{ a: [1, 2, 3] }, { $filter: { input: '$a', cond: true, limit: 1 } }, [1]],
  [{}, { $filter: { input: '$a', cond: true } }, null],
  [{ a: [1] }, { $filter: { input: '$a', cond: true, limit: 0 } }, err('$filter: limit must be greater than 0: 0')],
  [{ a: [1] }, { $filter: { input: '$a', cond: true, limit: 1.5 } }, err('$filter: limit must be represented as a 32-bit integral value: 1.5')],
  [{ a: 'x' }, { $filter: { input: '$a', cond: true } }, err('input to $filter must be an array not string')],
  // Nested filters over the default name: the inner $$this is restored for the outer cond.
  [{ a: [[1, 2], [3]] }, { $filter: { input: '$a', cond: { $and: [{ $size: { $filter: { input: '$$this', cond: { $gt: ['$$this', 1] } } } }, { $gt: [{ $size: '$$this' }, 1] }] } } }, [[1, 2]]],
  [{}, { $filter: { input: [], cond: true, as: 'Bad' } }, compileErr('ASP411')],
  [{}, { $filter: { input: [] } }, compileErr('ASP411')],
  [{}, { $filter: { input: [], cond: true, x: 1 } }, compileErr('ASP411')],
]);

table('$map / $reduce', [
  [{ a: [1, 2] }, { $map: { input: '$a', as: 'x', in: { $multiply: ['$$x', 10] } } }, [10, 20]],
  [{ a: [] }, { $map: { input: '$a', in: 1 } }, []],
  [{ a: 1 }, { $map: { input: '$a', in: 1 } }, err('input to $map must be an array not int')],
  [{}, { $map: { input: [1] } }, compileErr('ASP411')],
  [{ a: [[1, 2], [3]] }, { $reduce: { input: '$a', initialValue: [], in: { $concatArrays: ['$$value', '$$this'] } } }, [1, 2, 3]],
  [{ a: [] }, { $reduce: { input: '$a', initialValue: 7, in: 0 } }, 7],
  [{ a: 'x' }, { $reduce: { input: '$a', initialValue: 0, in: 0 } }, err(`$reduce requires that 'input' be an array, found: "x"`)],
  [{}, { $reduce: { input: [], in: 0 } }, compileErr('ASP411')],
]);

table('$first / $last / $firstN / $lastN', [
  [{}, { $first: [[1, 2]] }, 1],
  [{}, { $last: [[1, 2]] }, 2],
  [{}, { $last: [[]] }, undefined],
  [{}, { $first: null }, null],
  [{}, { $last: 'x' }, err("$last's argument must be an array, but is string")],
  [{}, { $firstN: { n: 5, input: [1, 2] } }, [1, 2]],
  [{}, { $lastN: { n: Long.fromNumber(1), input: [1, 2] } }, [2]],
  [{}, { $firstN: { n: 1.5, input: [1] } }, err("Value for 'n' must be of integral type, but found 1.5")],
  [{}, { $lastN: { n: 1, input: 5 } }, err("$lastN requires 'input' to be an array, found: int")],
  [{}, { $firstN: { n: 1 } }, compileErr('ASP411')],
]);

table('$maxN / $minN', [
  [{}, { $maxN: { n: 2, input: ['a', 3, null, 10] } }, ['a', 10]],
  [{}, { $minN: { n: 3, input: [5, null, 1] } }, [1, 5]],
  [{}, { $minN: { n: 1, input: null } }, null],
  [{}, { $maxN: { n: -1, input: [1] } }, err("'n' must be greater than 0, found: -1")],
]);

table('$in / $indexOfArray / $isArray', [
  [{}, { $in: [1, [Long.fromNumber(1)]] }, true],
  [{}, { $in: ['$missing', [null]] }, false],
  [{}, { $in: [[1], [[1]]] }, true],
  [{}, { $in: [1, null] }, err('$in requires an array as a second argument, found: null')],
  [{}, { $indexOfArray: [[1, 2, 1], 1, 1] }, 2],
  [{}, { $indexOfArray: [[1, 2, 1], 1, 1, 2] }, -1],
  [{}, { $indexOfArray: [[null], null] }, 0],
  [{}, { $indexOfArray: ['x', 1] }, err('$indexOfArray requires an array as a first argument, found: string')],
  [{}, { $indexOfArray: [[1], 1, -1] }, err('$indexOfArray requires a nonnegative starting index, found: -1')],
  [{}, { $isArray: [[]] }, true],
  [{}, { $isArray: ['$missing'] }, false],
  [{}, { $isArray: [1, 2] }, compileErr('ASP410')],
]);

table('$range / $reverseArray / $size / $slice', [
  [{}, { $range: [0, 3] }, [0, 1, 2]],
  [{}, { $range: [3, 0] }, []],
  [{}, { $range: ['a', 3] }, err('$range requires a numeric starting value, found value of type: string')],
  [{}, { $range: [0, 1.5] }, err('$range requires an ending value that can be represented as a 32-bit integer, found value: 1.5')],
  [{}, { $range: [0, 3, 'x'] }, err('$range requires a numeric step value, found value of type:string')],
  [{}, { $reverseArray: [[]] }, []],
  [{}, { $reverseArray: null }, null],
  [{}, { $size: [[1, 2, 3]] }, 3],
  [{}, { $size: null }, err('The argument to $size must be an array, but was of type: null')],
  [{}, { $slice: [[1, 2, 3], 10] }, [1, 2, 3]],
  [{}, { $slice: [[1, 2, 3], -10] }, [1, 2, 3]],
  [{}, { $slice: [[1, 2, 3], -2, 1] }, [2]],
  [{}, { $slice: [[1, 2, 3], 5, 1] }, []],
  [{}, { $slice: [null, 1] }, null],
  [{}, { $slice: [[1], 0, null] }, null],
  [{ s: 'x' }, { $slice: ['$s', 1] }, err('First argument to $slice must be an array, but is of type: string')],
  [{ n: 'x' }, { $slice: [[1], '$n'] }, err('Second argument to $slice must be a numeric value, but is of type: string')],
  [{ n: 1.5 }, { $slice: [[1], '$n'] }, err("Second argument to $slice can't be represented as a 32-bit integer: 1.5")],
  [{ n: 3e9 }, { $slice: [[1], '$n'] }, err("Second argument to $slice can't be represented as a 32-bit integer: 3e+09")],
  [{ n: 'x' }, { $slice: [[1], 0, '$n'] }, err('Third argument to $slice must be numeric, but is of type: string')],
  [{ n: 2.5 }, { $slice: [[1], 0, '$n'] }, err("Third argument to $slice can't be represented as a 32-bit integer: 2.5")],
  [{ n: 0 }, { $slice: [[1], 0, '$n'] }, err('Third argument to $slice must be positive: 0')],
  [{ n: -2 }, { $slice: [[1], 0, '$n'] }, err('Third argument to $slice must be positive: -2')],
  [{}, { $slice: ['x', 1] }, compileErr('ASP411')],
  [{}, { $slice: [[1], 'x'] }, compileErr('ASP411')],
  [{}, { $slice: [[1], 2147483648] }, compileErr('ASP411')],
  [{}, { $slice: [[1], 0, 0] }, compileErr('ASP411')],
  [{}, { $slice: [[1]] }, compileErr('ASP410')],
]);

table('$sortArray', [
  [{}, { $sortArray: { input: [3, 'a', null, 1], sortBy: 1 } }, [null, 1, 3, 'a']],
  [{}, { $sortArray: { input: [{ a: 2 }, { a: 1, b: 2 }, { a: 1, b: 1 }], sortBy: { a: 1, b: -1 } } }, [{ a: 1, b: 2 }, { a: 1, b: 1 }, { a: 2 }]],
  [{}, { $sortArray: { input: [{ x: { y: 2 } }, { x: { y: 1 } }, {}], sortBy: { 'x.y': 1 } } }, [{}, { x: { y: 1 } }, { x: { y: 2 } }]],
  [{}, { $sortArray: { input: '$missing', sortBy: 1 } }, null],
  [{}, { $sortArray: { input: [1], sortBy: 2 } }, compileErr('ASP411')],
  [{}, { $sortArray: { input: [1], sortBy: { a: 0 } } }, compileErr('ASP411')],
  [{}, { $sortArray: { input: [1] } }, compileErr('ASP411')],
]);

table('$zip', [
  [{}, { $zip: { inputs: [[1, 2], ['a']] } }, [[1, 'a']]],
  [{}, { $zip: { inputs: [[1, 2], ['a']], useLongestLength: true } }, [[1, 'a'], [2, null]]],
  [{}, { $zip: { inputs: [[1], null] } }, null],
  [{}, { $zip: { inputs: [] } }, compileErr('ASP411')],
  [{}, { $zip: { inputs: [[1]], defaults: [0] } }, compileErr('ASP411')],
  [{}, { $zip: { inputs: [[1]], useLongestLength: true, defaults: [0, 1] } }, compileErr('ASP411')],
  [{}, { $zip: { inputs: [[1]], useLongestLength: 1 } }, compileErr('ASP411')],
  [{}, { $zip: { inputs: 'x' } }, compileErr('ASP411')],
]);
