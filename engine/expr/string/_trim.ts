/** $trim, $ltrim and $rtrim: remove code points from the ends of a string. */
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { repr, isNullish } from '../_shared/values';

/** MongoDB's default whitespace set: NUL, ASCII spaces and the Unicode space separators. */
const DEFAULT_CHARS = new Set<number>([
  0x0, 0x20, 0x9, 0xa, 0xb, 0xc, 0xd, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
]);

function codePoints(s: string): Set<number> {
  const out = new Set<number>();
  for (const ch of s) out.add(ch.codePointAt(0)!);
  return out;
}

function trim(s: string, chars: Set<number>, left: boolean, right: boolean): string {
  let start = 0;
  let end = s.length;
  if (left) {
    while (start < end) {
      const cp = s.codePointAt(start)!;
      if (!chars.has(cp)) break;
      start += cp > 0xffff ? 2 : 1;
    }
  }
  if (right) {
    while (end > start) {
      let i = end - 1;
      const lo = s.charCodeAt(i);
      if (lo >= 0xdc00 && lo <= 0xdfff && i > start) {
        const hi = s.charCodeAt(i - 1);
        if (hi >= 0xd800 && hi <= 0xdbff) i--;
      }
      if (!chars.has(s.codePointAt(i)!)) break;
      end = i;
    }
  }
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

export function compileTrim(name: string, left: boolean, right: boolean, arg: Value, c: Compiler, path: JsonPath): Expr {
  const args = namedArgs(c, path, arg, name, ['input', 'chars'], ['input'], {
    notObject: (t) => `${name} only supports an object as an argument, found ${t}`,
    missing: () => `${name} requires an 'input' field`,
  });
  if (!args) return NULL_EXPR;
  const input = c.expr(args['input'], [...path, 'input']);
  const charsSpec = args['chars'];
  // A constant `chars` string is split into code points once, not per document.
  const constChars = charsSpec === undefined ? DEFAULT_CHARS : typeof charsSpec === 'string' && !charsSpec.startsWith('$') ? codePoints(charsSpec) : undefined;
  const chars = constChars ? undefined : c.expr(charsSpec, [...path, 'chars']);
  return (ctx) => {
    const s = input(ctx);
    if (isNullish(s)) return null;
    if (typeof s !== 'string') throw new ExprError(`${name} requires its input to be a string, got ${repr(s)} (of type ${typeName(s)}) instead.`);
    let set = constChars;
    if (!set) {
      const cs = chars!(ctx);
      if (isNullish(cs)) return null;
      if (typeof cs !== 'string') throw new ExprError(`${name} requires 'chars' to be a string, got ${repr(cs)} (of type ${typeName(cs)}) instead.`);
      set = codePoints(cs);
    }
    return trim(s, set, left, right);
  };
}
