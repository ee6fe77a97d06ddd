/**
 * $validate (ASP): check documents against a query/$jsonSchema validator; discard or DLQ failures.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-validate/
 */
import { isPlainObject } from '../bson/types';
import { errorMessage, ExprError } from '../core/errors';
import { newEvalCtx } from '../expr/compile';
import { compileFilter, type Predicate } from '../query/compile';
import { err } from '../parse/args';
import type { FieldSpec } from '../parse/fieldSpec';
import type { StageSpec } from '../parse/types';

export interface ValidateConfig {
  pred: Predicate;
  action: 'discard' | 'dlq';
}

const OP = 'ValidateOperator';
const ACTIONS = ['discard', 'dlq'] as const;

const FIELDS: FieldSpec[] = [
  {
    name: 'validator', role: 'query', type: 'object', default: {},
    description: 'A query filter documents must match; may use $jsonSchema and $expr',
    messages: { wrongType: 'failed to parse validator: {json}', wrongTypeCode: 'ASP314' },
  },
  { name: 'validationAction', role: 'literal', type: 'string', enum: ACTIONS, default: 'discard', description: 'What happens to an invalid document: discard it, or send it to the DLQ' },
];

export const validate: StageSpec<ValidateConfig> = {
  name: '$validate',
  kind: 'transform',
  placement: { main: true, window: true, payload: false },
  operatorName: OP,
  summary: 'Checks each document against a validator; invalid ones are discarded or sent to the DLQ.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-validate/',
  syntax: '{ $validate: { validator: { <query or $jsonSchema> }, validationAction: "discard" | "dlq" } }',
  fields: FIELDS,
  examples: [
    {
      title: 'Send readings without watts to the DLQ',
      stage: { $validate: { validator: { $jsonSchema: { required: ['obs'] } }, validationAction: 'dlq' } },
      input: [{ device_id: 'device_1', obs: { watts: 3 } }, { device_id: 'device_2', event_type: 1 }],
      output: [{ device_id: 'device_1', obs: { watts: 3 } }],
      dlq: ['Input document found to be invalid in $validate stage'],
    },
  ],
  parse(arg, path, ctx) {
    if (!isPlainObject(arg)) return undefined;
    const action = arg['validationAction'] === 'dlq' ? 'dlq' : 'discard';
    if (action === 'dlq' && !ctx.hasDlq) {
      err(ctx, [...path, 'validationAction'], 'DLQ must be specified if validation action is dlq.', 'ASP313', { data: { fix: 'addDlq' } });
    }
    const v = arg['validator'] ?? {};
    if (!isPlainObject(v)) return undefined;
    return { pred: compileFilter(v, ctx.compiler, [...path, 'validator'], { context: 'validate' }), action };
  },
  create(cfg, rt, next) {
    const ctx = newEvalCtx(rt.slotCount, rt.clock);
    return {
      push(doc, meta) {
        let ok: boolean;
        try {
          ctx.current = doc;
          ctx.root = doc;
          ctx.meta = meta;
          ok = cfg.pred(doc, ctx);
        } catch (e) {
          if (!(e instanceof ExprError)) throw e;
          rt.dlq({ operatorName: OP, reason: `Failed to process input document in $validate stage with error: ${errorMessage(e)}`, doc, meta });
          return;
        }
        if (ok) next(doc, meta);
        else if (cfg.action === 'dlq') rt.dlq({ operatorName: OP, reason: 'Input document found to be invalid in $validate stage', doc, meta });
      },
    };
  },
};
