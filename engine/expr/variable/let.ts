// https://www.mongodb.com/docs/manual/reference/operator/aggregation/let/
import { Double } from 'bson';
import type { Value } from '../../core/types';
import { isPlainObject, typeName } from '../../bson/types';
import type { Expr, ExprOperator } from '../types';
import { NULL_EXPR, checkVarName, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';

export const $let: ExprOperator = {
  name: '$let',
  category: 'variable',
  summary: 'Binds variables (`$$name`) for use in the `in` expression.',
  docsUrl: docsUrl('let'),
  syntax: '{ $let: { vars: { <var1>: <expression>, ... }, in: <expression> } }',
  snippet: '{ vars: { ${1:name}: ${2:value} }, in: ${3:"\\$\\$name"} }',
  examples: [
    { doc: { price: 10, tax: 0.5 }, expr: { $let: { vars: { total: { $add: ['$price', '$tax'] } }, in: { $multiply: ['$$total', 2] } } }, expected: new Double(21) },
    { doc: { a: 1 }, expr: { $let: { vars: { a: 5 }, in: { $add: ['$$a', '$a'] } } }, expected: 6 },
  ],
  compile(arg, c, path) {
    const args = namedArgs(c, path, arg, '$let', ['vars', 'in'], ['vars', 'in'], {
      notObject: () => '$let only supports an object as its argument',
      unknown: (k) => `Unrecognized parameter to $let: ${k}`,
      missing: (k) => `Missing '${k}' parameter to $let`,
    });
    if (!args) return NULL_EXPR;
    const vars = args['vars'];
    if (!isPlainObject(vars)) return c.error([...path, 'vars'], `invalid parameter: expected an object (vars), found: ${typeName(vars)}`, 'ASP411');
    const names = Object.keys(vars);
    for (const n of names) if (!checkVarName(c, [...path, 'vars', n], n, true)) return NULL_EXPR;
    // Variable values see only the outer scope: they are compiled before the new names exist.
    const values: Expr[] = names.map((n) => c.expr(vars[n], [...path, 'vars', n]));
    // CURRENT is not a slot: rebinding it changes what field paths in `in` read.
    const currentAt = names.indexOf('CURRENT');
    const userNames = names.filter((n) => n !== 'CURRENT');
    const [slots, body] = c.withVars(userNames, (s) => [s, c.expr(args['in'], [...path, 'in'])] as const);
    const userValues = values.filter((_v, i) => i !== currentAt);
    const currentValue = currentAt < 0 ? undefined : values[currentAt]!;
    const n = userNames.length;
    return (ctx) => {
      const fresh: Value[] = new Array(n);
      for (let i = 0; i < n; i++) fresh[i] = userValues[i]!(ctx);
      const newCurrent = currentValue ? currentValue(ctx) : undefined;
      const saved: Value[] = new Array(n);
      for (let i = 0; i < n; i++) {
        saved[i] = ctx.vars[slots[i]!];
        ctx.vars[slots[i]!] = fresh[i];
      }
      const savedCurrent = ctx.current;
      if (currentValue) ctx.current = newCurrent;
      try {
        return body(ctx);
      } finally {
        for (let i = 0; i < n; i++) ctx.vars[slots[i]!] = saved[i];
        ctx.current = savedCurrent;
      }
    };
  },
};
