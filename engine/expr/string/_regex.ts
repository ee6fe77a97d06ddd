/**
 * The shared core of $regexFind, $regexFindAll and $regexMatch: argument checks and the
 * compile-once handling of a constant pattern. Patterns are PCRE in MongoDB; engine/regex
 * translates them to JavaScript for queries and expressions alike (see docs/parity.md).
 */
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import type { Compiler, EvalCtx, Expr } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { cpLength } from './_internal';
import { type CompiledRegex, compileRegex, isRegexFailure, unsupportedMessage } from '../../regex/build';
import { regexParts } from '../../regex/value';
import { isNullish } from '../_shared/values';

export interface Match {
  match: string;
  idx: number;
  captures: (string | null)[];
}

/** ExprError code of a pattern that uses PCRE syntax with no JavaScript equivalent. */
const UNSUPPORTED_REGEX = 'UnsupportedRegex';

/** Build the RegExp (engine/regex, shared with queries), or throw the error MongoDB would give. */
function build(name: string, pattern: string, options: string): CompiledRegex {
  const r = compileRegex(pattern, options, true);
  if (!isRegexFailure(r)) return r;
  switch (r.kind) {
    case 'flag': throw new ExprError(`${name} invalid flag in regex options: ${r.flag}`);
    case 'nul': throw new ExprError(`${name}: regular expression cannot contain an embedded null byte`);
    case 'invalid': throw new ExprError(`Invalid Regex in ${name}: ${r.reason}`);
    case 'unsupported': throw new ExprError(unsupportedMessage(r.reason), UNSUPPORTED_REGEX);
  }
}

/** Resolve regex + options values into a compiled regex, null (nullish pattern), or throw. */
function resolve(name: string, rx: Value, opts: Value): CompiledRegex | null {
  const parts = regexParts(rx);
  if (!(isNullish(rx) || typeof rx === 'string' || parts)) throw new ExprError(`${name} needs 'regex' to be of type string or regex`);
  if (!(isNullish(opts) || typeof opts === 'string')) throw new ExprError(`${name} needs 'options' to be of type string`);
  let pattern: string | undefined;
  let options = '';
  if (parts) {
    if (parts.options !== '' && !(isNullish(opts))) throw new ExprError(`${name}: found regex option(s) specified in both 'regex' and 'option' fields`);
    pattern = parts.pattern;
    options = parts.options;
  } else if (typeof rx === 'string') pattern = rx;
  if (typeof opts === 'string') options = opts;
  if (pattern !== undefined && pattern.includes('\0')) throw new ExprError(`${name}: regular expression cannot contain an embedded null byte`);
  if (options.includes('\0')) throw new ExprError(`${name}: regular expression options cannot contain an embedded null byte`);
  if (pattern === undefined) return null;
  return build(name, pattern, options);
}

/** Next match at or after UTF-16 offset `from` (the RegExp carries the g flag). */
export function execAt(re: CompiledRegex, input: string, from: number): RegExpExecArray | null {
  re.re.lastIndex = from;
  return re.re.exec(input);
}

export function toMatch(re: CompiledRegex, m: RegExpExecArray, idx: number): Match {
  return { match: m[0], idx, captures: re.captures(m) };
}

export { cpLength };

/**
 * Compile the arguments; `run` receives the input string and the compiled regex, or null when
 * the input or the pattern is null/missing.
 */
export function compileRegexOp(name: string, arg: Value, c: Compiler, path: JsonPath, run: (input: string | null, re: CompiledRegex | null) => Value): Expr {
  const args = namedArgs(c, path, arg, name, ['input', 'regex', 'options'], ['input', 'regex'], {
    notObject: (t) => `${name} expects an object of named arguments but found: ${t}`,
    missing: (k) => `${name} requires '${k}' parameter`,
  });
  if (!args) return NULL_EXPR;
  const input = c.expr(args['input'], [...path, 'input']);
  const rxSpec = args['regex'];
  const optSpec = args['options'];
  const constant = (v: Value) => isNullish(v) || (typeof v === 'string' && !v.startsWith('$')) || regexParts(v) !== undefined;
  let fixed: CompiledRegex | null | undefined;
  if (constant(rxSpec) && constant(optSpec)) {
    try {
      fixed = resolve(name, rxSpec, optSpec);
    } catch (e) {
      const code = e instanceof ExprError && e.code === UNSUPPORTED_REGEX ? 'ASP421' : 'ASP411';
      return c.error([...path, 'regex'], (e as Error).message, code);
    }
  }
  const rx = fixed === undefined ? c.expr(rxSpec, [...path, 'regex']) : undefined;
  const opt = fixed === undefined && optSpec !== undefined ? c.expr(optSpec, [...path, 'options']) : undefined;
  const dynamic = (ctx: EvalCtx): CompiledRegex | null => resolve(name, rx!(ctx), opt ? opt(ctx) : undefined);
  return (ctx) => {
    const s = input(ctx);
    // MongoDB validates and compiles the pattern before it looks at the input.
    const re = fixed === undefined ? dynamic(ctx) : fixed;
    if (!(isNullish(s) || typeof s === 'string')) throw new ExprError(`${name} needs 'input' to be of type string`);
    return run(typeof s === 'string' ? s : null, re);
  };
}
