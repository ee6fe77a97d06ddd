// https://www.mongodb.com/docs/manual/reference/operator/aggregation/addToSet/
import type { Value } from '../core/types';
import type { AccumulatorSpec } from './types';
import { AccumulatedBytes, unaryExpr } from './_internal';
import { keyOf, type GroupKey } from './_key';

type SetState = Map<GroupKey, Value>;

export const addToSet: AccumulatorSpec = {
  name: '$addToSet',
  summary: 'Array of the distinct values (order unspecified; missing values are skipped).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/addToSet/',
  syntax: '{ $addToSet: <expression> }',
  examples: [
    { title: 'distinct', input: [{ a: 1 }, { a: 2 }, { a: 1 }, {}], acc: { $addToSet: '$a' }, expected: [1, 2] },
    { title: 'documents compare by value', input: [{ a: { x: 1 } }, { a: { x: 1 } }], acc: { $addToSet: '$a' }, expected: [{ x: 1 }] },
  ],
  compile(arg, c, path) {
    const f = unaryExpr('$addToSet', arg, c, path);
    if (!f) return undefined;
    const held = new AccumulatedBytes('$addToSet');
    return {
      init: (): SetState => new Map(),
      add(s: SetState, ctx) {
        const v = f(ctx);
        if (v === undefined) return s;
        const k = keyOf(v);
        if (!s.has(k)) {
          held.add(s, v);
          s.set(k, v);
        }
        return s;
      },
      merge(a: SetState, b: SetState) {
        const out = new Map(a);
        held.copy(a, out);
        for (const [k, v] of b) {
          if (!out.has(k)) {
            held.add(out, v);
            out.set(k, v);
          }
        }
        return out;
      },
      result: (s: SetState) => [...s.values()],
      snapshot: (s: SetState) => [...s.values()],
      restore: (v: Value) => new Map((v as Value[]).map((x) => [keyOf(x), x])),
    };
  },
};
