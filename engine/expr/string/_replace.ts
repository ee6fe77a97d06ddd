/** $replaceOne and $replaceAll: literal (not regex) replacement. */
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { repr } from '../_shared/values';

export function compileReplace(name: string, all: boolean, arg: Value, c: Compiler, path: JsonPath): Expr {
  const keys = ['input', 'find', 'replacement'];
  const args = namedArgs(c, path, arg, name, keys, keys);
  if (!args) return NULL_EXPR;
  const [input, find, repl] = keys.map((k) => c.expr(args[k], [...path, k])) as [Expr, Expr, Expr];
  const check = (k: string, v: Value) => {
    if (!(v === null || v === undefined || typeof v === 'string')) throw new ExprError(`${name} requires that '${k}' be a string, found: ${repr(v)}`);
  };
  return (ctx) => {
    const s = input(ctx);
    const f = find(ctx);
    const r = repl(ctx);
    check('input', s);
    check('find', f);
    check('replacement', r);
    if (typeof s !== 'string' || typeof f !== 'string' || typeof r !== 'string') return null;
    if (!all) {
      const i = s.indexOf(f);
      return i < 0 ? s : s.slice(0, i) + r + s.slice(i + f.length);
    }
    // An empty `find` matches before every code point and at the end, as in MongoDB.
    if (f === '') return Array.from(s).map((ch) => r + ch).join('') + r;
    return s.split(f).join(r);
  };
}
