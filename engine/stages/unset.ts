/**
 * $unset: remove fields (an exclusion $project).
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/unset/
 */
import { err } from '../parse/args';
import { perDocument } from './_perDocument';
import { compileProjection, type Projection } from './_projection';
import type { StageSpec } from '../parse/types';
import { removePath } from '../parse/shape';

export const unset: StageSpec<Projection> = {
  name: '$unset',
  kind: 'transform',
  placement: { main: true, window: true, payload: false },
  operatorName: 'ProjectOperator',
  summary: 'Removes one or more fields.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/unset/',
  syntax: '{ $unset: "<field>" } or { $unset: [ "<field1>", "<field2>", ... ] }',
  rootRole: 'fieldName',
  rootType: ['string', 'array'],
  examples: [
    {
      title: 'Drop the metadata and the reading',
      stage: { $unset: ['_stream_meta', 'obs'] },
      input: [{ device_id: 'device_1', obs: { watts: 1 } }],
      output: [{ device_id: 'device_1' }],
    },
  ],
  parse(arg, path, ctx) {
    const fields = typeof arg === 'string' ? [arg] : arg;
    if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f === 'string' && f.length > 0)) {
      err(ctx, path, '$unset specification must be a string or an array containing only string values', 'ASP310');
      return undefined;
    }
    const spec: Record<string, number> = {};
    for (const f of fields as string[]) spec[f] = 0;
    return compileProjection(spec, ctx.compiler, path);
  },
  outputShape(input, arg) {
    let out = input;
    for (const n of Array.isArray(arg) ? arg : [arg]) if (typeof n === 'string' && n) out = removePath(out, n);
    return out;
  },
  create(p, rt, next) {
    return perDocument('ProjectOperator', rt, next, (doc, ctx) => p.apply(doc, ctx));
  },
};
