// https://www.mongodb.com/docs/manual/reference/operator/aggregation/switch/
import { ExprError } from '../../core/errors';
import { isPlainObject, typeName } from '../../bson/types';
import type { Expr, ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { truthy } from '../_shared/values';

export const $switch: ExprOperator = {
  name: '$switch',
  category: 'conditional',
  summary: "Evaluates the `then` of the first branch whose `case` is truthy, else `default`.",
  docsUrl: docsUrl('switch'),
  syntax: '{ $switch: { branches: [ { case: <expr>, then: <expr> }, ... ], default: <expr> } }',
  snippet: '{ branches: [ { case: ${1:condition}, then: ${2:value} } ], default: ${3:value} }',
  examples: [
    { doc: { score: 85 }, expr: { $switch: { branches: [{ case: { $gte: ['$score', 90] }, then: 'A' }, { case: { $gte: ['$score', 80] }, then: 'B' }], default: 'C' } }, expected: 'B' },
    { doc: { score: 10 }, expr: { $switch: { branches: [{ case: { $gte: ['$score', 90] }, then: 'A' }] } }, error: '$switch could not find a matching branch for an input, and no default was specified.' },
  ],
  compile(arg, c, path) {
    const args = namedArgs(c, path, arg, '$switch', ['branches', 'default'], []);
    if (!args) return NULL_EXPR;
    const branchesSpec = args['branches'];
    const cases: Expr[] = [];
    const thens: Expr[] = [];
    let ok = true;
    if (branchesSpec !== undefined) {
      if (!Array.isArray(branchesSpec)) return c.error([...path, 'branches'], `$switch expected an array for 'branches', found: ${typeName(branchesSpec)}`, 'ASP411');
      branchesSpec.forEach((b, i) => {
        const bp = [...path, 'branches', i];
        if (!isPlainObject(b)) {
          c.error(bp, `$switch expected each branch to be an object, found: ${typeName(b)}`, 'ASP411');
          ok = false;
          return;
        }
        const ba = namedArgs(c, bp, b, '$switch', ['case', 'then'], [], { unknown: (k) => `$switch found an unknown argument to a branch: ${k}` });
        if (!ba) {
          ok = false;
          return;
        }
        if (ba['case'] === undefined) {
          c.error(bp, "$switch requires each branch have a 'case' expression", 'ASP411');
          ok = false;
        }
        if (ba['then'] === undefined) {
          c.error(bp, "$switch requires each branch have a 'then' expression.", 'ASP411');
          ok = false;
        }
        if (ba['case'] !== undefined && ba['then'] !== undefined) {
          cases.push(c.expr(ba['case'], [...bp, 'case']));
          thens.push(c.expr(ba['then'], [...bp, 'then']));
        }
      });
    }
    if (!ok) return NULL_EXPR;
    if (cases.length === 0) return c.error(path, '$switch requires at least one branch.', 'ASP411');
    const dflt = args['default'] === undefined ? undefined : c.expr(args['default'], [...path, 'default']);
    const n = cases.length;
    return (ctx) => {
      for (let i = 0; i < n; i++) if (truthy(cases[i]!(ctx))) return thens[i]!(ctx);
      if (!dflt) throw new ExprError('$switch could not find a matching branch for an input, and no default was specified.');
      return dflt(ctx);
    };
  },
};
