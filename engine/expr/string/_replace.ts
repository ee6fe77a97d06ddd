/** $replaceOne and $replaceAll: literal (not regex) replacement. */
import { checkStringUnits, grownString } from '../_shared/memory';
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { repr, isNullish } from '../_shared/values';

function occurrences(s: string, f: string): number {
  let n = 0;
  for (let i = s.indexOf(f); i >= 0; i = s.indexOf(f, i + f.length)) n++;
  return n;
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

export function compileReplace(name: string, all: boolean, arg: Value, c: Compiler, path: JsonPath): Expr {
  const keys = ['input', 'find', 'replacement'];
  const args = namedArgs(c, path, arg, name, keys, keys);
  if (!args) return NULL_EXPR;
  const [input, find, repl] = keys.map((k) => c.expr(args[k], [...path, k])) as [Expr, Expr, Expr];
  const check = (k: string, v: Value) => {
    if (!(isNullish(v) || typeof v === 'string')) throw new ExprError(`${name} requires that '${k}' be a string, found: ${repr(v)}`);
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
      if (i < 0) return s;
      checkStringUnits(s.length + r.length - f.length);
      return grownString(ctx, s.slice(0, i) + r + s.slice(i + f.length), name);
    }
    // An empty `find` matches before every code point and at the end, as in MongoDB.
    const n = f === '' ? codePoints(s) + 1 : occurrences(s, f);
    // The size is known before the string is built, so a huge one is never made.
    checkStringUnits(s.length + n * (r.length - f.length));
    if (f === '') return grownString(ctx, Array.from(s).map((ch) => r + ch).join('') + r, name);
    return grownString(ctx, s.split(f).join(r), name);
  };
}
