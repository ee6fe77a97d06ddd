/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), with no Date
 * objects and no allocation: results go into one reusable `Parts` record.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateToParts/
 */
import { civilFromDays as civil, daysFromCivil } from '../../time/civil';

export { daysFromCivil };

export const MS_DAY = 86_400_000;
export const MS_HOUR = 3_600_000;
export const MS_MINUTE = 60_000;

/** Local wall-clock fields of one instant. */
export interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Day number of the local date. */
  days: number;
}

export function newParts(): Parts {
  return { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0, days: 0 };
}

/** Fill `out` with the civil date of day number `days`. */
export function civilFromDays(days: number, out: Parts): Parts {
  civil(days, out);
  out.days = days;
  return out;
}

/** Fill `out` with every field of a local time given as ms since the epoch in local wall time. */
export function splitLocal(localMs: number, out: Parts): Parts {
  const days = Math.floor(localMs / MS_DAY);
  let rem = localMs - days * MS_DAY;
  civilFromDays(days, out);
  out.hour = Math.floor(rem / MS_HOUR);
  rem -= out.hour * MS_HOUR;
  out.minute = Math.floor(rem / MS_MINUTE);
  rem -= out.minute * MS_MINUTE;
  out.second = Math.floor(rem / 1000);
  out.millisecond = rem - out.second * 1000;
  return out;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday0(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** $dayOfWeek: 1 = Sunday ... 7 = Saturday. */
export function dayOfWeek(days: number): number {
  return weekday0(days) + 1;
}

/** $isoDayOfWeek: 1 = Monday ... 7 = Sunday. */
export function isoDayOfWeek(days: number): number {
  const w = weekday0(days);
  return w === 0 ? 7 : w;
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** $dayOfYear of a local date held in `p` (1-366). */
export function dayOfYear(p: Parts): number {
  return p.days - daysFromCivil(p.year, 1, 1) + 1;
}

/** $week (strftime %U): weeks start on Sunday; days before the year's first Sunday are week 0. */
export function week(p: Parts): number {
  const yday0 = p.days - daysFromCivil(p.year, 1, 1);
  return Math.floor((yday0 + 7 - weekday0(p.days)) / 7);
}

const scratch = newParts();

/** The ISO week-numbering year of day number `days`. */
export function isoWeekYear(days: number): number {
  const thursday = days - isoDayOfWeek(days) + 4;
  return civilFromDays(thursday, scratch).year;
}

/** The ISO week (1-53) of day number `days`. */
export function isoWeek(days: number): number {
  const thursday = days - isoDayOfWeek(days) + 4;
  const y = civilFromDays(thursday, scratch).year;
  return Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
}

/** Day number of an ISO (week-year, week, weekday) triple; out-of-range weeks and days carry over. */
export function daysFromIso(isoYear: number, isoWeekNo: number, isoDow: number): number {
  const jan4 = daysFromCivil(isoYear, 1, 4);
  const week1Monday = jan4 - isoDayOfWeek(jan4) + 1;
  return week1Monday + (isoWeekNo - 1) * 7 + (isoDow - 1);
}

/** Local ms of calendar parts where any field may overflow (month 14, day 0, hour -1 ...). */
export function localFromParts(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  const m0 = mo - 1;
  const yy = y + Math.floor(m0 / 12);
  const mm = ((m0 % 12) + 12) % 12 + 1;
  const days = daysFromCivil(yy, mm, 1) + (d - 1);
  return days * MS_DAY + h * MS_HOUR + mi * MS_MINUTE + s * 1000 + ms;
}
