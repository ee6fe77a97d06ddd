/** $min and $max share everything but the direction. */
import type { Value } from '../core/types';
import type { Accumulator, AccumulatorSpec } from './types';
import { cmp, unaryExpr } from './_internal';
import { BSON_UNDEFINED } from '../bson/undefined';

export function minMaxSpec(name: '$min' | '$max', dir: 1 | -1, meta: Pick<AccumulatorSpec, 'summary' | 'docsUrl' | 'syntax' | 'examples'>): AccumulatorSpec {
  // State is the best value so far; undefined = nothing seen (null/missing never count).
  const better = (a: Value, b: Value): Value => (a === undefined ? b : b === undefined ? a : cmp(b, a) * dir < 0 ? b : a);
  return {
    name,
    ...meta,
    compile(arg, c, path): Accumulator | undefined {
      const f = unaryExpr(name, arg, c, path);
      if (!f) return undefined;
      const step = (s: Value, v: Value): Value => {
        if (v === undefined || v === null || v === BSON_UNDEFINED) return s;
        return s === undefined || cmp(v, s) * dir < 0 ? v : s;
      };
      return {
        init: () => undefined,
        add: (s: Value, ctx) => step(s, f(ctx)),
        input: f,
        step,
        merge: better,
        result: (s: Value) => (s === undefined ? null : s),
        snapshot: (s: Value) => (s === undefined ? { none: true } : { v: s }),
        restore: (v: Value) => ((v as { none?: boolean }).none ? undefined : (v as { v: Value }).v),
      };
    },
  };
}
