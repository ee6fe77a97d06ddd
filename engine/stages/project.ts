/**
 * $project: include, exclude, rename or compute fields.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/project/
 */
import { isPlainObject } from '../bson/types';
import { err } from '../parse/args';
import { perDocument } from './_perDocument';
import { compileProjection, type Projection } from './_projection';
import type { StageSpec } from '../parse/types';
import type { Value } from '../core/types';
import { exprShape } from '../parse/exprShape';
import { numberArg } from '../parse/fields';
import { ANY, cloneTop, lookup, obj, removeIn, setPath, type Shape } from '../parse/shape';

// Any number type counts: {a: 1.0} and {a: NumberLong(0)} are projections too.
const isExclusion = (v: Value): boolean => v === false || numberArg(v) === 0;
const isInclusion = (v: Value): boolean => v === true || (numberArg(v) ?? 0) !== 0;

/** Exclusion mode drops the named fields; inclusion mode keeps `_id` and builds the rest. */
function projectShape(input: Shape, arg: Value): Shape {
  const entries = isPlainObject(arg) ? Object.entries(arg) : [];
  if (entries.some(([k, v]) => k !== '_id' && isExclusion(v))) {
    const out = cloneTop(input);
    for (const [k, v] of entries) if (isExclusion(v)) removeIn(out, k);
    return out;
  }
  let out = obj();
  const idExcluded = entries.some(([k, v]) => k === '_id' && isExclusion(v));
  const id = lookup(input, '_id');
  if (!idExcluded && id) out = setPath(out, '_id', id);
  for (const [k, v] of entries) {
    if (k.length === 0 || (k === '_id' && isExclusion(v))) continue;
    out = setPath(out, k, isInclusion(v) ? lookup(input, k) ?? ANY : exprShape(v, input));
  }
  return out;
}

export const project: StageSpec<Projection> = {
  name: '$project',
  kind: 'transform',
  placement: { main: true, window: true, payload: true },
  operatorName: 'ProjectOperator',
  summary: 'Reshapes each document: includes, excludes or computes fields.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/project/',
  syntax: '{ $project: { <field>: <1 | 0 | expression>, ... } }',
  rootRole: 'projection',
  rootType: 'object',
  examples: [
    {
      title: 'Keep the device and compute kilowatts',
      stage: { $project: { _id: 0, device_id: 1, kw: { $divide: ['$obs.watts', 1000] } } },
      input: [{ _id: 1, device_id: 'device_1', obs: { watts: 250 } }],
      output: [{ device_id: 'device_1', kw: 0.25 }],
    },
  ],
  parse(arg, path, ctx) {
    if (!isPlainObject(arg)) {
      err(ctx, path, '$project specification must be an object', 'ASP203');
      return undefined;
    }
    return compileProjection(arg, ctx.compiler, path);
  },
  outputShape: projectShape,
  create(p, rt, next) {
    return perDocument('ProjectOperator', rt, next, (doc, ctx) => p.apply(doc, ctx));
  },
};
