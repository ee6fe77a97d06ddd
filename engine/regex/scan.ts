/**
 * Lexical pieces of PCRE2 patterns that the translator (./pcre.ts) reads without needing its
 * state: quantifiers, the counting of capture groups, and the small token patterns.
 * https://www.pcre.org/current/doc/html/pcre2pattern.html#SEC17
 */
import { PcreError } from './chars';
import type { Cursor } from './charClass';

export const QUANT_RE = /^\{(\d+)(?:(,)(\d*))?\}/;
export const X_SPACE = /[ \t\n\v\f\r\u0085\u200e\u200f\u2028\u2029]/;
export const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]{0,31}/;
export const FLAG_RE = /^(\^?)([imnsxUJ]*)(?:-([imnsxUJ]*))?/;

export interface Quantifier {
  text: string;
  lazy: boolean;
  possessive: boolean;
}

/** Capture groups in the pattern, for telling `\12` (back reference) from an octal escape. */
export function countGroups(src: string): number {
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      i++;
    } else if (ch === '[') {
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      for (; j < src.length && src[j] !== ']'; j++) if (src[j] === '\\') j++;
      i = j;
    } else if (ch === '(') {
      const next = src[i + 1];
      if (next !== '?' && next !== '*') n++;
      else if (/^\(\?(?:<(?![=!])|'|P<)/.test(src.slice(i, i + 4))) n++;
    }
  }
  return n;
}

/** A quantifier at the cursor (`*`, `{2,3}?`, `++`, ...), consumed; undefined when there is none. */
export function readQuantifier(c: Cursor): Quantifier | undefined {
  const ch = c.src[c.pos];
  let text: string;
  if (ch === '*' || ch === '+' || ch === '?') {
    text = ch;
    c.pos++;
  } else if (ch === '{') {
    const m = QUANT_RE.exec(c.src.slice(c.pos));
    if (!m) return undefined;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3]);
    if (lo > 65535 || (hi !== Infinity && hi > 65535)) throw new PcreError('number too big in {} quantifier');
    if (hi < lo) throw new PcreError('numbers out of order in {} quantifier');
    text = m[0];
    c.pos += m[0].length;
  } else {
    return undefined;
  }
  const suffix = c.src[c.pos];
  if (suffix === '?' || suffix === '+') c.pos++;
  return { text, lazy: suffix === '?', possessive: suffix === '+' };
}
