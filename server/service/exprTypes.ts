/** Result types of aggregation expressions, as far as the editor can tell without running them. */
import type { Node } from 'jsonc-parser';
import { nodeValue } from '../../engine/json/tree';
import { keysOf, prop, props } from './jsonNav';
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

/** The shape an expression node produces, given the shape of the current document. */
export function exprShape(n: Node | undefined, input: Shape, depth = 0): Shape {
  if (!n || depth > 20) return ANY;
  switch (n.type) {
    case 'string': {
      const s = n.value as string;
      if (s.startsWith('$$')) {
        const [v, ...rest] = s.slice(2).split('.');
        if (v === 'ROOT' || v === 'CURRENT') return rest.length ? lookup(input, rest.join('.')) ?? ANY : input;
        return ANY;
      }
      if (s.startsWith('$') && s.length > 1) return lookup(input, s.slice(1)) ?? ANY;
      return scalar('string');
    }
    case 'array':
      return arr((n.children ?? []).length ? exprShape(n.children![0], input, depth + 1) : ANY);
    case 'object': {
      const keys = keysOf(n);
      const op = keys[0];
      if (op && op.startsWith('$')) return opShape(op, prop(n, op), input, depth);
      const fields: Record<string, Shape> = {};
      for (const p of props(n)) {
        const k = p.children?.[0]?.value;
        if (typeof k === 'string') fields[k] = exprShape(p.children?.[1], input, depth + 1);
      }
      return obj(fields);
    }
    default:
      return shapeOfValue(n.value);
  }
}

function opShape(op: string, arg: Node | undefined, input: Shape, depth: number): Shape {
  switch (op) {
    case '$literal':
      return arg ? shapeOfValue(nodeValue(arg)) : ANY;
    case '$ifNull':
    case '$first':
    case '$last':
    case '$arrayElemAt':
      return firstArg(arg, input, depth, op !== '$ifNull');
    case '$cond': {
      const then = arg?.type === 'array' ? arg.children?.[1] : prop(arg, 'then');
      return exprShape(then, input, depth + 1);
    }
    case '$convert': {
      const to = prop(arg, 'to');
      return typeof to?.value === 'string' ? scalar(to.value === 'bool' ? 'bool' : to.value) : ANY;
    }
    case '$min':
    case '$max':
      return firstArg(arg, input, depth, false);
    case '$meta':
      return metaShape(typeof arg?.value === 'string' ? arg.value : '');
  }
  const r = RESULT[op];
  if (!r) return ANY;
  const m = /^array<(.+)>$/.exec(r);
  if (m) return arr(m[1] === 'object' ? obj({}, true) : scalar(m[1]!));
  if (r === 'array') return arr(ANY);
  if (r === 'object') return obj({}, true);
  return scalar(r);
}

function firstArg(arg: Node | undefined, input: Shape, depth: number, element: boolean): Shape {
  const a = arg?.type === 'array' ? arg.children?.[0] : arg;
  const s = exprShape(a, input, depth + 1);
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
