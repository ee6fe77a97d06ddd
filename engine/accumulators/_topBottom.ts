/** $top, $bottom, $topN, $bottomN: the first/last documents by `sortBy`, keeping only n. */
import type { Value } from '../core/types';
import type { Accumulator, AccumulatorSpec } from './types';
import { accError, checkN } from './_internal';
import { isPlainObject } from '../bson/types';
import { compileSortKeys, sortSpecError } from './sortKeys';
import type { Expr } from '../expr/types';

interface Item {
  k: Value[];
  v: Value;
  /** Arrival order breaks ties, so results do not depend on pane boundaries. */
  seq: number;
}

interface TBState {
  n: number;
  items: Item[];
}

export function topBottomSpec(name: string, bottom: boolean, withN: boolean, meta: Pick<AccumulatorSpec, 'summary' | 'docsUrl' | 'syntax' | 'examples'>): AccumulatorSpec {
  return {
    name,
    ...meta,
    compile(arg, c, path): Accumulator | undefined {
      if (!isPlainObject(arg)) return accError(c, path, `${name} requires an object argument`);
      const allowed = withN ? ['n', 'sortBy', 'output'] : ['sortBy', 'output'];
      for (const k of Object.keys(arg)) if (!allowed.includes(k)) return accError(c, [...path, k], `Unknown argument for '${name}': ${k}`);
      if (!('output' in arg)) return accError(c, path, `${name} requires an 'output' field`);
      if (!('sortBy' in arg)) return accError(c, path, `${name} requires a 'sortBy' field`);
      if (withN && !('n' in arg)) return accError(c, path, `${name} requires an 'n' field`);
      const bad = sortSpecError(arg['sortBy'], `${name} sortBy`);
      if (bad) return accError(c, [...path, 'sortBy'], bad);
      const keys = compileSortKeys(arg['sortBy'] as Record<string, Value>);
      const output = c.expr(arg['output'], [...path, 'output']);
      const nExpr: Expr = withN ? c.expr(arg['n'], [...path, 'n']) : () => 1;
      const order = (a: Item, b: Item): number => keys.cmp(a.k, b.k) || a.seq - b.seq;
      let seq = 0;
      const trim = (items: Item[], n: number): Item[] => (items.length <= n ? items : bottom ? items.slice(items.length - n) : items.slice(0, n));
      return {
        init: () => undefined,
        add(s: TBState | undefined, ctx) {
          const st = s ?? { n: checkN(name, nExpr(ctx)), items: [] };
          const v = output(ctx);
          const item: Item = { k: keys.keys(ctx.current), v: v === undefined ? null : v, seq: seq++ };
          const items = st.items;
          let i = items.length;
          while (i > 0 && order(item, items[i - 1]!) < 0) i--;
          if (!bottom && i >= st.n) return st;
          items.splice(i, 0, item);
          if (items.length > st.n) {
            if (bottom) items.shift();
            else items.pop();
          }
          return st;
        },
        merge(a: TBState | undefined, b: TBState | undefined) {
          if (a === undefined) return b === undefined ? undefined : { n: b.n, items: b.items.slice() };
          if (b === undefined) return { n: a.n, items: a.items.slice() };
          return { n: a.n, items: trim(a.items.concat(b.items).sort(order), a.n) };
        },
        result(s: TBState | undefined) {
          if (!withN) return s === undefined || s.items.length === 0 ? null : s.items[bottom ? s.items.length - 1 : 0]!.v;
          return s === undefined ? [] : s.items.map((x) => x.v);
        },
        snapshot: (s: TBState | undefined) => (s === undefined ? { none: true } : { n: s.n, items: s.items.map((x) => ({ ...x })) }),
        restore(v: Value) {
          const o = v as { none?: boolean } & TBState;
          if (o.none) return undefined;
          for (const x of o.items) if (x.seq >= seq) seq = x.seq + 1;
          return { n: o.n, items: o.items.map((x) => ({ ...x })) };
        },
      };
    },
  };
}
