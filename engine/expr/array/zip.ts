// https://www.mongodb.com/docs/manual/reference/operator/aggregation/zip/
import { VALUE_BYTES, chargeGrowth } from '../_shared/memory';
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Expr, ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { repr, isNullish } from '../_shared/values';

export const $zip: ExprOperator = {
  name: '$zip',
  category: 'array',
  summary: 'Transposes arrays: the nth output array holds the nth element of each input.',
  docsUrl: docsUrl('zip'),
  syntax: '{ $zip: { inputs: [ <array>, ... ], useLongestLength: <bool>, defaults: <array> } }',
  snippet: '{ inputs: [${1:\\$a}, ${2:\\$b}] }',
  examples: [
    { doc: { a: [1, 2, 3], b: ['x', 'y'] }, expr: { $zip: { inputs: ['$a', '$b'] } }, expected: [[1, 'x'], [2, 'y']] },
    { doc: { a: [1, 2], b: ['x'] }, expr: { $zip: { inputs: ['$a', '$b'], useLongestLength: true, defaults: [0, '-'] } }, expected: [[1, 'x'], [2, '-']] },
    { doc: { a: [1], b: 5 }, expr: { $zip: { inputs: ['$a', '$b'] } }, error: '$zip found a non-array expression in input: 5' },
  ],
  compile(arg, c, path) {
    const args = namedArgs(c, path, arg, '$zip', ['inputs', 'useLongestLength', 'defaults'], ['inputs'], {
      notObject: (t) => `$zip only supports an object as an argument, found ${t}`,
      missing: () => '$zip requires at least one input array',
    });
    if (!args) return NULL_EXPR;
    const inputsSpec = args['inputs'];
    const defaultsSpec = args['defaults'];
    const longest = args['useLongestLength'] ?? false;
    if (!Array.isArray(inputsSpec)) return c.error([...path, 'inputs'], `inputs must be an array of expressions, found ${typeName(inputsSpec)}`, 'ASP411');
    if (inputsSpec.length === 0) return c.error([...path, 'inputs'], '$zip requires at least one input array', 'ASP411');
    if (typeof longest !== 'boolean') return c.error([...path, 'useLongestLength'], `useLongestLength must be a bool, found ${typeName(longest)}`, 'ASP411');
    if (defaultsSpec !== undefined && !Array.isArray(defaultsSpec)) return c.error([...path, 'defaults'], `defaults must be an array of expressions, found ${typeName(defaultsSpec)}`, 'ASP411');
    const defaultsList = (defaultsSpec as Value[] | undefined) ?? [];
    if (!longest && defaultsList.length > 0) return c.error([...path, 'defaults'], 'cannot specify defaults unless useLongestLength is true', 'ASP411');
    if (defaultsList.length > 0 && defaultsList.length !== inputsSpec.length) return c.error([...path, 'defaults'], 'defaults and inputs must have the same length', 'ASP411');
    const inputs: Expr[] = inputsSpec.map((s, i) => c.expr(s, [...path, 'inputs', i]));
    const defaults: Expr[] = defaultsList.map((s, i) => c.expr(s, [...path, 'defaults', i]));
    return (ctx) => {
      const arrays: Value[][] = [];
      let min = Infinity;
      let max = 0;
      for (const f of inputs) {
        const v = f(ctx);
        if (isNullish(v)) return null;
        if (!Array.isArray(v)) throw new ExprError(`$zip found a non-array expression in input: ${repr(v)}`);
        arrays.push(v);
        min = Math.min(min, v.length);
        max = Math.max(max, v.length);
      }
      const fill = inputs.map((_, i) => (min !== max && defaults[i] ? defaults[i]!(ctx) : null));
      const len = longest ? max : min;
      chargeGrowth(ctx, len * (inputs.length + 1) * VALUE_BYTES, '$zip');
      const out: Value[][] = [];
      for (let row = 0; row < len; row++) out.push(arrays.map((a, col) => (row < a.length ? a[row] : fill[col])));
      return out;
    };
  },
};
