/**
 * $project: include, exclude, rename or compute fields.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/project/
 */
import { isPlainObject } from '../bson/types';
import { err } from '../parse/args';
import { perDocument } from './_perDocument';
import { compileProjection, type Projection } from './_projection';
import type { StageSpec } from '../parse/types';

export const project: StageSpec<Projection> = {
  name: '$project',
  kind: 'transform',
  placement: { main: true, window: true, payload: true },
  operatorName: 'ProjectOperator',
  summary: 'Reshapes each document: includes, excludes or computes fields.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/project/',
  syntax: '{ $project: { <field>: <1 | 0 | expression>, ... } }',
  schema: { type: 'object', additionalProperties: { description: '1/true to include, 0/false to exclude, or an expression' } },
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
  create(p, rt, next) {
    return perDocument('ProjectOperator', rt, next, (doc, ctx) => p.apply(doc, ctx));
  },
};
