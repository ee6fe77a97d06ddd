// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateFromParts/
import { ExprError } from '../../core/errors';
import type { Value } from '../../core/types';
import { typeName } from '../../bson/types';
import type { EvalCtx, Expr, ExprOperator } from '../types';
import { daysFromIso, localFromParts, MS_DAY } from './_calendar';
import { docsUrl } from '../_shared/docs';
import { namedArgs } from '../_shared/args';
import { isNullish, repr } from '../_shared/values';
import { compileTimezone, dateArgMessages, integral64Big, toDate } from './_internal';

const OP = '$dateFromParts';
const PART_MIN = -32768;
const PART_MAX = 32767;
const MAX_MS = (2n ** 63n - 1n) / 1000n;
const CALENDAR = ['year', 'month', 'day'];
const ISO = ['isoWeekYear', 'isoWeek', 'isoDayOfWeek'];
const TIME = ['hour', 'minute', 'second', 'millisecond'];

/** Sentinel for "a part evaluated to null or missing": the whole result is then null. */
const NULLISH = Symbol('nullish');

function part(f: Expr | undefined, name: string, dflt: number, bounded: boolean, ctx: EvalCtx): number | typeof NULLISH {
  if (!f) return dflt;
  const v: Value = f(ctx);
  if (isNullish(v)) return NULLISH;
  const big = integral64Big(v);
  if (big === undefined) throw new ExprError(`'${name}' must evaluate to an integer, found ${typeName(v)} with value ${repr(v)}`);
  // MongoDB converts seconds to milliseconds and milliseconds to microseconds as 64-bit counts
  // (duration_cast), so a count beyond 2^63 / 1000 overflows
  // (jstests/aggregation/expressions/date_from_parts.js: millisecond 2^54 and 2^63 - 1).
  if ((name === 'millisecond' || name === 'second') && (big > MAX_MS || big < -MAX_MS)) {
    throw new ExprError('Overflow casting from a lower-precision duration to a higher-precision duration', 'DurationOverflow');
  }
  const n = Number(big);
  if (bounded && (n < PART_MIN || n > PART_MAX)) {
    throw new ExprError(`'${name}' must evaluate to a value in the range [${PART_MIN}, ${PART_MAX}]; value ${n} is not in range`);
  }
  return n;
}

/** $dateFromParts */
export const $dateFromParts: ExprOperator = {
  name: OP,
  category: 'date',
  summary: 'Builds a date from calendar parts (year, month, day, ...) or ISO 8601 week-date parts, in a time zone.',
  docsUrl: docsUrl('dateFromParts'),
  syntax: '{ $dateFromParts: { year: <n>, month: <n>, day: <n>, hour: <n>, minute: <n>, second: <n>, millisecond: <n>, timezone: <tz> } }  or  { $dateFromParts: { isoWeekYear: <n>, isoWeek: <n>, isoDayOfWeek: <n>, ... } }',
  snippet: '{ "year": ${1:2024}, "month": ${2:1}, "day": ${3:1} }',
  examples: [
    { doc: {}, expr: { $dateFromParts: { year: 2017, month: 2, day: 8, hour: 12 } }, expected: new Date('2017-02-08T12:00:00Z') },
    { doc: {}, expr: { $dateFromParts: { isoWeekYear: 2017, isoWeek: 6, isoDayOfWeek: 3, hour: 12 } }, expected: new Date('2017-02-08T12:00:00Z') },
    { doc: {}, expr: { $dateFromParts: { year: 2016, month: 12, day: 31, hour: 23, minute: 46, second: 12, timezone: 'America/New_York' } }, expected: new Date('2017-01-01T04:46:12Z') },
  ],
  compile(arg, c, path) {
    const a = namedArgs(c, path, arg, OP, [...CALENDAR, ...TIME, ...ISO, 'timezone'], [], dateArgMessages(OP));
    if (!a) return () => null;
    const has = (k: string): boolean => a[k] !== undefined;
    if (!has('year') && !has('isoWeekYear')) return c.error(path, `${OP} requires either 'year' or 'isoWeekYear' to be present`, 'ASP411');
    if (has('year') && ISO.some(has)) return c.error(path, `${OP} does not allow mixing natural dates with ISO dates`, 'ASP411');
    if (has('isoWeekYear') && CALENDAR.some(has)) return c.error(path, `${OP} does not allow mixing ISO dates with natural dates`, 'ASP411');
    const e = (k: string): Expr | undefined => (has(k) ? c.expr(a[k], [...path, k]) : undefined);
    const [year, month, day, isoYear, isoWeek, isoDow] = [e('year'), e('month'), e('day'), e('isoWeekYear'), e('isoWeek'), e('isoDayOfWeek')];
    const [hour, minute, second, millisecond] = [e('hour'), e('minute'), e('second'), e('millisecond')];
    const tzOf = compileTimezone(a['timezone'], c, [...path, 'timezone']);
    const iso = !has('year');
    return (ctx) => {
      const h = part(hour, 'hour', 0, true, ctx);
      const mi = part(minute, 'minute', 0, true, ctx);
      const s = part(second, 'second', 0, false, ctx);
      const ms = part(millisecond, 'millisecond', 0, false, ctx);
      if (h === NULLISH || mi === NULLISH || s === NULLISH || ms === NULLISH) return null;
      const tz = tzOf(ctx);
      if (tz === null) return null;
      let local: number;
      if (!iso) {
        const y = part(year, 'year', 1970, false, ctx);
        const mo = part(month, 'month', 1, true, ctx);
        const d = part(day, 'day', 1, true, ctx);
        if (y === NULLISH || mo === NULLISH || d === NULLISH) return null;
        if (y < 1 || y > 9999) throw new ExprError(`'year' must evaluate to an integer in the range 1 to 9999, found ${y}`);
        local = localFromParts(y, mo, d, h, mi, s, ms);
      } else {
        const y = part(isoYear, 'isoWeekYear', 1970, false, ctx);
        const w = part(isoWeek, 'isoWeek', 1, true, ctx);
        const d = part(isoDow, 'isoDayOfWeek', 1, true, ctx);
        if (y === NULLISH || w === NULLISH || d === NULLISH) return null;
        if (y < 1 || y > 9999) throw new ExprError(`'isoWeekYear' must evaluate to an integer in the range 1 to 9999, found ${y}`);
        local = daysFromIso(y, w, d) * MS_DAY + localFromParts(1970, 1, 1, h, mi, s, ms);
      }
      return toDate(tz.toUtc(local), OP);
    };
  },
};
