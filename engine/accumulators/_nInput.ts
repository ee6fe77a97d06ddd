/** State shared by $firstN, $lastN, $maxN and $minN: `n` fixed by the group's first document. */
import type { Value } from '../core/types';
import type { Accumulator, AccumulatorSpec } from './types';
import type { EvalCtx, Expr } from '../expr/types';
import { checkN, cmp, inputAndN } from './_internal';
import { BSON_UNDEFINED } from '../bson/undefined';

export interface NState {
  n: number;
  items: Value[];
}

type Mode = 'first' | 'last' | 'max' | 'min';

export function nInputSpec(name: string, mode: Mode, meta: Pick<AccumulatorSpec, 'summary' | 'docsUrl' | 'syntax' | 'examples'>): AccumulatorSpec {
  return {
    name,
    ...meta,
    compile(arg, c, path): Accumulator | undefined {
      const a = inputAndN(name, arg, c, path);
      if (!a) return undefined;
      const { input, n } = a;
      const dir = mode === 'max' ? -1 : 1;
      const acc: Accumulator<NState | undefined> = {
        init: () => undefined,
        add(s, ctx) {
          const st = s ?? { n: checkN(name, n(ctx)), items: [] };
          addItem(st, input, ctx, mode, dir);
          return st;
        },
        result: (s) => (s === undefined ? [] : s.items.slice()),
        snapshot: (s) => (s === undefined ? { none: true } : { n: s.n, items: s.items.slice() }),
        restore: (v) => ((v as { none?: boolean }).none ? undefined : { n: (v as NState).n, items: (v as NState).items.slice() }),
      };
      if (mode === 'max' || mode === 'min') {
        // Order-independent, so panes of hopping windows can be combined.
        acc.merge = (x, y) => {
          if (x === undefined) return y === undefined ? undefined : { n: y.n, items: y.items.slice() };
          if (y === undefined) return { n: x.n, items: x.items.slice() };
          const items = x.items.concat(y.items).sort((p, q) => cmp(p, q) * dir);
          return { n: x.n, items: items.slice(0, x.n) };
        };
      }
      return acc;
    },
  };
}

function addItem(st: NState, input: Expr, ctx: EvalCtx, mode: Mode, dir: number): void {
  const v = input(ctx);
  if (mode === 'first') {
    if (st.items.length < st.n) st.items.push(v === undefined ? null : v);
    return;
  }
  if (mode === 'last') {
    st.items.push(v === undefined ? null : v);
    if (st.items.length > st.n) st.items.shift();
    return;
  }
  if (v === undefined || v === null || v === BSON_UNDEFINED) return;
  // Insertion into a short sorted array: n is small in practice.
  const items = st.items;
  if (items.length === st.n && cmp(v, items[items.length - 1]) * dir >= 0) return;
  let i = items.length;
  while (i > 0 && cmp(v, items[i - 1]) * dir < 0) i--;
  items.splice(i, 0, v);
  if (items.length > st.n) items.pop();
}
