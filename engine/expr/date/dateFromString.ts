// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateFromString/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { formatError } from './_format';
import { docsUrl } from '../_shared/docs';
import { namedArgs, optExpr } from '../_shared/args';
import { isNullish, repr } from '../_shared/values';
import { compileTimezone, dateArgMessages, isConstant } from './_internal';
import { CONVERSION_FAILURE, conversionFailure, parseDateString } from './_parse';

const OP = '$dateFromString';

/** $dateFromString */
export const $dateFromString: ExprOperator = {
  name: OP,
  category: 'date',
  summary: 'Parses a date/time string (ISO 8601 or a % format) into a date.',
  docsUrl: docsUrl('dateFromString'),
  syntax: '{ $dateFromString: { dateString: <string>, format: <string>, timezone: <tz>, onError: <expression>, onNull: <expression> } }',
  snippet: '{ "dateString": "${1:\\$date}" }',
  examples: [
    { doc: { s: '2017-02-08T12:10:40.787' }, expr: { $dateFromString: { dateString: '$s', timezone: 'America/New_York' } }, expected: new Date('2017-02-08T17:10:40.787Z') },
    { doc: { s: '15-06-2018' }, expr: { $dateFromString: { dateString: '$s', format: '%d-%m-%Y' } }, expected: new Date('2018-06-15T00:00:00Z') },
    { doc: { s: 'not a date' }, expr: { $dateFromString: { dateString: '$s', onError: 'bad' } }, expected: 'bad' },
  ],
  compile(arg, c, path) {
    const a = namedArgs(c, path, arg, OP, ['dateString', 'format', 'timezone', 'onNull', 'onError'], ['dateString'], dateArgMessages(OP));
    if (!a) return () => null;
    const dateString = c.expr(a['dateString'], [...path, 'dateString']);
    const fmtSpec = a['format'];
    if (fmtSpec !== undefined && isConstant(fmtSpec) && fmtSpec !== null) {
      if (typeof fmtSpec !== 'string') {
        return c.error([...path, 'format'], `${OP} requires that 'format' be a string, found: ${typeName(fmtSpec)} with value ${repr(fmtSpec)}`, 'ASP413');
      }
      const err = formatError(fmtSpec, true);
      if (err) return c.error([...path, 'format'], err, 'ASP413');
    }
    const format = optExpr(c, path, a, 'format');
    const tzGiven = a['timezone'] !== undefined;
    const tzOf = compileTimezone(a['timezone'], c, [...path, 'timezone']);
    const onNull = optExpr(c, path, a, 'onNull');
    const onError = optExpr(c, path, a, 'onError');
    return (ctx) => {
      const s = dateString(ctx);
      let fmt: unknown;
      if (format) {
        fmt = format(ctx);
        if (!isNullish(fmt)) {
          if (typeof fmt !== 'string') throw new ExprError(`${OP} requires that 'format' be a string, found: ${typeName(fmt)} with value ${repr(fmt)}`);
          const err = formatError(fmt, true);
          if (err) throw new ExprError(err);
        }
      }
      const tz = tzOf(ctx);
      if (isNullish(s)) return onNull ? onNull(ctx) : null;
      try {
        if (typeof s !== 'string') throw conversionFailure(`${OP} requires that 'dateString' be a string, found: ${typeName(s)} with value ${repr(s)}`);
        if (tz === null) return null;
        if (format && isNullish(fmt)) return null;
        return new Date(parseDateString(s, tz, tzGiven, format ? (fmt as string) : undefined));
      } catch (e) {
        if (onError && e instanceof ExprError && e.code === CONVERSION_FAILURE) return onError(ctx);
        throw e;
      }
    };
  },
};
