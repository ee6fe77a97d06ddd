// https://www.mongodb.com/docs/manual/reference/operator/aggregation/first/
import type { Value } from '../core/types';
import type { AccumulatorSpec } from './types';
import { unaryExpr } from './_internal';

interface Seen {
  v: Value;
  /** Arrival order, so panes of a hopping window combine to the true first document. */
  seq: number;
}

export const first: AccumulatorSpec = {
  name: '$first',
  summary: 'Value of the first document to arrive in the group (missing counts as null).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/first/',
  syntax: '{ $first: <expression> }',
  examples: [
    { title: 'first value', input: [{ a: 1 }, { a: 2 }], acc: { $first: '$a' }, expected: 1 },
    { title: 'missing is null', input: [{}, { a: 2 }], acc: { $first: '$a' }, expected: null },
  ],
  compile(arg, c, path) {
    const f = unaryExpr('$first', arg, c, path);
    if (!f) return undefined;
    let seq = 0;
    return {
      init: () => undefined,
      add(s: Seen | undefined, ctx) {
        if (s !== undefined) return s;
        const v = f(ctx);
        return { v: v === undefined ? null : v, seq: seq++ };
      },
      merge: (a: Seen | undefined, b: Seen | undefined) => (a === undefined ? b : b === undefined ? a : a.seq <= b.seq ? a : b),
      result: (s: Seen | undefined) => (s === undefined ? null : s.v),
      snapshot: (s: Seen | undefined) => (s === undefined ? { none: true } : { v: s.v, seq: s.seq }),
      restore(v: Value) {
        const o = v as { none?: boolean; v: Value; seq: number };
        if (o.none) return undefined;
        if (o.seq >= seq) seq = o.seq + 1;
        return { v: o.v, seq: o.seq };
      },
    };
  },
};
