// https://www.mongodb.com/docs/manual/reference/operator/aggregation/setequals/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { ValueSet } from './_internal';

export const $setEquals: ExprOperator = {
  name: '$setEquals',
  category: 'set',
  summary: 'True when every array holds the same distinct elements.',
  docsUrl: docsUrl('setEquals'),
  syntax: '{ $setEquals: [ <array1>, <array2>, ... ] }',
  examples: [
    { doc: { a: [1, 2, 2], b: [2, 1] }, expr: { $setEquals: ['$a', '$b'] }, expected: true },
    { doc: { a: [1], b: [1, 3] }, expr: { $setEquals: ['$a', '$b'] }, expected: false },
    { doc: { a: [1] }, expr: { $setEquals: ['$a', '$b'] }, error: 'All operands of $setEquals must be arrays. One argument is of type: missing' },
  ],
  compile(arg, c, path) {
    const list = Array.isArray(arg) ? arg : [arg];
    if (list.length < 2) return c.error(path, `$setEquals needs at least two arguments had: ${list.length}`, 'ASP410');
    const args = compileArgs(c, path, arg, '$setEquals', 2, Infinity);
    if (!args) return NULL_EXPR;
    return (ctx) => {
      let first: ValueSet | undefined;
      let equal = true;
      for (const f of args) {
        const v = f(ctx);
        if (!Array.isArray(v)) throw new ExprError(`All operands of $setEquals must be arrays. One argument is of type: ${typeName(v)}`);
        const s = new ValueSet(v);
        if (!first) first = s;
        else if (equal && (s.size !== first.size || !s.values.every((x) => first!.has(x)))) equal = false;
      }
      return equal;
    };
  },
};
