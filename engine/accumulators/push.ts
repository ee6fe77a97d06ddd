// https://www.mongodb.com/docs/manual/reference/operator/aggregation/push/
import type { Value } from '../core/types';
import type { AccumulatorSpec } from './types';
import { AccumulatedBytes, unaryExpr } from './_internal';

export const push: AccumulatorSpec = {
  name: '$push',
  summary: 'Array of the values in arrival order (missing values are skipped).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/push/',
  syntax: '{ $push: <expression> }',
  examples: [
    { title: 'collect', input: [{ a: 1 }, {}, { a: null }, { a: 1 }], acc: { $push: '$a' }, expected: [1, null, 1] },
    { title: 'objects', input: [{ a: 1, b: 2 }], acc: { $push: { x: '$a' } }, expected: [{ x: 1 }] },
  ],
  compile(arg, c, path) {
    const f = unaryExpr('$push', arg, c, path);
    if (!f) return undefined;
    const held = new AccumulatedBytes('$push');
    // No merge: arrival order across panes is not recoverable, so hopping windows keep per-window state.
    return {
      init: (): Value[] => [],
      add(s: Value[], ctx) {
        const v = f(ctx);
        if (v !== undefined) {
          held.add(s, v);
          s.push(v);
        }
        return s;
      },
      result: (s: Value[]) => s.slice(),
      snapshot: (s: Value[]) => s.slice(),
      restore: (v: Value) => (v as Value[]).slice(),
    };
  },
};
