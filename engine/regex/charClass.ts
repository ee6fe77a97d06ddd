/**
 * PCRE character classes (`[...]`) and the escapes that may appear inside them, written out as
 * a JavaScript `v`-mode class. Items are kept as class operands so that sets PCRE defines
 * differently from JavaScript (`\s`, POSIX names) nest as classes of their own.
 * https://www.pcre.org/current/doc/html/pcre2pattern.html#SEC9
 */
import { asciiCaseSet, classCharText, classEscapeSet, isAsciiLetter, isCased, PcreError, posixSet, propertyText, unsupported } from './chars';

/** How case applies to the class: as the JS flags say, folded by hand, or strictly by hand. */
export type CaseMode = 'native' | 'fold' | 'strict';

/** What the class parser needs from the translator: the pattern and a position in it. */
export interface Cursor {
  readonly src: string;
  pos: number;
}

type Item = { cp: number } | { lo: number; hi: number } | { set: string };

function peekCp(c: Cursor): number | undefined {
  return c.src.codePointAt(c.pos);
}

function nextCp(c: Cursor): number {
  const cp = c.src.codePointAt(c.pos);
  if (cp === undefined) throw new PcreError('missing terminating ] for character class');
  c.pos += cp > 0xffff ? 2 : 1;
  return cp;
}

function hexDigits(c: Cursor, max: number): string {
  let s = '';
  while (s.length < max && /[0-9a-fA-F]/.test(c.src[c.pos] ?? '')) s += c.src[c.pos++];
  return s;
}

/** `\x..`, `\o{..}`, `\0..` and `\c.`: the code point, or undefined for another escape. */
export function numericEscape(c: Cursor, ch: string): number | undefined {
  switch (ch) {
    case 'x': {
      if (c.src[c.pos] === '{') {
        const end = c.src.indexOf('}', c.pos);
        const hex = end < 0 ? '' : c.src.slice(c.pos + 1, end);
        if (!/^[0-9a-fA-F]+$/.test(hex)) throw new PcreError('\\x{ is not followed by hexadecimal digits and }');
        c.pos = end + 1;
        const v = parseInt(hex, 16);
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new PcreError('character code point value in \\x{} or \\o{} is too large');
        return v;
      }
      const hex = hexDigits(c, 2);
      return hex === '' ? 0 : parseInt(hex, 16);
    }
    case 'o': {
      const end = c.src.indexOf('}', c.pos);
      const oct = c.src[c.pos] === '{' && end > 0 ? c.src.slice(c.pos + 1, end) : '';
      if (!/^[0-7]+$/.test(oct)) throw new PcreError('missing opening brace after \\o');
      c.pos = end + 1;
      return parseInt(oct, 8);
    }
    case 'c': {
      const x = c.src.charCodeAt(c.pos);
      if (!(x >= 0x20 && x <= 0x7e)) throw new PcreError('\\c must be followed by a printable ASCII character');
      c.pos++;
      return (x >= 97 && x <= 122 ? x - 32 : x) ^ 0x40;
    }
    case 'a': return 7;
    case 'e': return 0x1b;
    case 'f': return 12;
    case 'n': return 10;
    case 'r': return 13;
    case 't': return 9;
  }
  if (ch >= '0' && ch <= '7') {
    let oct = ch;
    while (oct.length < 3 && c.src[c.pos]! >= '0' && c.src[c.pos]! <= '7') oct += c.src[c.pos++];
    return parseInt(oct, 8);
  }
  return undefined;
}

/** `\p{..}`, `\pL`, `\p{^..}` after the `p`/`P` has been read. */
export function readProperty(c: Cursor, negated: boolean): string {
  let name: string;
  if (c.src[c.pos] === '{') {
    const end = c.src.indexOf('}', c.pos);
    if (end < 0) throw new PcreError('malformed \\P or \\p sequence');
    name = c.src.slice(c.pos + 1, end);
    c.pos = end + 1;
  } else {
    name = c.src[c.pos] ?? '';
    if (name === '') throw new PcreError('malformed \\P or \\p sequence');
    c.pos++;
  }
  if (name.startsWith('^')) {
    negated = !negated;
    name = name.slice(1);
  }
  return propertyText(name.trim(), negated);
}

/** One escape inside a class, after the backslash. `\Q...\E` may yield several items. */
function classEscape(c: Cursor, items: Item[]): Item | undefined {
  const ch = c.src[c.pos];
  if (ch === undefined) throw new PcreError('\\ at end of pattern');
  c.pos++;
  const set = classEscapeSet(ch);
  if (set !== undefined) return { set };
  if (ch === 'p' || ch === 'P') return { set: readProperty(c, ch === 'P') };
  if (ch === 'b') return { cp: 8 };
  if (ch === 'Q') {
    const end = c.src.indexOf('\\E', c.pos);
    const lit = end < 0 ? c.src.slice(c.pos) : c.src.slice(c.pos, end);
    c.pos = end < 0 ? c.src.length : end + 2;
    for (const s of lit) items.push({ cp: s.codePointAt(0)! });
    return undefined;
  }
  if (ch === 'E') return undefined;
  if (ch === '8' || ch === '9') throw new PcreError('escape sequence is invalid in character class');
  const n = numericEscape(c, ch);
  if (n !== undefined) return { cp: n };
  if (/[A-Za-z]/.test(ch)) {
    if ('ABCGKNRXZgkz'.includes(ch)) throw new PcreError('escape sequence is invalid in character class');
    throw new PcreError('unrecognized character follows \\');
  }
  c.pos--;
  return { cp: nextCp(c) };
}

function foldRange(lo: number, hi: number, mode: CaseMode, out: string[]): void {
  const touchesLetters = !(hi < 65 || lo > 122 || (lo > 90 && hi < 97));
  if (mode === 'strict' && (touchesLetters || hi >= 0xb5)) throw unsupported('a case-sensitive part of a case-insensitive pattern');
  out.push(lo === hi ? classCharText(lo) : `${classCharText(lo)}-${classCharText(hi)}`);
  if (mode !== 'fold') return;
  if (hi >= 0xb5) throw unsupported('a case-insensitive part of a case-sensitive pattern with non-ASCII letters');
  for (let cp = Math.max(lo, 65); cp <= Math.min(hi, 122); cp++) {
    if (isAsciiLetter(cp)) for (const o of asciiCaseSet(cp)) if (o !== cp) out.push(classCharText(o));
  }
}

function emit(items: Item[], negated: boolean, mode: CaseMode): string {
  const out: string[] = [];
  for (const it of items) {
    if ('set' in it) {
      if (mode !== 'native' && /\\p|\\P/.test(it.set)) throw unsupported('\\p{..} in a part of a pattern with its own case-insensitivity');
      out.push(it.set);
    } else if ('cp' in it) {
      if (mode !== 'native' && !isAsciiLetter(it.cp) && isCased(it.cp)) throw unsupported('a non-ASCII letter in a part of a pattern with its own case-insensitivity');
      foldRange(it.cp, it.cp, mode, out);
    } else {
      foldRange(it.lo, it.hi, mode, out);
    }
  }
  return `[${negated ? '^' : ''}${out.join('')}]`;
}

const POSIX_RE = /^\[:(\^?)([a-z]+):\]/;

/** Parse a class; `c.pos` is just after the `[`. Returns the JS class text. */
export function parseClass(c: Cursor, mode: CaseMode): string {
  const negated = c.src[c.pos] === '^';
  if (negated) c.pos++;
  const items: Item[] = [];
  let first = true;
  for (;;) {
    const cp = peekCp(c);
    if (cp === undefined) throw new PcreError('missing terminating ] for character class');
    if (cp === 0x5d /* ] */ && !first) {
      c.pos++;
      break;
    }
    first = false;
    let item: Item | undefined;
    if (cp === 0x5b /* [ */) {
      const m = POSIX_RE.exec(c.src.slice(c.pos));
      if (m) {
        c.pos += m[0].length;
        const set = posixSet(m[2]!, m[1] === '^');
        item = { set: mode !== 'native' && (m[2] === 'upper' || m[2] === 'lower') ? (mode === 'fold' ? '[A-Za-z\\u{17f}\\u{212a}]' : fail()) : set };
      } else if (/^\[[.=]/.test(c.src.slice(c.pos))) {
        throw new PcreError('POSIX collating elements are not supported');
      } else {
        item = { cp: nextCp(c) };
      }
    } else if (cp === 0x5c /* \ */) {
      c.pos++;
      item = classEscape(c, items);
      if (item === undefined) continue;
    } else {
      item = { cp: nextCp(c) };
    }
    // A range needs single characters on both sides; `-` next to a set is a literal.
    if ('cp' in item && c.src[c.pos] === '-' && c.src[c.pos + 1] !== ']' && c.src[c.pos + 1] !== undefined) {
      const save = c.pos;
      c.pos++;
      let hi: Item | undefined;
      if (c.src[c.pos] === '\\') {
        c.pos++;
        const tmp: Item[] = [];
        hi = classEscape(c, tmp);
        if (hi === undefined && tmp.length > 0) {
          hi = tmp.shift();
          items.push(...tmp);
        }
      } else if (c.src[c.pos] === '[' && POSIX_RE.test(c.src.slice(c.pos))) {
        hi = undefined;
      } else {
        hi = { cp: nextCp(c) };
      }
      if (hi !== undefined && 'cp' in hi) {
        if (hi.cp < item.cp) throw new PcreError('range out of order in character class');
        items.push({ lo: item.cp, hi: hi.cp });
        continue;
      }
      if (hi === undefined) {
        c.pos = save;
      } else {
        items.push(item, { cp: 0x2d }, hi);
        continue;
      }
    }
    items.push(item);
  }
  return emit(items, negated, mode);
}

function fail(): never {
  throw unsupported('[:upper:] or [:lower:] in a case-sensitive part of a case-insensitive pattern');
}
