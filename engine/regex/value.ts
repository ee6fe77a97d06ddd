/**
 * Recognising a BSON regular expression value: a bson BSONRegExp (from BSON or canonical
 * Extended JSON), a JavaScript RegExp (`/…/` from code or a driver), or the Extended JSON
 * wrapper `{"$regularExpression": {"pattern", "options"}}` when it reaches us unconverted.
 * https://www.mongodb.com/docs/manual/reference/mongodb-extended-json/#mongodb-bsontype-Regular-Expression
 */
import type { Value } from '../core/types';
import { isPlainObject } from '../bson/types';

export interface RegexParts {
  pattern: string;
  options: string;
}

function jsFlagsToOptions(flags: string): string {
  return [...flags].filter((f) => 'imsu'.includes(f)).sort().join('');
}

/** The pattern and options of a regex value, or undefined when `v` is not one. */
export function regexParts(v: Value): RegexParts | undefined {
  if (v instanceof RegExp) return { pattern: v.source, options: jsFlagsToOptions(v.flags) };
  if (v === null || typeof v !== 'object') return undefined;
  if ((v as { _bsontype?: string })._bsontype === 'BSONRegExp') {
    const r = v as unknown as RegexParts;
    return { pattern: r.pattern, options: r.options };
  }
  if (isPlainObject(v) && Object.keys(v).length === 1 && isPlainObject(v['$regularExpression'])) {
    const r = v['$regularExpression'];
    if (typeof r['pattern'] === 'string' && (r['options'] === undefined || typeof r['options'] === 'string')) {
      return { pattern: r['pattern'], options: (r['options'] as string | undefined) ?? '' };
    }
  }
  return undefined;
}

/** True for values whose BSON type is regex (not the unconverted Extended JSON wrapper). */
export function isRegexValue(v: Value): boolean {
  return v instanceof RegExp || (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'BSONRegExp');
}
