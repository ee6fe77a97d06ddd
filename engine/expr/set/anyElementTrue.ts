// https://www.mongodb.com/docs/manual/reference/operator/aggregation/anyelementtrue/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { truthy } from '../_shared/values';

export const $anyElementTrue: ExprOperator = {
  name: '$anyElementTrue',
  category: 'set',
  summary: 'True when any element of the array is truthy.',
  docsUrl: docsUrl('anyElementTrue'),
  syntax: '{ $anyElementTrue: [ <array> ] }',
  examples: [
    { doc: { r: [0, null, 'x'] }, expr: { $anyElementTrue: ['$r'] }, expected: true },
    { doc: { r: [] }, expr: { $anyElementTrue: ['$r'] }, expected: false },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$anyElementTrue', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => {
      const v = a(ctx);
      if (!Array.isArray(v)) throw new ExprError(`$anyElementTrue's argument must be an array, but is ${typeName(v)}`);
      return v.some(truthy);
    };
  },
};
