/** The operator shape shared by single-document stages: transform, catch, DLQ, continue. */
import type { Doc } from '../core/types';
import type { Meta } from '../core/meta';
import { ExprError, errorMessage } from '../core/errors';
import { newEvalCtx } from '../expr/compile';
import type { EvalCtx } from '../expr/types';
import type { Emit, Operator } from '../core/operator';
import type { StageRuntime } from '../io/types';

/**
 * `fn` returns the output document, or undefined to drop it. A user error (bad expression
 * input) sends the input to the DLQ with ASP's reason text and the run goes on; anything else
 * is a bug and propagates.
 */
export function perDocument(
  operatorName: string,
  rt: StageRuntime,
  next: Emit,
  fn: (doc: Doc, ctx: EvalCtx, meta: Meta) => Doc | undefined,
): Operator {
  const ctx = newEvalCtx(rt.slotCount, rt.clock);
  return {
    push(doc, meta) {
      let out: Doc | undefined;
      try {
        ctx.current = doc;
        ctx.root = doc;
        ctx.meta = meta;
        out = fn(doc, ctx, meta);
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        rt.dlq({ operatorName, reason: `Failed to process input document in ${operatorName} with error: ${errorMessage(e)}`, doc, meta });
        return;
      }
      if (out !== undefined) next(out, meta);
    },
  };
}
