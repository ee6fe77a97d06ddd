import { type Row, compileErr, err, table } from './_support';

table('$mergeObjects', [
  [{ a: { x: 1 }, b: { x: 2, y: 3 } }, { $mergeObjects: ['$a', '$b'] }, { x: 2, y: 3 }],
  [{ a: { x: 1 } }, { $mergeObjects: '$a' }, { x: 1 }],
  [{}, { $mergeObjects: ['$none'] }, {}],
  [{}, { $mergeObjects: [] }, {}],
  [{}, { $mergeObjects: ['x'] }, err('$mergeObjects requires object inputs, but input "x" is of type string')],
]);

table('$getField', [
  [{ 'a.b': 1, a: { b: 2 } }, { $getField: 'a.b' }, 1],
  [{ o: { x: 1 } }, { $getField: { field: 'x', input: '$o' } }, 1],
  [{ o: { x: 1 } }, { $getField: { field: 'y', input: '$o' } }, undefined],
  [{}, { $getField: { field: 'y', input: '$o' } }, undefined],
  [{ o: 5 }, { $getField: { field: 'y', input: '$o' } }, undefined],
  [{ $p: 3 }, { $getField: { $literal: '$p' } }, 3],
  // MongoDB 7.2+ (SERVER-74371): `field` may be any expression that evaluates to a string.
  [{ x: 'a', a: 5 }, { $getField: { field: '$x' } }, 5],
  [{ x: 'a', a: 5 }, { $getField: '$x' }, 5],
  [{ num: 1, doc: { '1': 'one' } }, { $getField: { field: { $toString: '$num' }, input: '$doc' } }, 'one'],
  [{ n: 5 }, { $getField: { field: '$n' } }, err("$getField requires 'field' to evaluate to type String, but got int")],
  [{}, { $getField: { field: '$nope' } }, err("$getField requires 'field' to evaluate to type String, but got missing")],
  // jstests/aggregation/expressions/expression_get_field.js
  [{ $a: 10 }, { $getField: { $const: '$a' } }, 10],
  [{ e: { $f: 30 } }, { $getField: { field: { $const: '$f' }, input: '$e' } }, 30],
  [{}, { $getField: { field: 'a.b', input: { $const: { 'a.b': 'b' } } } }, 'b'],
  [{}, { $getField: { field: 'a.b.c', input: { a: { b: { c: 5 } } } } }, undefined],
  [{}, { $getField: { field: 'a', input: null } }, null],
  [{}, { $getField: { field: 'a', input: { a: null, b: 2 } } }, null],
  [{}, { $getField: { field: 'a', input: true } }, undefined],
  [{}, { $getField: { field: true, input: { a: 'b' } } }, compileErr('ASP411')],
  [{}, { $getField: 5 }, compileErr('ASP411')],
  [{}, { $getField: true }, compileErr('ASP411')],
  [{}, { $getField: { field: null, input: { a: 1 } } }, compileErr('ASP411')],
  [{}, { $getField: { $const: true } }, compileErr('ASP411')],
  [{}, { $getField: { field: { $const: [] }, input: { a: 1 } } }, compileErr('ASP411')],
  [{}, { $getField: { field: 'a', input: { a: 'b' }, unknown: true } }, compileErr('ASP411')],
  [{}, { $getField: { field: 5 } }, compileErr('ASP411')],
  [{}, { $getField: { input: {} } }, compileErr('ASP411')],
]);

table('$setField / $unsetField', [
  [{ a: 1, b: 2 }, { $setField: { field: 'a', input: '$$ROOT', value: 9 } }, { a: 9, b: 2 }],
  [{ a: 1 }, { $setField: { field: '$x', input: '$$ROOT', value: 9 } }, compileErr('ASP411')],
  [{ a: 1 }, { $setField: { field: { $literal: '$x' }, input: '$$ROOT', value: 9 } }, { a: 1, $x: 9 }],
  [{ a: 1 }, { $setField: { field: 'a', input: null, value: 9 } }, null],
  [{ a: 1 }, { $setField: { field: 'a', input: '$$ROOT' } }, compileErr('ASP411')],
  [{ a: 1, b: 2 }, { $unsetField: { field: 'b', input: '$$ROOT' } }, { a: 1 }],
  [{ a: 1 }, { $unsetField: { field: 'zz', input: '$$ROOT' } }, { a: 1 }],
  [{ a: 1 }, { $unsetField: { field: 'a', input: 'x' } }, err("$unsetField requires 'input' to evaluate to type Object")],
  [{}, { $unsetField: 'a' }, compileErr('ASP411')],
  // Field names with a null byte never reach a document
  // (jstests/aggregation/expressions/expression_set_field_null_chars.js).
  ...['\x00a', 'a\x00', '\x00', 'a\x00\x01\x08a'].flatMap((field): Row[] => [
    [{}, { $setField: { field, input: {}, value: true } }, compileErr('ASP411')],
    [{}, { $setField: { field: { $const: field }, input: {}, value: true } }, compileErr('ASP411')],
    [{}, { $unsetField: { field: { $literal: field }, input: {} } }, compileErr('ASP411')],
    [{}, { $setField: { field: { $concat: [field] }, input: {}, value: true } }, compileErr('ASP411')],
  ]),
]);

table('$objectToArray / $arrayToObject', [
  [{ o: {} }, { $objectToArray: '$o' }, []],
  [{ o: { a: { b: 1 } } }, { $objectToArray: '$o' }, [{ k: 'a', v: { b: 1 } }]],
  [{ o: null }, { $objectToArray: '$o' }, null],
  [{ o: 1 }, { $objectToArray: '$o' }, err('$objectToArray requires a document input, found: int')],
  [{}, { $arrayToObject: [[]] }, {}],
  [{}, { $arrayToObject: [[['a', 1], ['b', 2]]] }, { a: 1, b: 2 }],
  [{}, { $arrayToObject: { $literal: [{ k: 'a', v: 1 }] } }, { a: 1 }],
  [{}, { $arrayToObject: null }, null],
  [{}, { $arrayToObject: [[['a', 1], { k: 'b', v: 2 }]] }, err('$arrayToObject requires a consistent input format. Elements must all be arrays or all be objects. Array was detected, now found: object')],
  [{}, { $arrayToObject: [[['a', 1, 2]]] }, err('$arrayToObject requires an array of size 2 arrays,found array of size: 3')],
  [{}, { $arrayToObject: [[[1, 1]]] }, err('$arrayToObject requires an array of key-value pairs, where the key must be of type string. Found key type: int')],
  [{}, { $arrayToObject: [[{ k: 'a' }]] }, err("$arrayToObject requires an object keys of 'k' and 'v'. Found incorrect number of keys:1")],
  [{}, { $arrayToObject: [[{ k: 1, v: 1 }]] }, err("$arrayToObject requires an object with keys 'k' and 'v', where the value of 'k' must be of type string. Found type: int")],
  [{}, { $arrayToObject: [[5]] }, err('Unrecognised input type format for $arrayToObject: int')],
]);
