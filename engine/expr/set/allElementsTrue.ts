// https://www.mongodb.com/docs/manual/reference/operator/aggregation/allelementstrue/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { truthy } from '../_shared/values';

export const $allElementsTrue: ExprOperator = {
  name: '$allElementsTrue',
  category: 'set',
  summary: 'True when no element of the array is false, null, 0 or undefined.',
  docsUrl: docsUrl('allElementsTrue'),
  syntax: '{ $allElementsTrue: [ <array> ] }',
  examples: [
    { doc: { r: [true, 1, 'x'] }, expr: { $allElementsTrue: ['$r'] }, expected: true },
    { doc: { r: [true, 0] }, expr: { $allElementsTrue: ['$r'] }, expected: false },
    { doc: {}, expr: { $allElementsTrue: ['$r'] }, error: "$allElementsTrue's argument must be an array, but is missing" },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$allElementsTrue', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => {
      const v = a(ctx);
      if (!Array.isArray(v)) throw new ExprError(`$allElementsTrue's argument must be an array, but is ${typeName(v)}`);
      return v.every(truthy);
    };
  },
};
