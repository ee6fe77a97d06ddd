/**
 * The shared core of $regexFind, $regexFindAll and $regexMatch. Patterns are PCRE in
 * MongoDB; they run here as JavaScript RegExp (see docs/parity.md). A constant pattern is
 * compiled once at pipeline compile time.
 */
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import type { Compiler, EvalCtx, Expr } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { cpLength } from './_internal';

export interface Match {
  match: string;
  idx: number;
  captures: (string | null)[];
}

/** PCRE's `x` flag: drop unescaped whitespace and `#` comments outside character classes. */
function stripExtended(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '\\') {
      out += ch + (p[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '#') {
      while (i < p.length && p[i] !== '\n') i++;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

/** Build the RegExp, or return the error message MongoDB would give. */
export function buildRegex(name: string, pattern: string, options: string): RegExp | string {
  let flags = 'g';
  let extended = false;
  for (const f of options) {
    if (f === 'i' || f === 'm' || f === 's') {
      if (!flags.includes(f)) flags += f;
    } else if (f === 'x') extended = true;
    else if (f !== 'u') return `${name} invalid flag in regex options: ${f}`;
  }
  if (pattern.includes('\0')) return `${name}: regular expression cannot contain an embedded null byte`;
  const source = extended ? stripExtended(pattern) : pattern;
  try {
    return new RegExp(source, flags + 'u');
  } catch {
    try {
      return new RegExp(source, flags);
    } catch (e) {
      // Keep V8's reason, not its echo of the pattern and our internal flags.
      return `Invalid Regex in ${name}: ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}`;
    }
  }
}

function isRegexValue(v: Value): v is { pattern: string; options: string } | RegExp {
  return v instanceof RegExp || (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'BSONRegExp');
}

function patternOf(v: { pattern: string; options: string } | RegExp): [string, string] {
  return v instanceof RegExp ? [v.source, v.flags.replace(/[gyu]/g, '')] : [v.pattern, v.options];
}

/** Resolve regex + options values into a RegExp, null (nullish pattern), or throw. */
function resolve(name: string, rx: Value, opts: Value): RegExp | null {
  if (!(rx === null || rx === undefined || typeof rx === 'string' || isRegexValue(rx))) throw new ExprError(`${name} needs 'regex' to be of type string or regex`);
  if (!(opts === null || opts === undefined || typeof opts === 'string')) throw new ExprError(`${name} needs 'options' to be of type string`);
  let pattern: string | undefined;
  let options = '';
  if (isRegexValue(rx)) {
    const [p, o] = patternOf(rx);
    if (o !== '' && !(opts === null || opts === undefined)) throw new ExprError(`${name}: found regex option(s) specified in both 'regex' and 'option' fields`);
    pattern = p;
    options = o;
  } else if (typeof rx === 'string') pattern = rx;
  if (typeof opts === 'string') options = opts;
  if (pattern === undefined) return null;
  const re = buildRegex(name, pattern, options);
  if (typeof re === 'string') throw new ExprError(re);
  return re;
}

/** Next match at or after UTF-16 offset `from` (the RegExp carries the g flag). */
export function execAt(re: RegExp, input: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(input);
}

export function toMatch(m: RegExpExecArray, idx: number): Match {
  const captures: (string | null)[] = [];
  for (let i = 1; i < m.length; i++) captures.push(m[i] ?? null);
  return { match: m[0], idx, captures };
}

export { cpLength };

/**
 * Compile the arguments; `run` receives the input string and the RegExp, or null when the
 * input or the pattern is null/missing.
 */
export function compileRegexOp(name: string, arg: Value, c: Compiler, path: JsonPath, run: (input: string | null, re: RegExp | null) => Value): Expr {
  const args = namedArgs(c, path, arg, name, ['input', 'regex', 'options'], ['input', 'regex'], {
    notObject: (t) => `${name} expects an object of named arguments but found: ${t}`,
    missing: (k) => `${name} requires '${k}' parameter`,
  });
  if (!args) return NULL_EXPR;
  const input = c.expr(args['input'], [...path, 'input']);
  const rxSpec = args['regex'];
  const optSpec = args['options'];
  const constant = (v: Value) => v === undefined || v === null || (typeof v === 'string' && !v.startsWith('$')) || isRegexValue(v);
  let fixed: RegExp | null | undefined;
  if (constant(rxSpec) && constant(optSpec)) {
    try {
      fixed = resolve(name, rxSpec, optSpec);
    } catch (e) {
      return c.error([...path, 'regex'], (e as Error).message, 'ASP411');
    }
  }
  const rx = fixed === undefined ? c.expr(rxSpec, [...path, 'regex']) : undefined;
  const opt = fixed === undefined && optSpec !== undefined ? c.expr(optSpec, [...path, 'options']) : undefined;
  let lastKey = '';
  let lastRe: RegExp | null = null;
  const dynamic = (ctx: EvalCtx): RegExp | null => {
    const r = rx!(ctx);
    const o = opt ? opt(ctx) : undefined;
    const key = typeof r === 'string' && (o === undefined || typeof o === 'string') ? `${o ?? ''}/${r}` : '';
    if (key !== '' && key === lastKey) return lastRe;
    const re = resolve(name, r, o);
    lastKey = key;
    lastRe = re;
    return re;
  };
  return (ctx) => {
    const s = input(ctx);
    if (!(s === null || s === undefined || typeof s === 'string')) throw new ExprError(`${name} needs 'input' to be of type string`);
    const re = fixed === undefined ? dynamic(ctx) : fixed;
    return run(typeof s === 'string' ? s : null, re);
  };
}
