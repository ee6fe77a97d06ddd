/**
 * The per-document update of one `$group` entry, built once per `$group`: accumulators that
 * read the same field path (`$avg` and `$max` of `$obs.watts`) share one evaluation of it.
 */
import type { Value } from '../core/types';
import type { EvalCtx, Expr } from '../expr/types';
import type { Accumulator } from '../accumulators/types';

export type RowUpdate = (s: unknown[], ctx: EvalCtx) => void;

/** How accumulator i is fed: an input index, or one of these. */
const ADD = -1;
const NO_INPUT = -2;

/**
 * `shareKeys[i]` names accumulator i's input when it may be shared (a plain field path, which
 * depends on nothing but the document); undefined otherwise.
 */
export function rowUpdate(accs: Accumulator[], shareKeys: (string | undefined)[]): RowUpdate {
  const inputs: Expr[] = [];
  const byKey = new Map<string, number>();
  const feed = new Int32Array(accs.length);
  accs.forEach((a, i) => {
    if (a.step === undefined) {
      feed[i] = ADD;
      return;
    }
    if (a.input === undefined) {
      feed[i] = NO_INPUT;
      return;
    }
    const key = shareKeys[i];
    let j = key === undefined ? undefined : byKey.get(key);
    if (j === undefined) {
      j = inputs.push(a.input) - 1;
      if (key !== undefined) byKey.set(key, j);
    }
    feed[i] = j;
  });
  const n = accs.length;
  const ni = inputs.length;
  // Reused for every document: the update never re-enters itself.
  const vals = new Array<Value>(ni).fill(undefined);
  return (s, ctx) => {
    for (let j = 0; j < ni; j++) vals[j] = inputs[j]!(ctx);
    for (let i = 0; i < n; i++) {
      const a = accs[i]!;
      const k = feed[i]!;
      s[i] = k >= 0 ? a.step!(s[i], vals[k]) : k === ADD ? a.add(s[i], ctx) : a.step!(s[i], undefined);
    }
  };
}

/** The input of `{ <acc>: arg }` may be shared when arg is a field path like "$a.b". */
export function shareKey(arg: Value): string | undefined {
  return typeof arg === 'string' && arg.startsWith('$') && !arg.startsWith('$$') ? arg : undefined;
}
