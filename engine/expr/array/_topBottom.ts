/**
 * $top, $topN, $bottom, $bottomN as array expressions (MongoDB 8.3): sort `input` by `sortBy`
 * (the $sortArray comparator, ./_sortBy; ascending values when absent) and keep the first or last
 * element(s). `n` may be 0. The accumulators of the same names live in engine/accumulators.
 * https://www.mongodb.com/docs/manual/reference/operator/topn/
 */
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Expr, ExprExample, ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { isIntegral, toNumber } from '../_shared/numeric';
import { repr, isNullish } from '../_shared/values';
import { ascending, sortByComparator } from './_sortBy';

function nOf(v: Value): number {
  if (!isIntegral(v)) throw new ExprError(`Value for 'n' must be of integral type, but found ${repr(v)}`);
  const n = toNumber(v);
  if (n < 0) throw new ExprError(`'n' must be non-negative, found: ${repr(v)}`);
  return n;
}

export interface TopBottomSpec {
  name: '$top' | '$topN' | '$bottom' | '$bottomN';
  summary: string;
  examples: ExprExample[];
}

export function topBottomOperator(spec: TopBottomSpec): ExprOperator {
  const { name } = spec;
  const withN = name.endsWith('N');
  const bottom = name.startsWith('$bottom');
  return {
    name,
    category: 'array',
    summary: spec.summary,
    docsUrl: `https://www.mongodb.com/docs/manual/reference/operator/${name.slice(1).toLowerCase()}/`,
    syntax: `{ ${name}: { ${withN ? 'n: <expression>, ' : ''}sortBy: <1 | -1 | { field: 1 | -1, ... }>, input: <array> } }`,
    snippet: withN ? '{ n: ${1:3}, sortBy: ${2:1}, input: ${3:\\$items} }' : '{ sortBy: ${1:1}, input: ${2:\\$items} }',
    examples: spec.examples,
    compile(arg, c, path) {
      const args = namedArgs(c, path, arg, name, withN ? ['n', 'sortBy', 'input'] : ['sortBy', 'input'], withN ? ['n', 'input'] : ['input'], {
        notObject: (t) => `${name} requires an object as an argument, found: ${t}`,
        unknown: (k) => `Unknown argument for '${name}': ${k}`,
        missing: (k) => `${name} requires '${k}' to be specified`,
      });
      if (!args) return NULL_EXPR;
      const cmp = args['sortBy'] === undefined ? ascending : sortByComparator(args['sortBy'], name);
      if (typeof cmp === 'string') return c.error([...path, 'sortBy'], cmp, 'ASP411');
      const input = c.expr(args['input'], [...path, 'input']);
      const nExpr: Expr | undefined = withN ? c.expr(args['n'], [...path, 'n']) : undefined;
      return (ctx) => {
        const n = nExpr ? nOf(nExpr(ctx)) : 1;
        const arr = input(ctx);
        if (isNullish(arr)) return null;
        if (!Array.isArray(arr)) throw new ExprError(`${name} requires 'input' to be an array, found: ${typeName(arr)}`);
        // A stable sort keeps input order among equal elements, as a sort of the array would.
        const sorted = arr.map((v) => (v === undefined ? null : v)).sort(cmp);
        if (!withN) return sorted.length === 0 ? null : sorted[bottom ? sorted.length - 1 : 0]!;
        return bottom ? sorted.slice(Math.max(0, sorted.length - n)) : sorted.slice(0, n);
      };
    },
  };
}
