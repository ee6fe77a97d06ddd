/**
 * Date-string parsing for $dateFromString and $convert/$toDate: ISO 8601 and the common
 * timelib forms without a format, and MongoDB's `%` specifiers with one.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateFromString/
 */
import { ExprError } from '../../core/errors';
import { daysFromCivil, daysFromIso, daysInMonth, localFromParts, MS_DAY } from './_calendar';
import { MONTHS } from './_format';
import { parseTimeZone, type TimeZone } from './_tz';

/** Error code of failures that `onError` catches (MongoDB's ConversionFailure). */
export const CONVERSION_FAILURE = 'ConversionFailure';

export function conversionFailure(message: string): ExprError {
  return new ExprError(message, CONVERSION_FAILURE);
}

interface Fields {
  year?: number; month?: number; day?: number; doy?: number;
  isoYear?: number; isoWeek?: number; isoDow?: number;
  hour: number; minute: number; second: number; ms: number;
  /** Offset parsed from the string, in ms, or a named zone. */
  offset?: number; zone?: TimeZone;
}

function fields(): Fields {
  return { hour: 0, minute: 0, second: 0, ms: 0 };
}

class Fail {
  constructor(readonly pos: number, readonly msg: string) {}
}

const MONTH_INDEX = new Map<string, number>();
MONTHS.forEach((m, i) => {
  MONTH_INDEX.set(m.toLowerCase(), i + 1);
  MONTH_INDEX.set(m.slice(0, 3).toLowerCase(), i + 1);
});

const DATE_RES: [RegExp, (m: RegExpExecArray, f: Fields) => void][] = [
  [/^(\d{4})-(\d{1,2})-(\d{1,2})/, (m, f) => { f.year = +m[1]!; f.month = +m[2]!; f.day = +m[3]!; }],
  [/^(\d{4})\/(\d{1,2})\/(\d{1,2})/, (m, f) => { f.year = +m[1]!; f.month = +m[2]!; f.day = +m[3]!; }],
  [/^(\d{4})-W(\d{2})-?(\d)/, (m, f) => { f.isoYear = +m[1]!; f.isoWeek = +m[2]!; f.isoDow = +m[3]!; }],
  [/^(\d{4})(\d{2})(\d{2})(?=T|$)/, (m, f) => { f.year = +m[1]!; f.month = +m[2]!; f.day = +m[3]!; }],
  [/^(\d{1,2})\/(\d{1,2})\/(\d{4})/, (m, f) => { f.month = +m[1]!; f.day = +m[2]!; f.year = +m[3]!; }],
  [/^([A-Za-z]+)\.? +(\d{1,2})(?:st|nd|rd|th)?,? +(\d{4})/, (m, f) => { f.month = monthNo(m[1]!); f.day = +m[2]!; f.year = +m[3]!; }],
  [/^(\d{1,2}) +([A-Za-z]+)\.? +(\d{4})/, (m, f) => { f.day = +m[1]!; f.month = monthNo(m[2]!); f.year = +m[3]!; }],
];

function monthNo(name: string): number {
  const n = MONTH_INDEX.get(name.toLowerCase());
  if (n === undefined) throw new Fail(0, 'The timezone could not be found in the database');
  return n;
}

// The seconds may follow the minutes after ':' or '.' ("11:56.02"), as timelib reads them.
const TIME_RE = /^[T ](\d{1,2}):(\d{2})(?:[:.](\d{2})(?:[.,](\d+))?)?/;
const OFFSET_RE = /^([+-])(\d{1,2})(?::?(\d{2}))?/;

const HOUR = 3_600_000;
/** Time zone abbreviations timelib knows, for the common ones (offset in hours). */
const ABBREVIATIONS: Record<string, number> = {
  UTC: 0, GMT: 0, UT: 0, WET: 0, WEST: 1, BST: 1, CET: 1, CEST: 2, MET: 1, MEST: 2, EET: 2, EEST: 3,
  MSK: 3, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, AKST: -9, AKDT: -8,
  HST: -10, JST: 9, KST: 9, AEST: 10, AEDT: 11, ACST: 9.5, ACDT: 10.5, AWST: 8, NZST: 12, NZDT: 13,
};

/** Military zones: A-I = +1..+9, K-M = +10..+12, N-Y = -1..-12, Z = UTC (J is local time); upper case only here. */
function militaryOffset(letter: string): number | undefined {
  const c = letter.charCodeAt(0);
  if (c === 90) return 0;
  if (c >= 65 && c <= 73) return (c - 64) * HOUR;
  if (c >= 75 && c <= 77) return (c - 65) * HOUR;
  if (c >= 78 && c <= 89) return -(c - 77) * HOUR;
  return undefined;
}

/**
 * A UTC offset or zone abbreviation at `s[pos]` (after an optional space): "Z", "+03", "+0330",
 * "+03:30", "GMT+02:00", "UTC", "CEST", military letters. Returns the offset and the end index.
 */
function parseOffsetText(s: string, pos: number): { offset: number; end: number } | undefined {
  let i = s[pos] === ' ' ? pos + 1 : pos;
  const word = /^[A-Za-z]+/.exec(s.slice(i))?.[0];
  let base: number | undefined;
  if (word !== undefined) {
    const upper = word.toUpperCase();
    if (upper in ABBREVIATIONS) base = ABBREVIATIONS[upper]! * HOUR;
    else if (word.length === 1) base = militaryOffset(word);
    if (base === undefined) return undefined;
    i += word.length;
    // "GMT+02:00": an offset may follow GMT/UTC.
    if (upper !== 'GMT' && upper !== 'UTC') return { offset: base, end: i };
  }
  const o = OFFSET_RE.exec(s.slice(i));
  if (!o) return base === undefined ? undefined : { offset: base, end: i };
  const off = (+o[2]! * 60 + (o[3] === undefined ? 0 : +o[3])) * 60_000;
  return { offset: (base ?? 0) + (o[1] === '-' ? -off : off), end: i + o[0].length };
}

function parseZoneSuffix(rest: string, pos: number, f: Fields): void {
  if (rest.length === 0) return;
  const o = parseOffsetText(rest, 0);
  if (o && o.end === rest.length) {
    f.offset = o.offset;
    return;
  }
  if (rest[0] === ' ') {
    const zone = parseTimeZone(rest.slice(1));
    if (zone) {
      f.zone = zone;
      return;
    }
    throw new Fail(pos + 1, 'The timezone could not be found in the database');
  }
  throw new Fail(pos, 'Unexpected character');
}

function parseFree(s: string): Fields {
  const f = fields();
  let pos = 0;
  let matched = false;
  for (const [re, set] of DATE_RES) {
    const m = re.exec(s);
    if (m) {
      set(m, f);
      pos = m[0].length;
      matched = true;
      break;
    }
  }
  if (!matched) {
    const c = s.charCodeAt(0);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    throw new Fail(0, letter ? 'The timezone could not be found in the database' : 'Unexpected character');
  }
  const t = TIME_RE.exec(s.slice(pos));
  if (t) {
    f.hour = +t[1]!;
    f.minute = +t[2]!;
    f.second = t[3] === undefined ? 0 : +t[3];
    f.ms = t[4] === undefined ? 0 : Math.floor(Number('0.' + t[4]) * 1000 + 1e-9);
    pos += t[0].length;
  }
  parseZoneSuffix(s.slice(pos), pos, f);
  return f;
}

function digits(s: string, pos: number, min: number, max: number, what: string): [number, number] {
  let end = pos;
  while (end < s.length && end - pos < max && s.charCodeAt(end) >= 48 && s.charCodeAt(end) <= 57) end++;
  if (end - pos < min) throw new Fail(pos, `${what} could not be found`);
  return [Number(s.slice(pos, end)), end];
}

function parseWithFormat(s: string, format: string): Fields {
  const f = fields();
  let pos = 0;
  for (let i = 0; i < format.length; i++) {
    const fc = format[i]!;
    if (fc !== '%') {
      if (s[pos] !== fc) throw new Fail(pos, pos >= s.length ? 'Data missing' : 'The separation symbol could not be found');
      pos++;
      continue;
    }
    const spec = format[++i];
    let n: number;
    switch (spec) {
      case 'Y': [n, pos] = digits(s, pos, 4, 4, 'A four digit year'); f.year = n; break;
      case 'm': [n, pos] = digits(s, pos, 1, 2, 'A two digit month'); f.month = n; break;
      case 'd': [n, pos] = digits(s, pos, 1, 2, 'A two digit day'); f.day = n; break;
      case 'H': [n, pos] = digits(s, pos, 1, 2, 'A two digit hour'); f.hour = n; break;
      case 'M': [n, pos] = digits(s, pos, 1, 2, 'A two digit minute'); f.minute = n; break;
      case 'S': [n, pos] = digits(s, pos, 1, 2, 'A two digit second'); f.second = n; break;
      case 'L': {
        // Digits after the point: ".81" is 810 ms (jstests/aggregation/expressions/date_from_string.js).
        const start = pos;
        [n, pos] = digits(s, pos, 1, 3, 'A three digit millisecond');
        f.ms = n * 10 ** (3 - (pos - start));
        break;
      }
      case 'j': [n, pos] = digits(s, pos, 1, 3, 'A three digit day-of-year'); f.doy = n; break;
      case 'G': [n, pos] = digits(s, pos, 4, 4, 'A four digit ISO year'); f.isoYear = n; break;
      case 'V': [n, pos] = digits(s, pos, 1, 2, 'A two digit ISO week'); f.isoWeek = n; break;
      case 'u': [n, pos] = digits(s, pos, 1, 1, 'A single digit day of week'); f.isoDow = n; break;
      case 'b':
      case 'B': {
        const m = /^[A-Za-z]+/.exec(s.slice(pos));
        const no = m ? MONTH_INDEX.get(m[0].toLowerCase()) : undefined;
        if (!m || no === undefined) throw new Fail(pos, 'A textual month could not be found');
        f.month = no;
        pos += m[0].length;
        break;
      }
      case 'z': {
        const o = parseOffsetText(s, pos);
        if (!o) throw new Fail(pos, 'The timezone could not be found in the database');
        f.offset = o.offset;
        pos = o.end;
        break;
      }
      case 'Z': {
        // Minutes from UTC; $dateToString writes them without a '+'.
        const m = /^([+-]?)(\d{1,4})/.exec(s.slice(pos));
        if (!m) throw new Fail(pos, 'The timezone could not be found in the database');
        f.offset = (m[1] === '-' ? -1 : 1) * +m[2]! * 60_000;
        pos += m[0].length;
        break;
      }
      case '%':
        if (s[pos] !== '%') throw new Fail(pos, 'The escaped character could not be found');
        pos++;
        break;
    }
  }
  if (pos < s.length) throw new Fail(pos, 'Trailing data');
  return f;
}

/**
 * TimeZoneDatabase::fromString: the instant a date string denotes. `tzGiven` is true when the
 * user passed a `timezone` argument (a zone in the string then conflicts with it).
 */
export function parseDateString(s: string, tz: TimeZone, tzGiven: boolean, format?: string): number {
  let f: Fields;
  try {
    f = format === undefined ? parseFree(s.trim()) : parseWithFormat(s, format);
  } catch (e) {
    if (e instanceof Fail) throw conversionFailure(`Error parsing date string '${s}'; ${e.pos}: ${e.msg}`);
    throw e;
  }
  let days: number;
  if (f.isoYear !== undefined) {
    days = daysFromIso(f.isoYear, f.isoWeek ?? 1, f.isoDow ?? 1);
  } else if (f.year !== undefined && f.doy !== undefined) {
    days = daysFromCivil(f.year, 1, 1) + f.doy - 1;
  } else if (f.year !== undefined) {
    const month = f.month ?? 1;
    const day = f.day ?? 1;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(f.year, month)) {
      throw conversionFailure(`Error parsing date string '${s}'; ${s.length}: The parsed date was invalid`);
    }
    days = daysFromCivil(f.year, month, day);
  } else {
    throw conversionFailure(`an incomplete date/time string has been found, with elements missing: "${s}"`);
  }
  if (f.hour > 24 || f.minute > 59 || f.second > 59) {
    throw conversionFailure(`Error parsing date string '${s}'; ${s.length}: The parsed time was invalid`);
  }
  const local = localFromParts(1970, 1, 1, f.hour, f.minute, f.second, f.ms) + days * MS_DAY;
  const hasZone = f.offset !== undefined || f.zone !== undefined;
  if (hasZone && tzGiven && !tz.isUtc) {
    throw conversionFailure(`you cannot pass in a date/time string with time zone information ('${s}') together with a second time zone argument`);
  }
  if (f.offset !== undefined) return local - f.offset;
  if (f.zone) return f.zone.toUtc(local);
  return tz.toUtc(local);
}
