// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateDiff/
import { Long } from 'bson';
import type { ExprOperator } from '../types';
import { diffUnits } from './_arith';
import { docsUrl } from '../_shared/docs';
import { namedArgs } from '../_shared/args';
import { isNullish } from '../_shared/values';
import { compileParsed, compileTimezone, dateArgMessages, dateMs, parseDayOfWeek, parseUnit } from './_internal';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Value } from '../../core/types';

const OP = '$dateDiff';

function toMs(v: Value, param: string): number {
  const ms = dateMs(v);
  if (Number.isNaN(ms)) throw new ExprError(`${OP} requires '${param}' to be a date, but got ${typeName(v)}`);
  return ms;
}

/** $dateDiff */
export const $dateDiff: ExprOperator = {
  name: OP,
  category: 'date',
  summary: 'Counts the unit boundaries (year ... millisecond) crossed between two dates, as a long.',
  docsUrl: docsUrl('dateDiff'),
  syntax: '{ $dateDiff: { startDate: <date>, endDate: <date>, unit: <unit>, timezone: <tz>, startOfWeek: <day> } }',
  snippet: '{ "startDate": "${1:\\$start}", "endDate": "${2:\\$end}", "unit": "${3|year,quarter,month,week,day,hour,minute,second,millisecond|}" }',
  examples: [
    { doc: { a: new Date('2020-12-31T23:59:59Z'), b: new Date('2021-01-01T00:00:01Z') }, expr: { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'year' } }, expected: Long.fromNumber(1) },
    { doc: { a: new Date('2021-03-13T12:00:00Z'), b: new Date('2021-03-15T12:00:00Z') }, expr: { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'hour', timezone: 'America/New_York' } }, expected: Long.fromNumber(48) },
    { doc: { a: new Date('2024-01-06T00:00:00Z'), b: new Date('2024-01-08T00:00:00Z') }, expr: { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'week', startOfWeek: 'monday' } }, expected: Long.fromNumber(1) },
  ],
  compile(arg, c, path) {
    const a = namedArgs(c, path, arg, OP, ['startDate', 'endDate', 'unit', 'timezone', 'startOfWeek'], ['startDate', 'endDate', 'unit'], dateArgMessages(OP));
    if (!a) return () => null;
    const start = c.expr(a['startDate'], [...path, 'startDate']);
    const end = c.expr(a['endDate'], [...path, 'endDate']);
    const unitOf = compileParsed(a['unit'], c, [...path, 'unit'], (v) => parseUnit(v, OP));
    const sowSpec = a['startOfWeek'];
    const sowOf = sowSpec === undefined ? () => 0 : compileParsed(sowSpec, c, [...path, 'startOfWeek'], (v) => parseDayOfWeek(v, OP, 'startOfWeek'));
    const tzOf = compileTimezone(a['timezone'], c, [...path, 'timezone'], `${OP} parameter 'timezone' value parsing failed`);
    return (ctx) => {
      const s = start(ctx);
      if (isNullish(s)) return null;
      const e = end(ctx);
      if (isNullish(e)) return null;
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
      return Long.fromNumber(diffUnits(toMs(s, 'startDate'), toMs(e, 'endDate'), unit, tz, sow));
    };
  },
};
