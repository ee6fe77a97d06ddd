// https://www.mongodb.com/docs/manual/reference/operator/aggregation/last/
import type { Value } from '../core/types';
import type { AccumulatorSpec } from './types';
import { unaryExpr } from './_internal';

interface Seen {
  v: Value;
  seq: number;
}

export const last: AccumulatorSpec = {
  name: '$last',
  summary: 'Value of the last document to arrive in the group (missing counts as null).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/last/',
  syntax: '{ $last: <expression> }',
  examples: [
    { title: 'last value', input: [{ a: 1 }, { a: 2 }], acc: { $last: '$a' }, expected: 2 },
    { title: 'missing is null', input: [{ a: 1 }, {}], acc: { $last: '$a' }, expected: null },
  ],
  compile(arg, c, path) {
    const f = unaryExpr('$last', arg, c, path);
    if (!f) return undefined;
    let seq = 0;
    return {
      init: () => undefined,
      add(s: Seen | undefined, ctx) {
        const v = f(ctx);
        const x = v === undefined ? null : v;
        if (s === undefined) return { v: x, seq: seq++ };
        s.v = x;
        s.seq = seq++;
        return s;
      },
      merge: (a: Seen | undefined, b: Seen | undefined) => (a === undefined ? b : b === undefined ? a : a.seq > b.seq ? a : b),
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
