// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateToParts/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { isoDayOfWeek, isoWeek, isoWeekYear } from './_calendar';
import { docsUrl } from '../_shared/docs';
import { namedArgs, optExpr } from '../_shared/args';
import { isNullish } from '../_shared/values';
import { coerceDate, compileTimezone, dateArgMessages, localParts } from './_internal';

const OP = '$dateToParts';

/** $dateToParts */
export const $dateToParts: ExprOperator = {
  name: OP,
  category: 'date',
  summary: 'Returns a document with the parts of a date (calendar or ISO 8601 week date), in a time zone.',
  docsUrl: docsUrl('dateToParts'),
  syntax: '{ $dateToParts: { date: <date>, timezone: <tz>, iso8601: <boolean> } }',
  snippet: '{ "date": "${1:\\$date}" }',
  examples: [
    {
      doc: { d: new Date('2017-01-01T01:29:09.123Z') },
      expr: { $dateToParts: { date: '$d' } },
      expected: { year: 2017, month: 1, day: 1, hour: 1, minute: 29, second: 9, millisecond: 123 },
    },
    {
      doc: { d: new Date('2017-01-01T01:29:09.123Z') },
      expr: { $dateToParts: { date: '$d', iso8601: true } },
      expected: { isoWeekYear: 2016, isoWeek: 52, isoDayOfWeek: 7, hour: 1, minute: 29, second: 9, millisecond: 123 },
    },
    {
      doc: { d: new Date('2017-01-01T01:29:09.123Z') },
      expr: { $dateToParts: { date: '$d', timezone: 'America/New_York' } },
      expected: { year: 2016, month: 12, day: 31, hour: 20, minute: 29, second: 9, millisecond: 123 },
    },
  ],
  compile(arg, c, path) {
    const a = namedArgs(c, path, arg, OP, ['date', 'timezone', 'iso8601'], ['date'], dateArgMessages(OP));
    if (!a) return () => null;
    const date = c.expr(a['date'], [...path, 'date']);
    const tzOf = compileTimezone(a['timezone'], c, [...path, 'timezone']);
    const iso = optExpr(c, path, a, 'iso8601');
    return (ctx) => {
      const d = date(ctx);
      const tz = tzOf(ctx);
      if (tz === null) return null;
      let isoFlag = false;
      if (iso) {
        const v = iso(ctx);
        if (isNullish(v)) return null;
        if (typeof v !== 'boolean') throw new ExprError(`iso8601 must evaluate to a bool, found ${typeName(v)}`);
        isoFlag = v;
      }
      if (isNullish(d)) return null;
      const p = localParts(coerceDate(d), tz);
      if (isoFlag) {
        return {
          isoWeekYear: isoWeekYear(p.days), isoWeek: isoWeek(p.days), isoDayOfWeek: isoDayOfWeek(p.days),
          hour: p.hour, minute: p.minute, second: p.second, millisecond: p.millisecond,
        };
      }
      return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second, millisecond: p.millisecond };
    };
  },
};
