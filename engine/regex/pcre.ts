/**
 * PCRE2 → JavaScript translation. MongoDB compiles every pattern with PCRE2 in UTF mode (no
 * UCP); this parser reads that dialect and writes a `v`-flag JavaScript pattern with the same
 * meaning: `.`, `^`, `$`, `\s` and friends are spelled out (their JS meanings differ), inline
 * flags become the pattern's flags or per-letter case sets, `\A \z \Z` become anchors, and atomic
 * groups / possessive quantifiers become a lookahead holding a named group plus a back
 * reference to it (the standard exact emulation). What has no exact equivalent (recursion,
 * conditionals, `\G`, `\K`, ...) raises an "unsupported" PcreError.
 * https://www.pcre.org/current/doc/html/pcre2pattern.html
 */
import { parseClass, readProperty, numericEscape, type CaseMode, type Cursor } from './charClass';
import { countGroups, FLAG_RE, NAME_RE, QUANT_RE, readQuantifier, X_SPACE } from './scan';
import { asciiCaseSet, classCharText, classEscapeSet, isAsciiLetter, isCased, literalText, PcreError, unsupported, V_SPACE } from './chars';

export { PcreError } from './chars';

export interface PcreOptions {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
}

export interface JsPattern {
  source: string;
  ignoreCase: boolean;
  /** For each PCRE capture group, in PCRE's numbering: the JS group index or name to read. */
  groups: (number | string)[];
}

interface Flags extends PcreOptions {
  n: boolean;
  U: boolean;
}

/** `assert` cannot take a quantifier; `look` (lookaround) can, once wrapped; `none` emits nothing. */
interface Atom {
  text: string;
  kind: 'q' | 'look' | 'assert' | 'none';
  /** Text before the quantifiable part (`\Qabc\E*` quantifies only the `c`). */
  prefix?: string;
}

const OPEN = '\u0000O';
const REF = '\u0000R';

class Translator implements Cursor {
  pos = 0;
  private flags: Flags;
  private ignoreCase: boolean;
  private depth = 0;
  private emitted = false;
  private userGroups = 0;
  private readonly names: (string | undefined)[] = [];
  private synth = 0;
  private readonly total: number;
  private readonly refs: { k?: number; name?: string }[] = [];

  constructor(readonly src: string, opts: PcreOptions) {
    this.flags = { ...opts, n: false, U: false };
    this.ignoreCase = opts.i;
    this.total = countGroups(src);
  }

  run(): JsPattern {
    const body = this.alternation();
    if (this.pos < this.src.length) throw new PcreError('unmatched closing parenthesis');
    return this.finish(body);
  }

  private finish(body: string): JsPattern {
    const named = this.synth > 0;
    const nameOf = (k: number): string | undefined => this.names[k - 1] ?? (named ? `$${k}` : undefined);
    let source = body.replace(/\u0000O(\d+)\u0000/g, (_m, k: string) => {
      const name = nameOf(Number(k));
      return name === undefined ? '(' : `(?<${name}>`;
    });
    source = source.replace(/\u0000R(\d+)\u0000/g, (_m, i: string) => {
      const ref = this.refs[Number(i)]!;
      const k = ref.name !== undefined ? this.names.indexOf(ref.name) + 1 : ref.k!;
      if (k < 1 || k > this.userGroups) throw new PcreError('reference to non-existent subpattern');
      const name = nameOf(k);
      return name === undefined ? `(?:\\${k})` : `\\k<${name}>`;
    });
    const groups: (number | string)[] = [];
    for (let k = 1; k <= this.userGroups; k++) groups.push(named ? nameOf(k)! : k);
    return { source, ignoreCase: this.ignoreCase, groups };
  }

  private caseMode(): CaseMode {
    if (this.flags.i === this.ignoreCase) return 'native';
    return this.flags.i ? 'fold' : 'strict';
  }

  private skipExtended(): void {
    if (!this.flags.x) return;
    for (;;) {
      const ch = this.src[this.pos];
      if (ch !== undefined && X_SPACE.test(ch)) {
        this.pos++;
      } else if (ch === '#') {
        const end = this.src.indexOf('\n', this.pos);
        this.pos = end < 0 ? this.src.length : end + 1;
      } else {
        return;
      }
    }
  }

  private alternation(): string {
    let out = this.branch();
    while (this.src[this.pos] === '|') {
      this.pos++;
      out += '|' + this.branch();
    }
    return out;
  }

  private branch(): string {
    let out = '';
    for (;;) {
      this.skipExtended();
      const ch = this.src[this.pos];
      if (ch === undefined || ch === '|' || ch === ')') return out;
      out += this.term();
    }
  }

  private term(): string {
    const atom = this.atom();
    if (atom.kind === 'none') return atom.prefix ?? '';
    this.emitted = true;
    this.skipExtended();
    const q = readQuantifier(this);
    const prefix = atom.prefix ?? '';
    if (!q) return prefix + atom.text;
    if (atom.kind === 'assert') throw new PcreError('quantifier does not follow a repeatable item');
    const base = atom.kind === 'look' ? `(?:${atom.text})` : atom.text;
    this.skipExtended();
    if (/^[*+?]/.test(this.src.slice(this.pos)) || QUANT_RE.test(this.src.slice(this.pos))) {
      throw new PcreError('quantifier does not follow a repeatable item');
    }
    if (q.possessive) {
      const name = `$a${++this.synth}`;
      return `${prefix}(?=(?<${name}>${base}${q.text}))\\k<${name}>`;
    }
    return prefix + base + q.text + (q.lazy !== this.flags.U ? '?' : '');
  }

  private atom(): Atom {
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    switch (cp) {
      case 0x28: return this.group();
      case 0x5b: return { text: parseClass(this, this.caseMode()), kind: 'q' };
      case 0x2e: return { text: this.flags.s ? '[\\s\\S]' : '[^\\n]', kind: 'q' };
      // PCRE's ^ and $ know only \n as a newline, and $ also matches before a final \n.
      case 0x5e: return { text: this.flags.m ? '(?:^|(?<=\\n)(?=[\\s\\S]))' : '^', kind: 'assert' };
      case 0x24: return { text: this.flags.m ? '(?=\\n|$)' : '(?=\\n?$)', kind: 'assert' };
      case 0x5c: return this.escape();
      case 0x2a: case 0x2b: case 0x3f:
        throw new PcreError('quantifier does not follow a repeatable item');
      case 0x7b:
        if (QUANT_RE.test(this.src.slice(this.pos - 1))) throw new PcreError('quantifier does not follow a repeatable item');
        return this.literal(cp);
      default:
        return this.literal(cp);
    }
  }

  private literal(cp: number): Atom {
    const mode = this.caseMode();
    if (mode !== 'native' && isCased(cp)) {
      if (mode === 'strict') throw unsupported('a case-sensitive part of a case-insensitive pattern');
      if (!isAsciiLetter(cp)) throw unsupported('a non-ASCII letter in a part of a pattern with its own case-insensitivity');
      return { text: '[' + asciiCaseSet(cp).map(classCharText).join('') + ']', kind: 'q' };
    }
    return { text: literalText(cp), kind: 'q' };
  }

  private escape(): Atom {
    const ch = this.src[this.pos];
    if (ch === undefined) throw new PcreError('\\ at end of pattern');
    this.pos++;
    switch (ch) {
      case 'A': return { text: '^', kind: 'assert' };
      case 'z': return { text: '$', kind: 'assert' };
      case 'Z': return { text: '(?=\\n?$)', kind: 'assert' };
      case 'b': case 'B': return { text: '\\' + ch, kind: 'assert' };
      case 'G': case 'K': case 'X': case 'C':
        throw unsupported(`\\${ch}`);
      case 'R': return { text: `(?:\\r\\n|[${V_SPACE}])`, kind: 'q' };
      case 'N':
        if (this.src[this.pos] === '{') throw unsupported('\\N{name}');
        return { text: '[^\\n]', kind: 'q' };
      case 'p': case 'P': {
        const text = readProperty(this, ch === 'P');
        if (this.caseMode() === 'strict') throw unsupported('\\p{..} in a case-sensitive part of a case-insensitive pattern');
        return { text, kind: 'q' };
      }
      case 'Q': return this.quoted();
      case 'E': return { text: '', kind: 'none' };
      case 'g': return this.gReference();
      case 'k': return this.kReference();
    }
    const set = classEscapeSet(ch);
    if (set !== undefined) return { text: set, kind: 'q' };
    if (ch >= '1' && ch <= '9') {
      const start = this.pos;
      let end = start;
      while (/[0-9]/.test(this.src[end] ?? '')) end++;
      const n = Number(ch + this.src.slice(start, end));
      if (ch === '8' || ch === '9' || n < 10 || n <= this.total) {
        this.pos = end;
        return this.reference({ k: n });
      }
    }
    const code = numericEscape(this, ch);
    if (code !== undefined) return this.literal(code);
    if (/[A-Za-z0-9]/.test(ch)) throw new PcreError('unrecognized character follows \\');
    this.pos--;
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return this.literal(cp);
  }

  private quoted(): Atom {
    const end = this.src.indexOf('\\E', this.pos);
    const lit = [...(end < 0 ? this.src.slice(this.pos) : this.src.slice(this.pos, end))];
    this.pos = end < 0 ? this.src.length : end + 2;
    if (lit.length === 0) return { text: '', kind: 'none' };
    const texts = lit.map((s) => this.literal(s.codePointAt(0)!).text);
    return { text: texts.pop()!, kind: 'q', prefix: texts.join('') };
  }

  private reference(ref: { k?: number; name?: string }): Atom {
    if (this.caseMode() !== 'native') throw unsupported('a back reference in a part of a pattern with its own case-insensitivity');
    this.refs.push(ref);
    return { text: `${REF}${this.refs.length - 1}\u0000`, kind: 'q' };
  }

  private gReference(): Atom {
    const rest = this.src.slice(this.pos);
    if (rest[0] === '<' || rest[0] === "'") throw unsupported('subroutine calls (\\g<..>)');
    const m = /^\{(-?\d+|[A-Za-z_]\w*)\}|^(-?\d+)/.exec(rest);
    if (!m) throw new PcreError('\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number');
    this.pos += m[0].length;
    const v = m[1] ?? m[2]!;
    if (!/^-?\d+$/.test(v)) return this.reference({ name: v });
    const n = Number(v);
    if (n === 0) throw new PcreError('a numbered reference must not be zero');
    return this.reference({ k: n < 0 ? this.userGroups + n + 1 : n });
  }

  private kReference(): Atom {
    const m = /^<([A-Za-z_]\w*)>|^'([A-Za-z_]\w*)'|^\{([A-Za-z_]\w*)\}/.exec(this.src.slice(this.pos));
    if (!m) throw new PcreError('\\k is not followed by a braced, angle-bracketed, or quoted name');
    this.pos += m[0].length;
    return this.reference({ name: m[1] ?? m[2] ?? m[3]! });
  }

  /** After `(`: every group form; returns the atom for the whole group. */
  private group(): Atom {
    const saved = this.flags;
    let open: string;
    let kind: Atom['kind'] = 'q';
    let atomic = false;
    const rest = this.src.slice(this.pos);
    if (rest[0] === '*') return this.verb();
    if (rest[0] === '?') {
      this.pos++;
      const r = rest.slice(1);
      if (r.startsWith(':')) {
        open = '(?:';
        this.pos++;
      } else if (r.startsWith('=') || r.startsWith('!') || r.startsWith('<=') || r.startsWith('<!')) {
        open = '(?' + (r[0] === '<' ? r.slice(0, 2) : r[0]);
        this.pos += open.length - 2;
        kind = 'look';
      } else if (r.startsWith('>')) {
        open = '(?:';
        this.pos++;
        atomic = true;
      } else if (r.startsWith('#')) {
        const end = this.src.indexOf(')', this.pos);
        if (end < 0) throw new PcreError('missing ) after (?# comment');
        this.pos = end + 1;
        return { text: '', kind: 'none' };
      } else if (/^(?:<|'|P<)[A-Za-z_]/.test(r)) {
        this.pos += r[0] === 'P' ? 2 : 1;
        const m = NAME_RE.exec(this.src.slice(this.pos));
        const close = r[0] === "'" ? "'" : '>';
        if (!m || this.src[this.pos + m[0].length] !== close) throw new PcreError('syntax error in subpattern name (missing terminator?)');
        this.pos += m[0].length + 1;
        if (this.names.includes(m[0])) throw new PcreError('two named subpatterns have the same name (PCRE2_DUPNAMES not set)');
        this.names[this.userGroups] = m[0];
        open = `${OPEN}${++this.userGroups}\u0000`;
      } else if (r.startsWith('P=')) {
        const m = /^P=([A-Za-z_]\w*)\)/.exec(r);
        if (!m) throw new PcreError('syntax error in subpattern name (missing terminator?)');
        this.pos += m[0].length;
        return this.reference({ name: m[1]! });
      } else if (/^(?:P>|&|R\)|[+-]?\d)/.test(r)) {
        throw unsupported('recursion and subroutine calls');
      } else if (r.startsWith('(')) {
        throw unsupported('conditional groups');
      } else if (r.startsWith('|')) {
        throw unsupported('branch reset groups (?|...)');
      } else if (r.startsWith('C')) {
        throw unsupported('callouts');
      } else {
        return this.flagGroup();
      }
    } else if (this.flags.n) {
      open = '(?:';
    } else {
      this.names[this.userGroups] = undefined;
      open = `${OPEN}${++this.userGroups}\u0000`;
    }
    const inner = this.groupBody({ ...saved });
    if (atomic) {
      const name = `$a${++this.synth}`;
      return { text: `(?:(?=(?<${name}>${inner}))\\k<${name}>)`, kind: 'q' };
    }
    return { text: open + inner + ')', kind };
  }

  /** `(?i)`, `(?-i)`, `(?^)`, `(?i:...)`: option settings for the rest of the group or for one. */
  private flagGroup(): Atom {
    const m = FLAG_RE.exec(this.src.slice(this.pos))!;
    const after = this.src[this.pos + m[0].length];
    if (after !== ')' && after !== ':') throw new PcreError('unrecognized character after (? or (?-');
    const on = m[2]!;
    const off = m[3] ?? '';
    if ((on + off).includes('J')) throw unsupported('duplicate group names (?J)');
    if (/x.*x/.test(on)) throw unsupported('(?xx)');
    const flags: Flags = { ...this.flags };
    if (m[1] === '^') Object.assign(flags, { i: false, m: false, n: false, s: false, x: false });
    for (const f of on) flags[f as keyof Flags] = true;
    for (const f of off) flags[f as keyof Flags] = false;
    this.pos += m[0].length + 1;
    if (after === ')') {
      this.flags = flags;
      // Settings before anything else in the pattern apply to all of it: case goes to the JS flag.
      if (this.depth === 0 && !this.emitted) this.ignoreCase = flags.i;
      return { text: '', kind: 'none' };
    }
    return { text: `(?:${this.groupBody(flags)})`, kind: 'q' };
  }

  /** The alternatives of a group up to its `)`, under `flags`; the outer flags come back after. */
  private groupBody(flags: Flags): string {
    const saved = this.flags;
    this.flags = flags;
    this.depth++;
    const inner = this.alternation();
    this.depth--;
    this.flags = saved;
    if (this.src[this.pos] !== ')') throw new PcreError('missing closing parenthesis');
    this.pos++;
    return inner;
  }

  /** `(*VERB)`: (*FAIL) has an equivalent, (*UTF) at the start changes nothing here. */
  private verb(): Atom {
    const end = this.src.indexOf(')', this.pos);
    const name = end < 0 ? '' : this.src.slice(this.pos + 1, end);
    if (end < 0) throw new PcreError('(*VERB) not recognized or malformed');
    this.pos = end + 1;
    if (name === 'FAIL' || name === 'F') return { text: '(?!)', kind: 'assert' };
    if ((name === 'UTF' || name === 'UTF8') && this.depth === 0 && !this.emitted) return { text: '', kind: 'none' };
    throw unsupported(`(*${name})`);
  }
}

/** Translate a PCRE pattern with MongoDB's options; throws PcreError. */
export function translatePcre(pattern: string, options: PcreOptions): JsPattern {
  return new Translator(pattern, options).run();
}
