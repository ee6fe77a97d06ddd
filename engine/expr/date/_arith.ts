/**
 * Calendar arithmetic shared by $dateAdd, $dateSubtract, $dateDiff and $dateTrunc. Units of a day
 * and longer move the local wall clock (so DST days are 23 or 25 hours); shorter units are
 * absolute durations.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateAdd/#behavior
 */
import type { Value } from '../../core/types';
import type { ExprOperator } from '../types';
import { ExprError } from '../../core/errors';
import { daysFromCivil, daysInMonth, localFromParts, MS_DAY, MS_HOUR, MS_MINUTE, weekday0 } from './_calendar';
import { docsUrl } from '../_shared/docs';
import { namedArgs } from '../_shared/args';
import { isNullish } from '../_shared/values';
import { compileParsed, compileTimezone, dateArgMessages, dateMs, integral64, localParts, parseUnit, type TimeUnit, toDate } from './_internal';
import type { TimeZone } from './_tz';

const FIXED_MS: Partial<Record<TimeUnit, number>> = { millisecond: 1, second: 1000, minute: MS_MINUTE, hour: MS_HOUR };
const MONTHS_PER: Partial<Record<TimeUnit, number>> = { month: 1, quarter: 3, year: 12 };

/** dateAdd(): `amount` units after `ms`; month ends clamp (Jan 31 + 1 month = Feb 28/29). */
export function addUnits(ms: number, unit: TimeUnit, amount: number, tz: TimeZone): number {
  const fixed = FIXED_MS[unit];
  if (fixed !== undefined) return ms + amount * fixed;
  if (unit === 'day' || unit === 'week') {
    const local = tz.isUtc ? ms : ms + tz.offset(ms);
    return tz.toUtc(local + amount * (unit === 'week' ? 7 : 1) * MS_DAY);
  }
  const p = localParts(ms, tz);
  const total = p.year * 12 + (p.month - 1) + amount * MONTHS_PER[unit]!;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const d = Math.min(p.day, daysInMonth(y, m));
  return tz.toUtc(localFromParts(y, m, d, p.hour, p.minute, p.second, p.millisecond));
}

function monthIndex(ms: number, tz: TimeZone): number {
  const p = localParts(ms, tz);
  return p.year * 12 + (p.month - 1);
}

function localDays(ms: number, tz: TimeZone): number {
  return Math.floor((tz.isUtc ? ms : ms + tz.offset(ms)) / MS_DAY);
}

/** dateDiff(): the number of unit boundaries crossed going from `a` to `b`. */
export function diffUnits(a: number, b: number, unit: TimeUnit, tz: TimeZone, startOfWeek: number): number {
  switch (unit) {
    case 'year': return localParts(b, tz).year - localParts(a, tz).year;
    case 'quarter': return Math.floor(monthIndex(b, tz) / 3) - Math.floor(monthIndex(a, tz) / 3);
    case 'month': return monthIndex(b, tz) - monthIndex(a, tz);
    case 'week': {
      const shift = 4 - startOfWeek;
      return Math.floor((localDays(b, tz) + shift) / 7) - Math.floor((localDays(a, tz) + shift) / 7);
    }
    case 'day': return localDays(b, tz) - localDays(a, tz);
    case 'hour': {
      // Hour boundaries sit where the zone's offset puts them (":30" in +05:30), in absolute time.
      const fa = tz.isUtc ? 0 : tz.offset(a) % MS_HOUR;
      const fb = tz.isUtc ? 0 : tz.offset(b) % MS_HOUR;
      return Math.floor((b + fb) / MS_HOUR) - Math.floor((a + fa) / MS_HOUR);
    }
    default: {
      const size = FIXED_MS[unit]!;
      return Math.floor(b / size) - Math.floor(a / size);
    }
  }
}

// Bins count from 2000-01-01T00:00 local time, as MongoDB's $dateTrunc does.
const REF_DAYS = daysFromCivil(2000, 1, 1);
const REF_MONTHS = 2000 * 12;

/** truncateDate(): the start of the `binSize`-unit bin holding `ms`. */
export function truncUnits(ms: number, unit: TimeUnit, binSize: number, tz: TimeZone, startOfWeek: number): number {
  const fixed = FIXED_MS[unit];
  const local = tz.isUtc ? ms : ms + tz.offset(ms);
  if (fixed !== undefined) {
    const size = fixed * binSize;
    const rel = local - REF_DAYS * MS_DAY;
    const start = Math.floor(rel / size) * size;
    return ms - (rel - start);
  }
  const months = MONTHS_PER[unit];
  if (months !== undefined) {
    const size = months * binSize;
    const rel = monthIndex(ms, tz) - REF_MONTHS;
    const start = REF_MONTHS + Math.floor(rel / size) * size;
    const y = Math.floor(start / 12);
    return tz.toUtc(localFromParts(y, start - y * 12 + 1, 1, 0, 0, 0, 0));
  }
  const days = Math.floor(local / MS_DAY);
  let ref = REF_DAYS;
  let size = binSize;
  if (unit === 'week') {
    ref = REF_DAYS + ((startOfWeek - weekday0(REF_DAYS) + 7) % 7);
    size = 7 * binSize;
  }
  const start = ref + Math.floor((days - ref) / size) * size;
  return tz.toUtc(start * MS_DAY);
}

/** $dateAdd and $dateSubtract differ only in the sign of `amount`. */
export function dateArithmetic(op: '$dateAdd' | '$dateSubtract', sign: 1 | -1, summary: string, examples: ExprOperator['examples']): ExprOperator {
  return {
    name: op,
    category: 'date',
    summary,
    docsUrl: docsUrl(op.slice(1)),
    syntax: `{ ${op}: { startDate: <date>, unit: <unit>, amount: <integer>, timezone: <tz> } }`,
    snippet: '{ "startDate": "${1:\\$date}", "unit": "${2|year,quarter,month,week,day,hour,minute,second,millisecond|}", "amount": ${3:1} }',
    examples,
    compile(arg, c, path) {
      const a = namedArgs(c, path, arg, op, ['startDate', 'unit', 'amount', 'timezone'], ['startDate', 'unit', 'amount'], dateArgMessages(op, () => `${op} requires startDate, unit, and amount to be present`));
      if (!a) return () => null;
      const start = c.expr(a['startDate'], [...path, 'startDate']);
      const unitOf = compileParsed(a['unit'], c, [...path, 'unit'], (v) => parseUnit(v, op));
      const amountOf = c.expr(a['amount'], [...path, 'amount']);
      const tzOf = compileTimezone(a['timezone'], c, [...path, 'timezone']);
      return (ctx) => {
        const d: Value = start(ctx);
        if (isNullish(d)) return null;
        const unit = unitOf(ctx);
        if (unit === null) return null;
        const amount: Value = amountOf(ctx);
        if (isNullish(amount)) return null;
        const tz = tzOf(ctx);
        if (tz === null) return null;
        const ms = dateMs(d);
        if (Number.isNaN(ms)) throw new ExprError(`${op} requires startDate to be convertible to a date`);
        const n = integral64(amount);
        if (n === undefined) throw new ExprError(`${op} expects integer amount of time units`);
        return toDate(addUnits(ms, unit, sign * n, tz), op);
      };
    },
  };
}
