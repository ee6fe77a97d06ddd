/** `$emit` to a Cluster connection: documents inserted into a collection (time-series stand-in). */
import type { Value } from '../core/types';
import { ExprError, errorMessage } from '../core/errors';
import { newEvalCtx } from '../expr/compile';
import type { EvalCtx } from '../expr/types';
import type { Operator } from '../core/operator';
import type { StageRuntime, CollectionEmitConfig, NameSpec, Services } from '../io/types';
import { BatchWriter, type WriteStep } from './batchWriter';

const OPERATOR = 'TimeseriesEmitOperator';

export function evalName(n: NameSpec, ctx: EvalCtx, what: string): string {
  if ('literal' in n) return n.literal;
  const v: Value = n.expr(ctx);
  if (typeof v !== 'string' || v.length === 0) throw new ExprError(`${what} must evaluate to a non-empty string`);
  return v;
}

export function createCollectionEmit(cfg: CollectionEmitConfig, rt: StageRuntime, services: Services): Operator {
  const ctx = newEvalCtx(rt.slotCount, rt.clock);
  const writer = new BatchWriter(services, OPERATOR, rt.dlq);
  let steps: WriteStep[] = [];
  return {
    push(doc, meta) {
      try {
        ctx.current = doc;
        ctx.root = doc;
        ctx.meta = meta;
        const target = services.collection(cfg.connectionName, evalName(cfg.db, ctx, 'db'), evalName(cfg.coll, ctx, 'coll'));
        steps.push({ target, op: { insertOne: { document: doc } }, doc, meta });
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        rt.dlq({ operatorName: OPERATOR, reason: `Failed to evaluate target namespace in ${OPERATOR} with error: ${errorMessage(e)}`, doc, meta });
      }
    },
    async drain() {
      const s = steps;
      steps = [];
      if (s.length) await writer.write(s);
    },
    targetStats: () => writer.targets.stats(),
  };
}
