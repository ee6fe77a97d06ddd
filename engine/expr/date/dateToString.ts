// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateToString/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { ISO_FORMAT_LOCAL, ISO_FORMAT_Z, formatDate, formatError } from './_format';
import { docsUrl } from '../_shared/docs';
import { namedArgs, optExpr } from '../_shared/args';
import { isNullish, repr } from '../_shared/values';
import { coerceDate, compileTimezone, dateArgMessages, isConstant } from './_internal';

/** $dateToString */
export const $dateToString: ExprOperator = {
  name: '$dateToString',
  category: 'date',
  summary: 'Formats a date as a string with % specifiers, in a time zone.',
  docsUrl: docsUrl('dateToString'),
  syntax: '{ $dateToString: { date: <date>, format: <string>, timezone: <tz>, onNull: <expression> } }',
  snippet: '{ "date": "${1:\\$date}", "format": "${2:%Y-%m-%d}" }',
  examples: [
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $dateToString: { date: '$d' } }, expected: '2014-01-01T08:15:39.736Z' },
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $dateToString: { date: '$d', format: '%H:%M:%S:%L%z', timezone: 'America/New_York' } }, expected: '03:15:39:736-0500' },
    { doc: {}, expr: { $dateToString: { date: '$missing', onNull: 'none' } }, expected: 'none' },
  ],
  compile(arg, c, path) {
    const a = namedArgs(c, path, arg, '$dateToString', ['date', 'format', 'timezone', 'onNull'], ['date'], dateArgMessages('$dateToString'));
    if (!a) return () => null;
    const date = c.expr(a['date'], [...path, 'date']);
    const fmtSpec = a['format'];
    if (fmtSpec !== undefined && isConstant(fmtSpec) && fmtSpec !== null) {
      if (typeof fmtSpec !== 'string') {
        return c.error([...path, 'format'], `$dateToString requires that 'format' be a string, found: ${typeName(fmtSpec)} with value ${repr(fmtSpec)}`, 'ASP413');
      }
      const err = formatError(fmtSpec, false);
      if (err) return c.error([...path, 'format'], err, 'ASP413');
    }
    const format = optExpr(c, path, a, 'format');
    const tzOf = compileTimezone(a['timezone'], c, [...path, 'timezone']);
    const onNull = optExpr(c, path, a, 'onNull');
    const constFormat = typeof fmtSpec === 'string' && isConstant(fmtSpec) ? fmtSpec : undefined;
    return (ctx) => {
      const d = date(ctx);
      let fmt: unknown;
      if (format) {
        fmt = constFormat ?? format(ctx);
        if (!isNullish(fmt) && constFormat === undefined) {
          if (typeof fmt !== 'string') throw new ExprError(`$dateToString requires that 'format' be a string, found: ${typeName(fmt)} with value ${repr(fmt)}`);
          const err = formatError(fmt, false);
          if (err) throw new ExprError(err);
        }
      }
      const tz = tzOf(ctx);
      if (isNullish(d)) return onNull ? onNull(ctx) : null;
      if (tz === null) return null;
      if (format && isNullish(fmt)) return null;
      const ms = coerceDate(d);
      return formatDate(format ? (fmt as string) : tz.isUtc ? ISO_FORMAT_Z : ISO_FORMAT_LOCAL, ms, tz);
    };
  },
};
