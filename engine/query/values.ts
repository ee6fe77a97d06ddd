/**
 * Single-value tests shared by query operators: MongoDB equality and comparison as a query
 * sees them (only within one type bracket, null also matching missing), regexes, truthiness.
 * https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
 */
import type { Value } from '../core/types';
import { isNumber, toNumber, typeName } from '../bson/types';
import { compileRegex, isRegexFailure, unsupportedMessage } from '../regex/build';
import { isRegexValue, regexParts } from '../regex/value';
import { compare, typeOrder } from '../bson/compare';
import type { FieldMatcher, ValuePred } from './types';

function bsonType(v: Value): string | undefined {
  return typeof v === 'object' && v !== null ? (v as { _bsontype?: string })._bsontype : undefined;
}

function symbolValue(v: Value): string | undefined {
  return bsonType(v) === 'BSONSymbol' ? (v as { value: string }).value : undefined;
}

/** `{ $eq: rhs }` on one value (no array expansion). */
export function equalityTest(rhs: Value): ValuePred {
  if (rhs === null || rhs === undefined) return (v) => v === null || v === undefined;
  switch (typeof rhs) {
    case 'string':
      return (v) => v === rhs || (typeof v === 'object' && symbolValue(v) === rhs);
    case 'boolean':
      return (v) => v === rhs;
    case 'number':
      if (Number.isNaN(rhs)) return (v) => isNumber(v) && Number.isNaN(toNumber(v));
      return (v) => v === rhs || (typeof v === 'object' && v !== null && isNumber(v) && compare(v, rhs) === 0);
  }
  const order = typeOrder(rhs);
  return (v) => v !== undefined && typeOrder(v) === order && compare(v, rhs) === 0;
}

export type ComparisonOp = '$gt' | '$gte' | '$lt' | '$lte';

const ACCEPT: Record<ComparisonOp, (c: number) => boolean> = {
  $gt: (c) => c > 0,
  $gte: (c) => c >= 0,
  $lt: (c) => c < 0,
  $lte: (c) => c <= 0,
};

/**
 * `{ $gt: rhs }` and friends on one value. Values of another type bracket never match, except
 * that MinKey/MaxKey bound every type and null also stands for missing; NaN equals only NaN
 * and is neither greater nor smaller than any number.
 */
export function comparisonTest(op: ComparisonOp, rhs: Value): ValuePred {
  const inclusive = op === '$gte' || op === '$lte';
  const accept = ACCEPT[op];
  const t = typeName(rhs);
  if (t === 'minKey' || t === 'maxKey') {
    const crosses = op === '$gt' || op === '$gte' ? t === 'minKey' : t === 'maxKey';
    return (v) => (typeName(v) === t ? inclusive : v !== undefined && crosses);
  }
  if (rhs === null) return inclusive ? (v) => v === null || v === undefined : () => false;
  if (isNumber(rhs)) {
    const r = toNumber(rhs);
    const rNaN = Number.isNaN(r);
    const plain = typeof rhs === 'number';
    return (v) => {
      if (typeof v === 'number' && plain) {
        if (v !== v || rNaN) return inclusive && v !== v && rNaN;
        return accept(v < r ? -1 : v > r ? 1 : 0);
      }
      if (!isNumber(v)) return false;
      const x = toNumber(v);
      if (x !== x || rNaN) return inclusive && x !== x && rNaN;
      return accept(compare(v, rhs));
    };
  }
  if (typeof rhs === 'string') {
    return (v) => {
      const s = typeof v === 'string' ? v : symbolValue(v);
      return s !== undefined && accept(s < rhs ? -1 : s > rhs ? 1 : 0);
    };
  }
  if (rhs instanceof Date) {
    const r = rhs.getTime();
    return (v) => v instanceof Date && accept(v.getTime() < r ? -1 : v.getTime() > r ? 1 : 0);
  }
  const order = typeOrder(rhs);
  return (v) => v !== undefined && typeOrder(v) === order && accept(compare(v, rhs));
}

export { regexParts };

/** Build the JS RegExp for a MongoDB pattern and options (engine/regex), or return the error message. */
export function buildRegex(pattern: string, options: string): RegExp | string {
  const r = compileRegex(pattern, options);
  if (!isRegexFailure(r)) return r.re;
  switch (r.kind) {
    case 'flag': return `invalid flag in regex options: ${r.flag}`;
    case 'nul': return 'Regular expression cannot contain an embedded null byte';
    case 'invalid': return `Regular expression is invalid: ${r.reason}`;
    case 'unsupported': return unsupportedMessage(r.reason);
  }
}

/** A regex query matches strings and symbols by pattern, and regex values by equality. */
export function regexTest(re: RegExp, pattern: string, options: string): ValuePred {
  const sorted = [...options].sort().join('');
  return (v) => {
    if (typeof v === 'string') return re.test(v);
    if (typeof v !== 'object' || v === null) return false;
    const s = symbolValue(v);
    if (s !== undefined) return re.test(s);
    const r = isRegexValue(v) ? regexParts(v) : undefined;
    return r !== undefined && r.pattern === pattern && [...r.options].sort().join('') === sorted;
  };
}

/** BSON truthiness as `$exists` reads its argument: false, 0, null and missing are false. */
export function trueValue(v: Value): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (isNumber(v)) return toNumber(v) !== 0;
  return true;
}

export function anyValue(test: ValuePred, leafArrays = true): FieldMatcher {
  return { kind: 'any', test, leafArrays };
}

export function allMatch(inner: FieldMatcher[]): FieldMatcher {
  if (inner.length === 1) return inner[0]!;
  const tests = inner.map((m) => m.test);
  return { kind: 'and', inner, test: (v, c) => tests.every((t) => t(v, c)) };
}

export function notMatch(inner: FieldMatcher): FieldMatcher {
  const t = inner.test;
  return { kind: 'not', inner, test: (v, c) => !t(v, c) };
}

export const matchNothing: FieldMatcher = anyValue(() => false);
