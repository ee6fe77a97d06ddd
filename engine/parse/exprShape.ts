/**
 * Result shapes of aggregation expressions, as far as the editor can tell without running them.
 * Works on the argument as plain JSON (the parse tree's value), so a half-typed document still
 * gives an answer.
 */
import type { Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { ANY, arr, lookup, obj, scalar, shapeOfValue, type Shape } from './shape';

const RESULT: Record<string, string> = {
  // arithmetic
  $add: 'number', $subtract: 'number', $multiply: 'number', $divide: 'double', $mod: 'number', $abs: 'number',
  $ceil: 'number', $floor: 'number', $round: 'number', $trunc: 'number', $sqrt: 'double', $pow: 'number',
  $exp: 'double', $ln: 'double', $log: 'double', $log10: 'double',
  // comparison and boolean
  $eq: 'bool', $ne: 'bool', $gt: 'bool', $gte: 'bool', $lt: 'bool', $lte: 'bool', $cmp: 'int',
  $and: 'bool', $or: 'bool', $not: 'bool', $in: 'bool', $isArray: 'bool', $isNumber: 'bool',
  $regexMatch: 'bool', $allElementsTrue: 'bool', $anyElementTrue: 'bool', $setEquals: 'bool', $setIsSubset: 'bool',
  // strings
  $concat: 'string', $toUpper: 'string', $toLower: 'string', $substr: 'string', $substrCP: 'string',
  $substrBytes: 'string', $trim: 'string', $ltrim: 'string', $rtrim: 'string', $replaceOne: 'string',
  $replaceAll: 'string', $toString: 'string', $dateToString: 'string', $type: 'string',
  $strLenCP: 'int', $strLenBytes: 'int', $indexOfCP: 'int', $indexOfBytes: 'int', $strcasecmp: 'int',
  $split: 'array<string>', $regexFind: 'object', $regexFindAll: 'array<object>',
  // conversion
  $toInt: 'int', $toLong: 'long', $toDouble: 'double', $toDecimal: 'decimal', $toBool: 'bool',
  $toDate: 'date', $toObjectId: 'objectId', $dateFromString: 'date', $dateFromParts: 'date',
  $dateAdd: 'date', $dateSubtract: 'date', $dateTrunc: 'date', $currentDate: 'date', $createUUID: 'binData',
  $year: 'int', $month: 'int', $dayOfMonth: 'int', $dayOfWeek: 'int', $dayOfYear: 'int', $hour: 'int',
  $minute: 'int', $second: 'int', $millisecond: 'int', $week: 'int', $isoWeek: 'int', $isoWeekYear: 'int',
  $isoDayOfWeek: 'int', $dateDiff: 'long', $dateToParts: 'object', $toHashedIndexKey: 'long',
  // arrays and objects
  $size: 'int', $indexOfArray: 'int', $concatArrays: 'array', $filter: 'array', $map: 'array', $range: 'array<int>',
  $reverseArray: 'array', $slice: 'array', $zip: 'array', $objectToArray: 'array<object>', $sortArray: 'array',
  $setUnion: 'array', $setIntersection: 'array', $setDifference: 'array',
  $mergeObjects: 'object', $arrayToObject: 'object', $setField: 'object', $unsetField: 'object',
  $sum: 'number', $avg: 'double', $stdDevPop: 'double', $stdDevSamp: 'double', $binarySize: 'int', $bsonSize: 'int',
};

/** The shape an expression produces, given the shape of the current document. */
export function exprShape(v: Value, input: Shape, depth = 0): Shape {
  if (v === undefined || depth > 20) return ANY;
  if (typeof v === 'string') {
    if (v.startsWith('$$')) {
      const [name, ...rest] = v.slice(2).split('.');
      if (name === 'ROOT' || name === 'CURRENT') return rest.length ? lookup(input, rest.join('.')) ?? ANY : input;
      return ANY;
    }
    if (v.startsWith('$') && v.length > 1) return lookup(input, v.slice(1)) ?? ANY;
    return scalar('string');
  }
  if (Array.isArray(v)) return arr(v.length ? exprShape(v[0], input, depth + 1) : ANY);
  if (isPlainObject(v)) {
    const op = Object.keys(v)[0];
    if (op && op.startsWith('$')) return opShape(op, v[op], input, depth);
    const fields: Record<string, Shape> = {};
    for (const [k, x] of Object.entries(v)) fields[k] = exprShape(x, input, depth + 1);
    return obj(fields);
  }
  return shapeOfValue(v);
}

/** `v[key]` when `v` is an object. */
function at(v: Value, key: string): Value {
  return isPlainObject(v) ? v[key] : undefined;
}

function opShape(op: string, arg: Value, input: Shape, depth: number): Shape {
  switch (op) {
    case '$literal':
      return arg === undefined ? ANY : shapeOfValue(arg);
    case '$ifNull':
    case '$first':
    case '$last':
    case '$arrayElemAt':
      return firstArg(arg, input, depth, op !== '$ifNull');
    case '$cond':
      return exprShape(Array.isArray(arg) ? arg[1] : at(arg, 'then'), input, depth + 1);
    case '$convert': {
      const to = at(arg, 'to');
      return typeof to === 'string' ? scalar(to) : ANY;
    }
    case '$min':
    case '$max':
      return firstArg(arg, input, depth, false);
    case '$meta':
      return metaShape(typeof arg === 'string' ? arg : '');
  }
  const r = RESULT[op];
  if (!r) return ANY;
  const m = /^array<(.+)>$/.exec(r);
  if (m) return arr(m[1] === 'object' ? obj({}, true) : scalar(m[1]!));
  if (r === 'array') return arr(ANY);
  if (r === 'object') return obj({}, true);
  return scalar(r);
}

function firstArg(arg: Value, input: Shape, depth: number, element: boolean): Shape {
  const s = exprShape(Array.isArray(arg) ? arg[0] : arg, input, depth + 1);
  return element && s.t === 'array' ? s.items ?? ANY : s;
}

const META_TYPES: Record<string, string> = {
  'stream.source.ts': 'date', 'stream.window.start': 'date', 'stream.window.end': 'date',
  'stream.source.topic': 'string', 'stream.source.partition': 'int', 'stream.source.offset': 'long',
  'stream.source.type': 'string', 'stream.https.httpStatusCode': 'int', 'stream.https.url': 'string',
};

function metaShape(path: string): Shape {
  const t = META_TYPES[path];
  return t ? scalar(t) : ANY;
}
