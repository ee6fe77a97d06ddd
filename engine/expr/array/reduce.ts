// https://www.mongodb.com/docs/manual/reference/operator/aggregation/reduce/
import { growthMark, stepGrowth } from '../_shared/memory';
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import type { ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { repr, isNullish } from '../_shared/values';

export const $reduce: ExprOperator = {
  name: '$reduce',
  category: 'array',
  summary: 'Folds an array into one value: `in` sees `$$value` (accumulated) and `$$this` (element).',
  docsUrl: docsUrl('reduce'),
  syntax: '{ $reduce: { input: <array>, initialValue: <expression>, in: <expression> } }',
  snippet: '{ input: ${1:\\$items}, initialValue: ${2:0}, in: ${3:{ \\$add: ["\\$\\$value", "\\$\\$this"] }} }',
  examples: [
    { doc: { n: [1, 2, 3, 4] }, expr: { $reduce: { input: '$n', initialValue: 0, in: { $add: ['$$value', '$$this'] } } }, expected: 10 },
    { doc: { s: ['a', 'b'] }, expr: { $reduce: { input: '$s', initialValue: '', in: { $concat: ['$$value', '$$this'] } } }, expected: 'ab' },
    { doc: {}, expr: { $reduce: { input: '$n', initialValue: 0, in: 1 } }, expected: null },
  ],
  compile(arg, c, path) {
    const args = namedArgs(c, path, arg, '$reduce', ['input', 'initialValue', 'in'], ['input', 'initialValue', 'in']);
    if (!args) return NULL_EXPR;
    const input = c.expr(args['input'], [...path, 'input']);
    const initial = c.expr(args['initialValue'], [...path, 'initialValue']);
    const [thisSlot, valueSlot, body] = c.withVars(['this', 'value'], ([t, v]) => [t!, v!, c.expr(args['in'], [...path, 'in'])] as const);
    return (ctx) => {
      const arr = input(ctx);
      if (isNullish(arr)) return null;
      if (!Array.isArray(arr)) throw new ExprError(`$reduce requires that 'input' be an array, found: ${repr(arr)}`);
      let acc: Value = initial(ctx);
      const savedThis = ctx.vars[thisSlot];
      const savedValue = ctx.vars[valueSlot];
      let held = 0;
      try {
        for (let i = 0; i < arr.length; i++) {
          ctx.vars[thisSlot] = arr[i];
          ctx.vars[valueSlot] = acc;
          const mark = growthMark(ctx);
          const prev = acc;
          acc = body(ctx);
          held = stepGrowth(ctx, mark, held, prev, acc);
        }
      } finally {
        ctx.vars[thisSlot] = savedThis;
        ctx.vars[valueSlot] = savedValue;
      }
      return acc;
    };
  },
};
