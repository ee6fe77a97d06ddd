/** Fields `$https` and `$externalFunction` share: error handling and the request-body pipeline. */
import type { Doc, JsonPath } from '../core/types';
import type { FieldSpec } from '../parse/fieldSpec';
import type { ParseContext } from '../parse/types';

export const ON_ERROR: FieldSpec = {
  name: 'onError', role: 'literal', type: 'string', enum: ['dlq', 'ignore', 'fail'], default: 'dlq',
  description: 'On a failed call: send the document to the DLQ, pass it on unchanged, or fail the processor',
};

export const PAYLOAD: FieldSpec = {
  name: 'payload', role: 'pipeline', type: 'array',
  description: 'Stages ($project, $addFields, $set, $replaceRoot) shaping the request body; the whole document by default',
};

/** Check the payload pipeline's stages where they stand (payload placement rules). */
export function parsePayload(arg: Doc, path: JsonPath, ctx: ParseContext): void {
  const p = arg['payload'];
  if (Array.isArray(p)) ctx.parsePipeline(p, [...path, 'payload'], 'payload');
}
