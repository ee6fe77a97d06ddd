/** The field tables of the window stages: the options all three share, and the fixed windows' offset. */
import type { FieldSpec } from '../parse/fieldSpec';
import { durationField } from '../parse/duration';
import { OFFSET_UNITS } from '../time/duration';

/** pipeline, boundary, allowedLateness: every window stage has them. */
export const WINDOW_COMMON: readonly FieldSpec[] = [
  { name: 'pipeline', role: 'pipeline', type: 'array', required: true, description: 'Stages run per window instance' },
  { name: 'boundary', role: 'literal', type: 'string', enum: ['eventTime', 'processingTime'], default: 'eventTime', description: 'Window by event time or by processing time' },
  durationField('allowedLateness', 'How long after a window ends late documents are still accepted (default 3 seconds, max 30 minutes; 0 for none)', { zero: true }),
];

/** offset and idleTimeout: the tumbling and hopping windows have them. */
export const FIXED_WINDOW: readonly FieldSpec[] = [
  {
    name: 'offset', role: 'options', type: 'object', description: 'Shifts window boundaries from the epoch-aligned ones',
    fields: [
      { name: 'offsetFromUtc', role: 'literal', type: 'int', required: true, description: 'Amount of the shift (may be negative)' },
      { name: 'unit', role: 'literal', type: 'string', enum: Object.keys(OFFSET_UNITS), required: true, description: 'Unit of offsetFromUtc' },
    ],
  },
  durationField('idleTimeout', 'Close windows after the source has been idle this long (0 for never)', { zero: true }),
];
