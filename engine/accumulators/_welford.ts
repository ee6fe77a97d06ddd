/** Running variance (Welford), mergeable with Chan's parallel formula; shared by $stdDevPop/Samp. */
import type { Value } from '../core/types';
import type { Accumulator, AccumulatorSpec } from './types';
import { isNumeric, unaryExpr } from './_internal';
import { toNumber } from '../bson/types';
import { double } from '../bson/numbers';

interface Moments {
  n: number;
  mean: number;
  m2: number;
}

export function stdDevSpec(name: string, sample: boolean, meta: Pick<AccumulatorSpec, 'summary' | 'docsUrl' | 'syntax' | 'examples'>): AccumulatorSpec {
  return {
    name,
    ...meta,
    compile(arg, c, path): Accumulator | undefined {
      const f = unaryExpr(name, arg, c, path);
      if (!f) return undefined;
      const step = (s: Moments, v: Value): Moments => {
        if (!isNumeric(v)) return s;
        const x = toNumber(v);
        s.n++;
        const d = x - s.mean;
        s.mean += d / s.n;
        s.m2 += d * (x - s.mean);
        return s;
      };
      return {
        init: (): Moments => ({ n: 0, mean: 0, m2: 0 }),
        add(s: Moments, ctx) {
          return step(s, f(ctx));
        },
        input: f,
        step,
        merge(a: Moments, b: Moments): Moments {
          if (a.n === 0) return { ...b };
          if (b.n === 0) return { ...a };
          const n = a.n + b.n;
          const d = b.mean - a.mean;
          return { n, mean: a.mean + (d * b.n) / n, m2: a.m2 + b.m2 + (d * d * a.n * b.n) / n };
        },
        mergeInto(a: Moments, b: Moments): Moments {
          if (b.n === 0) return a;
          if (a.n === 0) {
            a.n = b.n;
            a.mean = b.mean;
            a.m2 = b.m2;
            return a;
          }
          const n = a.n + b.n;
          const d = b.mean - a.mean;
          a.m2 = a.m2 + b.m2 + (d * d * a.n * b.n) / n;
          a.mean += (d * b.n) / n;
          a.n = n;
          return a;
        },
        result(s: Moments): Value {
          if (sample ? s.n < 2 : s.n === 0) return null;
          return double(Math.sqrt(Math.max(0, s.m2) / (sample ? s.n - 1 : s.n)));
        },
        snapshot: (s: Moments) => ({ ...s }),
        restore: (v: Value) => ({ ...(v as Moments) }),
      };
    },
  };
}
