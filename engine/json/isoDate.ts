/**
 * The UTC timestamps Extended JSON carries in `{"$date": "..."}`, read and written without the
 * engine's generic date parser and formatter (`new Date(text)` and `toISOString()` cost a few
 * hundred nanoseconds each, on every document of a stream that carries an event time).
 * Only the exact forms `YYYY-MM-DDTHH:MM:SSZ` and `YYYY-MM-DDTHH:MM:SS.sssZ` take the fast
 * path; any other text goes to `new Date(text)`, so the result is always what it returns.
 */
import { civilFromDays, daysFromCivil, type CivilDate } from '../time/civil';

const DAY_MS = 86_400_000;

/** Two decimal digits at `i`, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Milliseconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.sss]Z` for years 1970-9999, or NaN
 * when the text has another form (the caller then asks `new Date`). Day-of-month overflow
 * (`02-30`) rolls over, as `new Date` does.
 */
export function parseIsoUtc(s: string): number {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 /* Z */) return NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return NaN;
  const hi = two(s, 0);
  const lo = two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  const h = two(s, 11);
  const mi = two(s, 14);
  const sec = two(s, 17);
  if (hi < 19 || lo < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return NaN;
  const y = hi * 100 + lo;
  if (y < 1970) return NaN;
  let ms = 0;
  if (n === 24) {
    if (s.charCodeAt(19) !== 46 /* . */) return NaN;
    const a = two(s, 20);
    const c = s.charCodeAt(22) - 48;
    if (a < 0 || c < 0 || c > 9) return NaN;
    ms = a * 10 + c;
  }
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + sec) * 1000 + ms;
}

/** `new Date(text)` with the fast path for the common forms. */
export function dateFromText(s: string): Date {
  const t = parseIsoUtc(s);
  return new Date(t === t ? t : s);
}

const CIVIL: CivilDate = { year: 1970, month: 1, day: 1 };
const pad2 = (n: number): string => (n < 10 ? '0' + n : '' + n);

/** `YYYY-MM-DDTHH:MM:SS` of a whole second since the epoch (0 <= sec < 253402300800). */
function secondText(sec: number): string {
  const days = Math.floor(sec / 86400);
  let r = sec - days * 86400;
  const { year: y, month: m, day: d } = civilFromDays(days, CIVIL);
  const h = (r / 3600) | 0;
  r -= h * 3600;
  const mi = (r / 60) | 0;
  return `${y}-${pad2(m)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:${pad2(r - mi * 60)}`;
}

// Streams carry timestamps in order: consecutive documents mostly fall in the same second.
let lastSecond = NaN;
let lastSecondText = '';

/**
 * The relaxed Extended JSON text of a time in 1970-9999 (0 <= t <= 253402300799999):
 * `toISOString()` without a zero millisecond part ("2024-01-01T12:00:00Z").
 */
export function isoUtcText(t: number): string {
  const sec = Math.floor(t / 1000);
  const ms = t - sec * 1000;
  if (sec !== lastSecond) {
    lastSecondText = secondText(sec);
    lastSecond = sec;
  }
  if (ms === 0) return lastSecondText + 'Z';
  return lastSecondText + (ms < 10 ? '.00' : ms < 100 ? '.0' : '.') + ms + 'Z';
}
