// https://www.mongodb.com/docs/manual/reference/operator/aggregation/ifnull/
import type { ExprOperator } from '../types';
import { argList } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isNullish } from '../_shared/values';

export const $ifNull: ExprOperator = {
  name: '$ifNull',
  category: 'conditional',
  summary: 'The first argument that is not null or missing; otherwise the value of the last one.',
  docsUrl: docsUrl('ifNull'),
  syntax: '{ $ifNull: [ <expr1>, ..., <replacement-if-all-null> ] }',
  examples: [
    { doc: { description: null }, expr: { $ifNull: ['$description', 'Unspecified'] }, expected: 'Unspecified' },
    { doc: { b: 2 }, expr: { $ifNull: ['$a', '$b', 0] }, expected: 2 },
    { doc: {}, expr: { $ifNull: ['$a', '$b'] }, expected: undefined },
  ],
  compile(arg, c, path) {
    const list = argList(arg);
    if (list.length < 2) return c.error(path, `$ifNull needs at least two arguments, had: ${list.length}`, 'ASP410');
    const args = list.map((s, i) => c.expr(s, [...path, i]));
    const last = args.length - 1;
    return (ctx) => {
      for (let i = 0; i < last; i++) {
        const v = args[i]!(ctx);
        if (!isNullish(v)) return v;
      }
      return args[last]!(ctx);
    };
  },
};
