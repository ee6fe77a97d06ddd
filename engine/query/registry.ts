/**
 * The literal list of query operators: one source for the filter compiler and the language
 * server's completion and hover.
 */
import type { QueryOperatorSpec } from './types';
import { eq } from './comparison/eq';
import { ne } from './comparison/ne';
import { gt } from './comparison/gt';
import { gte } from './comparison/gte';
import { lt } from './comparison/lt';
import { lte } from './comparison/lte';
import { inOp } from './comparison/in';
import { nin } from './comparison/nin';
import { and } from './logical/and';
import { or } from './logical/or';
import { nor } from './logical/nor';
import { not } from './logical/not';
import { exists } from './element/exists';
import { type } from './element/type';
import { regex } from './evaluation/regex';
import { options } from './evaluation/options';
import { mod } from './evaluation/mod';
import { expr } from './evaluation/expr';
import { jsonSchema } from './evaluation/jsonSchema';
import { text } from './evaluation/text';
import { where } from './evaluation/where';
import { all } from './array/all';
import { elemMatch } from './array/elemMatch';
import { size } from './array/size';
import { bitsAllSet } from './bitwise/bitsAllSet';
import { bitsAnySet } from './bitwise/bitsAnySet';
import { bitsAllClear } from './bitwise/bitsAllClear';
import { bitsAnyClear } from './bitwise/bitsAnyClear';
import { near } from './geospatial/near';
import { nearSphere } from './geospatial/nearSphere';
import { geoWithin } from './geospatial/geoWithin';
import { geoIntersects } from './geospatial/geoIntersects';
import { comment } from './misc/comment';

export const queryOperators: readonly QueryOperatorSpec[] = [
  eq, ne, gt, gte, lt, lte, inOp, nin,
  and, or, nor, not,
  exists, type,
  regex, options, mod, expr, jsonSchema, text, where,
  all, elemMatch, size,
  bitsAllSet, bitsAnySet, bitsAllClear, bitsAnyClear,
  near, nearSphere, geoWithin, geoIntersects,
  comment,
];

/** Operators used under a field: `{ f: { $op: ... } }`. */
export const fieldOperators: ReadonlyMap<string, QueryOperatorSpec> = new Map(
  queryOperators.filter((o) => o.level === 'field').map((o) => [o.name, o]),
);

/** Operators used at the top of a filter: `{ $op: ... }`. */
export const topOperators: ReadonlyMap<string, QueryOperatorSpec> = new Map(
  queryOperators.filter((o) => o.level === 'top').map((o) => [o.name, o]),
);
