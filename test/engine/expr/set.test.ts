import { Long } from 'bson';
import { compileErr, err, table } from './_support';

table('$allElementsTrue / $anyElementTrue', [
  [{}, { $allElementsTrue: [[]] }, true],
  [{}, { $allElementsTrue: [[1, null]] }, false],
  [{}, { $anyElementTrue: [[0, [0]]] }, true],
  [{}, { $anyElementTrue: [null] }, err("$anyElementTrue's argument must be an array, but is null")],
  [{}, { $allElementsTrue: [[1], [2]] }, compileErr('ASP410')],
]);

table('$setDifference / $setIntersection / $setUnion', [
  [{}, { $setDifference: [[1, 2, 1, 3], [Long.fromNumber(3)]] }, [1, 2]],
  [{}, { $setDifference: [[], null] }, null],
  [{}, { $setDifference: [[], 'x'] }, err('both operands of $setDifference must be arrays. Second argument is of type: string')],
  [{}, { $setIntersection: [[1, 2, 2, { a: 1 }], [2, { a: 1 }], [{ a: 1 }, 2, 5]] }, [2, { a: 1 }]],
  [{}, { $setIntersection: [] }, []],
  [{}, { $setIntersection: [[1], 'x'] }, err('All operands of $setIntersection must be arrays. One argument is of type: string')],
  [{}, { $setUnion: [[1, 1.0], [[1], [1]]] }, [1, [1]]],
  [{}, { $setUnion: [] }, []],
  [{}, { $setUnion: [[1], '$missing'] }, null],
]);

table('$setEquals / $setIsSubset', [
  [{}, { $setEquals: [[1, 2], [2, 1, 1], [1, 2]] }, true],
  [{}, { $setEquals: [[1], [1, 2]] }, false],
  [{}, { $setEquals: [[1], null] }, err('All operands of $setEquals must be arrays. One argument is of type: null')],
  [{}, { $setEquals: [[1]] }, compileErr('ASP410')],
  [{}, { $setIsSubset: [[], []] }, true],
  [{}, { $setIsSubset: [[1, 1], [1]] }, true],
  [{}, { $setIsSubset: [[1], null] }, err('both operands of $setIsSubset must be arrays. Second argument is of type: null')],
]);
