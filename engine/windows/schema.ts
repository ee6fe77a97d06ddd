/** JSON Schema fragments for the window stages' arguments (completion and jsonValidation). */
import type { JsonSchema } from '../parse/types';
import { DURATION_UNITS, OFFSET_UNITS } from '../time/duration';

export function durationSchema(description: string): JsonSchema {
  return {
    type: 'object',
    description,
    required: ['size', 'unit'],
    additionalProperties: false,
    properties: { size: { type: 'integer', minimum: 0 }, unit: { enum: Object.keys(DURATION_UNITS) } },
  };
}

const zeroOrDuration = (description: string): JsonSchema => ({ description, oneOf: [{ const: 0 }, durationSchema(description)] });

export function windowSchema(fields: Record<string, JsonSchema>, required: string[], fixed: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    ...fields,
    pipeline: { type: 'array', description: 'Stages run per window instance', items: { type: 'object' } },
    boundary: { enum: ['eventTime', 'processingTime'], default: 'eventTime' },
    allowedLateness: zeroOrDuration('How long after a window ends late documents are still accepted (default 3 seconds, max 30 minutes)'),
  };
  if (fixed) {
    properties['offset'] = {
      type: 'object',
      required: ['offsetFromUtc', 'unit'],
      additionalProperties: false,
      properties: { offsetFromUtc: { type: 'integer' }, unit: { enum: Object.keys(OFFSET_UNITS) } },
    };
    properties['idleTimeout'] = zeroOrDuration('Close windows after the source has been idle this long');
  }
  return { type: 'object', required, additionalProperties: false, properties };
}
