/** Operators Atlas Stream Processing rejects, or that the local engine does not run. */
import type { JsonPath } from '../core/types';
import type { FilterContext, QueryContext } from './types';

const IN_VALIDATE = (name: string) => `${name} is not allowed in a $validate validator in Atlas Stream Processing.`;

/** ASP's and MongoDB's messages for operators not allowed in a filter context. */
const MESSAGES: Record<string, Record<FilterContext, string>> = {
  $text: {
    match: 'Cannot use $text in $match stage in Atlas Stream Processing.',
    validate: IN_VALIDATE('$text'),
    lookup: '$text is not allowed in this context',
  },
  $where: {
    match: '$where is not allowed inside of a $match aggregation expression',
    validate: IN_VALIDATE('$where'),
    lookup: '$where is not allowed inside of a $match aggregation expression',
  },
  $near: {
    match: '$geoNear, $near, and $nearSphere are not allowed in this context',
    validate: IN_VALIDATE('$near'),
    lookup: '$geoNear, $near, and $nearSphere are not allowed in this context',
  },
  $nearSphere: {
    match: '$geoNear, $near, and $nearSphere are not allowed in this context',
    validate: IN_VALIDATE('$nearSphere'),
    lookup: '$geoNear, $near, and $nearSphere are not allowed in this context',
  },
};

/** Report ASP422 (not allowed in ASP) or ASP423 (not run by the local engine). */
export function reject(name: string, q: QueryContext, path: JsonPath): undefined {
  const m = MESSAGES[name]?.[q.context];
  if (m) return q.fail(path, m, 'ASP422', { target: 'key', data: { name } });
  return q.fail(path, `${name} is not supported by the local engine (geospatial queries run only on Atlas).`, 'ASP423', { target: 'key', data: { name } });
}
