// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateTrunc/
import type { ExprOperator } from '../types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import { truncUnits } from './_arith';
import { docsUrl } from '../_shared/docs';
import { namedArgs } from '../_shared/args';
import { isNullish, repr } from '../_shared/values';
import { compileParsed, compileTimezone, dateArgMessages, dateMs, integral64, parseDayOfWeek, parseUnit, toDate } from './_internal';
import type { Value } from '../../core/types';

const OP = '$dateTrunc';

function parseBinSize(v: Value): number {
  const n = integral64(v);
  if (n === undefined) throw new ExprError(`${OP} requires 'binSize' to be a 64-bit integer, but got value '${repr(v)}' of type ${typeName(v)}`);
  if (n <= 0) throw new ExprError(`${OP} requires 'binSize' to be greater than 0, but got value ${n}`);
  return n;
}

/** $dateTrunc */
export const $dateTrunc: ExprOperator = {
  name: OP,
  category: 'date',
  summary: 'Truncates a date to the start of its unit bin (binSize units counted from 2000-01-01), in a time zone.',
  docsUrl: docsUrl('dateTrunc'),
  syntax: '{ $dateTrunc: { date: <date>, unit: <unit>, binSize: <integer>, timezone: <tz>, startOfWeek: <day> } }',
  snippet: '{ "date": "${1:\\$date}", "unit": "${2|year,quarter,month,week,day,hour,minute,second,millisecond|}" }',
  examples: [
    { doc: { d: new Date('2021-03-15T14:27:31.123Z') }, expr: { $dateTrunc: { date: '$d', unit: 'hour' } }, expected: new Date('2021-03-15T14:00:00Z') },
    { doc: { d: new Date('2021-03-15T14:27:31.123Z') }, expr: { $dateTrunc: { date: '$d', unit: 'minute', binSize: 15 } }, expected: new Date('2021-03-15T14:15:00Z') },
    { doc: { d: new Date('2021-03-15T02:00:00Z') }, expr: { $dateTrunc: { date: '$d', unit: 'day', timezone: 'America/New_York' } }, expected: new Date('2021-03-14T05:00:00Z') },
  ],
  compile(arg, c, path) {
    const a = namedArgs(c, path, arg, OP, ['date', 'unit', 'binSize', 'timezone', 'startOfWeek'], ['date', 'unit'], dateArgMessages(OP));
    if (!a) return () => null;
    const date = c.expr(a['date'], [...path, 'date']);
    const unitOf = compileParsed(a['unit'], c, [...path, 'unit'], (v) => parseUnit(v, OP));
    const binOf = a['binSize'] === undefined ? () => 1 : compileParsed(a['binSize'], c, [...path, 'binSize'], parseBinSize);
    const sowSpec = a['startOfWeek'];
    const sowOf = sowSpec === undefined ? () => 0 : compileParsed(sowSpec, c, [...path, 'startOfWeek'], (v) => parseDayOfWeek(v, OP, 'startOfWeek'));
    const tzOf = compileTimezone(a['timezone'], c, [...path, 'timezone'], `${OP} parameter 'timezone' value parsing failed`);
    return (ctx) => {
      const d = date(ctx);
      if (isNullish(d)) return null;
      const bin = binOf(ctx);
      if (bin === null) return null;
      const unit = unitOf(ctx);
      if (unit === null) return null;
      let sow = 0;
      if (unit === 'week') {
        const w = sowOf(ctx);
        if (w === null) return null;
        sow = w;
      }
      const tz = tzOf(ctx);
      if (tz === null) return null;
      const ms = dateMs(d);
      if (Number.isNaN(ms)) throw new ExprError(`${OP} requires 'date' to be a date, but got ${typeName(d)}`);
      return toDate(truncUnits(ms, unit, bin, tz, sow), OP);
    };
  },
};
