/**
 * The one regex builder of the engine: query `$regex` / `$in` / `$jsonSchema.pattern` and the
 * `$regexFind`, `$regexFindAll`, `$regexMatch` expressions all compile MongoDB patterns here, so
 * they agree on every pattern. Options are MongoDB's (`i m s x u`); the pattern is PCRE2,
 * translated by ./pcre.ts. Results are cached per (pattern, options, global).
 * https://www.mongodb.com/docs/manual/reference/operator/query/regex/#options
 */
import { PcreError, translatePcre } from './pcre';

export interface CompiledRegex {
  /** The JS RegExp; with `global`, callers set `lastIndex` before each `exec`. */
  readonly re: RegExp;
  /** The PCRE capture groups of a match, in PCRE's order (null for a group that did not take part). */
  captures(m: RegExpExecArray): (string | null)[];
}

/** Why a pattern does not compile, for callers to word as their MongoDB context does. */
export type RegexFailure =
  | { kind: 'flag'; flag: string }
  | { kind: 'nul' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unsupported'; reason: string };

export function isRegexFailure(r: CompiledRegex | RegexFailure): r is RegexFailure {
  return 'kind' in r;
}

/** The message for an "unsupported" failure, shared by queries and expressions. */
export function unsupportedMessage(reason: string): string {
  return `Regular expression uses PCRE syntax that has no JavaScript equivalent, so the local engine cannot run it: ${reason}`;
}

const CACHE_LIMIT = 512;
const cache = new Map<string, CompiledRegex | RegexFailure>();

function build(pattern: string, options: string, global: boolean): CompiledRegex | RegexFailure {
  const opts = { i: false, m: false, s: false, x: false };
  for (const o of options) {
    if (o === 'i' || o === 'm' || o === 's' || o === 'x') opts[o] = true;
    else if (o !== 'u') return { kind: 'flag', flag: o };
  }
  if (pattern.includes('\0')) return { kind: 'nul' };
  let js;
  try {
    js = translatePcre(pattern, opts);
  } catch (e) {
    if (e instanceof PcreError) return e.unsupported ? { kind: 'unsupported', reason: e.message } : { kind: 'invalid', reason: e.message };
    throw e;
  }
  let re: RegExp;
  try {
    re = new RegExp(js.source, 'v' + (js.ignoreCase ? 'i' : '') + (global ? 'g' : ''));
  } catch (e) {
    // Keep V8's reason, not its echo of the translated pattern.
    return { kind: 'invalid', reason: (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '') };
  }
  const groups = js.groups;
  const byNumber = groups.every((g, i) => g === i + 1);
  return {
    re,
    captures: byNumber
      ? (m) => {
          const out: (string | null)[] = new Array(groups.length);
          for (let i = 0; i < groups.length; i++) out[i] = m[i + 1] ?? null;
          return out;
        }
      : (m) => groups.map((g) => (typeof g === 'number' ? m[g] : m.groups?.[g]) ?? null),
  };
}

/** Compile a MongoDB pattern and options; `global` adds the JS `g` flag (for exec from an offset). */
export function compileRegex(pattern: string, options: string, global = false): CompiledRegex | RegexFailure {
  const key = `${global ? 'g' : '-'}${options}/${pattern}`;
  let r = cache.get(key);
  if (r === undefined) {
    r = build(pattern, options, global);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, r);
  }
  return r;
}
