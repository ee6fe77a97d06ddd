/**
 * $validate (ASP): check documents against a query/$jsonSchema validator; discard or DLQ failures.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-validate/
 */
import { isPlainObject } from '../bson/types';
import { errorMessage, ExprError } from '../core/errors';
import { newEvalCtx } from '../expr/compile';
import { compileFilter, type Predicate } from '../query/compile';
import { toRelaxedJSON } from '../json/ejson';
import { enumValue, err, noUnknownFields, objectArg } from '../parse/args';
import type { StageSpec } from '../parse/types';

export interface ValidateConfig {
  pred: Predicate;
  action: 'discard' | 'dlq';
}

const OP = 'ValidateOperator';

export const validate: StageSpec<ValidateConfig> = {
  name: '$validate',
  kind: 'transform',
  placement: { main: true, window: true, payload: false },
  operatorName: OP,
  summary: 'Checks each document against a validator; invalid ones are discarded or sent to the DLQ.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-validate/',
  syntax: '{ $validate: { validator: { <query or $jsonSchema> }, validationAction: "discard" | "dlq" } }',
  schema: {
    type: 'object',
    properties: {
      validator: { type: 'object', description: 'A query filter; may use $jsonSchema and $expr' },
      validationAction: { enum: ['discard', 'dlq'], default: 'discard' },
    },
    additionalProperties: false,
  },
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
    const o = objectArg('$validate', arg, path, ctx);
    if (!o) return undefined;
    noUnknownFields(o, ['validator', 'validationAction'], '$validate', path, ctx);
    const action = enumValue(o, 'validationAction', ['discard', 'dlq'] as const, '$validate', path, ctx) ?? 'discard';
    if (action === 'dlq' && !ctx.hasDlq) {
      err(ctx, [...path, 'validationAction'], 'DLQ must be specified if validation action is dlq.', 'ASP313', { data: { fix: 'addDlq' } });
    }
    const v = o['validator'] ?? {};
    if (!isPlainObject(v)) {
      err(ctx, [...path, 'validator'], `failed to parse validator: ${toRelaxedJSON({ v }).slice(5, -1)}`, 'ASP314');
      return undefined;
    }
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
