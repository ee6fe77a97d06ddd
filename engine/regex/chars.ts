/**
 * Character-level pieces of the PCRE → JavaScript translation: how one code point is written in
 * the output (outside and inside a `v`-mode class), PCRE's fixed character sets (`\s`, `\h`,
 * `\v`, POSIX classes, non-UCP, as MongoDB compiles patterns), `\p{..}` names, and the
 * case-insensitive expansion of ASCII letters for a `(?i)` that covers only part of a pattern.
 * https://www.pcre.org/current/doc/html/pcre2pattern.html
 */

/** Raised for a pattern PCRE rejects (`unsupported: false`) or one JavaScript cannot express. */
export class PcreError extends Error {
  constructor(message: string, readonly unsupported = false) {
    super(message);
    this.name = 'PcreError';
  }
}

export function unsupported(what: string): PcreError {
  return new PcreError(what, true);
}

// PCRE2 without UCP: \s is HT, LF, VT, FF, CR and space (JavaScript's \s adds Unicode spaces).
export const SPACE = '\\t\\n\\v\\f\\r ';
export const H_SPACE = '\\t \\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}';
export const V_SPACE = '\\n\\v\\f\\r\\u{85}\\u{2028}\\u{2029}';

/** The JS class text (a nested `v`-mode class) of a PCRE class escape, or undefined. */
export function classEscapeSet(ch: string): string | undefined {
  switch (ch) {
    case 'd': return '\\d';
    case 'D': return '\\D';
    case 'w': return '\\w';
    case 'W': return '\\W';
    case 's': return `[${SPACE}]`;
    case 'S': return `[^${SPACE}]`;
    case 'h': return `[${H_SPACE}]`;
    case 'H': return `[^${H_SPACE}]`;
    case 'v': return `[${V_SPACE}]`;
    case 'V': return `[^${V_SPACE}]`;
  }
  return undefined;
}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\u{0}-\\u{7f}', blank: '\\t ', cntrl: '\\u{0}-\\u{1f}\\u{7f}',
  digit: '0-9', graph: '\\u{21}-\\u{7e}', lower: 'a-z', print: '\\u{20}-\\u{7e}',
  punct: '\\u{21}-\\u{2f}\\u{3a}-\\u{40}\\u{5b}-\\u{60}\\u{7b}-\\u{7e}', space: SPACE, upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

/** `[:name:]` inside a class (ASCII sets, as PCRE without UCP). */
export function posixSet(name: string, negated: boolean): string {
  const set = POSIX[name];
  if (set === undefined) throw new PcreError('unknown POSIX class name');
  return negated ? `[^${set}]` : `[${set}]`;
}

const SPECIAL_PROPERTIES: Record<string, string> = {
  Any: '[\\s\\S]',
  'L&': '[\\p{Lu}\\p{Ll}\\p{Lt}]',
  LC: '[\\p{Lu}\\p{Ll}\\p{Lt}]',
  Xan: '[\\p{L}\\p{N}]',
  Xsp: `[\\p{Z}${SPACE}]`,
  Xps: `[\\p{Z}${SPACE}]`,
  Xwd: '[\\p{L}\\p{N}_]',
};

function validProperty(text: string): boolean {
  try {
    new RegExp(text, 'v');
    return true;
  } catch {
    return false;
  }
}

/**
 * `\p{name}` / `\P{name}` as JS text: general categories pass through, script names become
 * `Script=<name>`, PCRE's special names map to their definitions.
 */
export function propertyText(name: string, negated: boolean): string {
  const special = SPECIAL_PROPERTIES[name];
  if (special !== undefined) return negated ? '[^' + special.slice(1) : special;
  if (name === 'Xuc') throw unsupported('\\p{Xuc}');
  const candidates = [name, `Script=${name}`];
  const eq = name.indexOf('=');
  if (eq > 0) {
    const key = name.slice(0, eq).toLowerCase();
    const value = name.slice(eq + 1);
    if (key === 'sc' || key === 'script') candidates.push(`Script=${value}`);
    if (key === 'scx' || key === 'scriptextensions') candidates.push(`Script_Extensions=${value}`);
  }
  for (const cand of candidates) {
    const text = `\\${negated ? 'P' : 'p'}{${cand}}`;
    if (validProperty(text)) return text;
  }
  throw new PcreError('unknown property name after \\P or \\p');
}

const SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);

/** One literal code point outside a class. */
export function literalText(cp: number): string {
  const s = String.fromCodePoint(cp);
  if (SYNTAX.has(s)) return '\\' + s;
  if (cp < 0x20 || cp === 0x7f) return `\\u{${cp.toString(16)}}`;
  return s;
}

/** One code point inside a `v`-mode class, where most punctuation is reserved. */
export function classCharText(cp: number): string {
  if ((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122)) return String.fromCharCode(cp);
  return `\\u{${cp.toString(16)}}`;
}

/** True when the code point has another case (so case-(in)sensitivity changes what it matches). */
export function isCased(cp: number): boolean {
  const s = String.fromCodePoint(cp);
  return s.toLowerCase() !== s || s.toUpperCase() !== s || cp === 0x17f || cp === 0x212a;
}

/**
 * The code points PCRE's caseless matching treats as one letter, for ASCII letters only:
 * `s` also matches U+017F (long s) and `k` U+212A (Kelvin sign), by Unicode case folding.
 */
export function asciiCaseSet(cp: number): number[] {
  const lower = cp | 0x20;
  const set = [lower, lower - 32];
  if (lower === 0x73) set.push(0x17f);
  if (lower === 0x6b) set.push(0x212a);
  return set;
}

export function isAsciiLetter(cp: number): boolean {
  return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}
