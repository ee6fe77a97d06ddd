/**
 * Helpers shared by the date operators: argument-shape checks, date coercion, and compile-once
 * handling of `timezone`, `unit` and `startOfWeek` (constants are resolved at compile time).
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/#date-expression-operators
 */
import { Decimal128, Double, Long, ObjectId, Timestamp } from 'bson';
import { ExprError } from '../../core/errors';
import type { JsonPath, Value } from '../../core/types';
import { isPlainObject, typeName } from '../../bson/types';
import { type NamedArgMessages } from '../_shared/args';
import { isNullish, repr } from '../_shared/values';
import { parseDec } from '../_shared/decimal';
import type { Compiler, EvalCtx, ExprExample, ExprOperator } from '../types';
import { newParts, splitLocal, type Parts } from './_calendar';
import { parseTimeZone, UTC, type TimeZone } from './_tz';

/** Epoch ms of a date-like value (Date, Timestamp, ObjectId), or NaN when it is not one. */
export function dateMs(v: Value): number {
  if (v instanceof Date) return v.getTime();
  if (v !== null && typeof v === 'object') {
    const bt = (v as { _bsontype?: string })._bsontype;
    if (bt === 'Timestamp') return (v as Timestamp).high * 1000;
    if (bt === 'ObjectId') {
      const b = (v as ObjectId).id;
      return ((b[0]! * 0x1000000) + (b[1]! << 16) + (b[2]! << 8) + b[3]!) * 1000;
    }
  }
  return NaN;
}

/** Value::coerceToDate: MongoDB's message for anything that is not date-like. */
export function coerceDate(v: Value): number {
  const ms = dateMs(v);
  if (Number.isNaN(ms)) throw new ExprError(`can't convert from BSON type ${typeName(v)} to Date`);
  return ms;
}

/** Kept for engine/expr/type/_convert.ts, which still imports it from here; new code uses repr. */
export const showValue = repr;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Value::integral64Bit(): the exact integer held by an int/long/double/decimal with no fractional
 * part that fits in 64 bits, else undefined.
 */
export function integral64Big(v: Value): bigint | undefined {
  let b: bigint | undefined;
  if (typeof v === 'number') b = Number.isInteger(v) ? BigInt(v) : undefined;
  else if (v instanceof Double) b = Number.isInteger(v.value) ? BigInt(v.value) : undefined;
  else if (v instanceof Long) b = v.toBigInt();
  else if (v instanceof Decimal128) {
    const d = parseDec(v.toString());
    if (d === null) return undefined;
    if (d.e >= 0) b = d.c * 10n ** BigInt(d.e);
    else if (d.c % 10n ** BigInt(-d.e) === 0n) b = d.c / 10n ** BigInt(-d.e);
  }
  return b !== undefined && b >= INT64_MIN && b <= INT64_MAX ? b : undefined;
}

/** integral64Big as a JS number (exact up to 2^53). */
export function integral64(v: Value): number | undefined {
  const b = integral64Big(v);
  return b === undefined ? undefined : Number(b);
}

/** A spec that compiles to a constant (no field path, no operator). */
export function isConstant(spec: Value): boolean {
  if (typeof spec === 'string') return !spec.startsWith('$');
  return spec === null || typeof spec === 'number' || typeof spec === 'boolean';
}

export type TzGetter = (ctx: EvalCtx) => TimeZone | null;

const utcGetter: TzGetter = () => UTC;
const nullTz: TzGetter = () => null;

/** makeTimeZone(): undefined spec = UTC, nullish = null result, otherwise a string zone name. */
export function compileTimezone(spec: Value, c: Compiler, path: JsonPath, context?: string): TzGetter {
  if (spec === undefined) return utcGetter;
  const wrap = (m: string): string => (context ? `${context} :: caused by :: ${m}` : m);
  if (isConstant(spec)) {
    if (spec === null) return nullTz;
    if (typeof spec !== 'string') {
      c.error(path, wrap(`timezone must evaluate to a string, found ${typeName(spec)}`), 'ASP413');
      return nullTz;
    }
    const tz = parseTimeZone(spec);
    if (!tz) {
      c.error(path, wrap(`unrecognized time zone identifier: "${spec}"`), 'ASP413');
      return nullTz;
    }
    return () => tz;
  }
  const f = c.expr(spec, path);
  return (ctx) => {
    const v = f(ctx);
    if (isNullish(v)) return null;
    if (typeof v !== 'string') throw new ExprError(wrap(`timezone must evaluate to a string, found ${typeName(v)}`));
    const tz = parseTimeZone(v);
    if (!tz) throw new ExprError(wrap(`unrecognized time zone identifier: "${v}"`));
    return tz;
  };
}

export type TimeUnit = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';
const UNITS = new Set<string>(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond']);

/** parseTimeUnit(): throws MongoDB's messages for a non-string or unknown unit. */
export function parseUnit(v: Value, op: string): TimeUnit {
  if (typeof v !== 'string') throw new ExprError(`${op} requires 'unit' to be a string, but got ${typeName(v)}`);
  if (!UNITS.has(v)) throw new ExprError(`${op} parameter 'unit' value parsing failed :: caused by :: unknown time unit value: ${v}`);
  return v as TimeUnit;
}

const DAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, wednesday: 3, wed: 3,
  thursday: 4, thu: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
};

/** parseDayOfWeek(): 0 = Sunday; names and three-letter forms, any case. */
export function parseDayOfWeek(v: Value, op: string, param: string): number {
  if (typeof v !== 'string') throw new ExprError(`${op} requires '${param}' to be a string, but got ${typeName(v)}`);
  const d = DAYS[v.toLowerCase()];
  if (d === undefined) throw new ExprError(`${op} parameter '${param}' value cannot be recognized as a day of a week: ${v}`);
  return d;
}

/**
 * Compile a string-valued parameter (unit, startOfWeek) that is usually constant: constants are
 * parsed once and reported as ASP413; dynamic values are parsed per document. null = nullish.
 */
export function compileParsed<T>(spec: Value, c: Compiler, path: JsonPath, parse: (v: Value) => T): (ctx: EvalCtx) => T | null {
  if (isConstant(spec)) {
    if (spec === null) return () => null;
    try {
      const parsed = parse(spec);
      return () => parsed;
    } catch (e) {
      c.error(path, (e as Error).message, 'ASP413');
      return () => null;
    }
  }
  const f = c.expr(spec, path);
  return (ctx) => {
    const v = f(ctx);
    return isNullish(v) ? null : parse(v);
  };
}

/** MongoDB's messages for a malformed named-argument object of a date operator. */
export function dateArgMessages(op: string, missing?: (key: string) => string): NamedArgMessages {
  return {
    notObject: () => `${op} only supports an object as its argument`,
    unknown: (k) => `Unrecognized argument to ${op}: ${k}`,
    missing: missing ?? ((k) => `Missing '${k}' parameter to ${op}`),
  };
}

const parts = newParts();

/** Local parts of an instant in a zone, in a shared record (valid until the next call). */
export function localParts(ms: number, tz: TimeZone): Parts {
  return splitLocal(tz.isUtc ? ms : ms + tz.offset(ms), parts);
}

export interface DatePartSpec {
  name: string;
  summary: string;
  docsUrl: string;
  examples: ExprExample[];
  /** Extract the field from local parts of the date. */
  part(p: Parts): number;
}

/**
 * The single-date operators ($year, $hour, ...): `<date>`, `[<date>]` or `{date, timezone}`.
 * Dates may be Date, Timestamp or ObjectId.
 */
export function datePartOperator(spec: DatePartSpec): ExprOperator {
  const { name, part } = spec;
  return {
    name,
    category: 'date',
    summary: spec.summary,
    docsUrl: spec.docsUrl,
    syntax: `{ ${name}: <date> }  or  { ${name}: { date: <date>, timezone: <tz> } }`,
    snippet: '"${1:\\$date}"',
    examples: spec.examples,
    compile(arg, c, path) {
      let dateSpec: Value = arg;
      let dateP: JsonPath = path;
      let tzSpec: Value = undefined;
      if (Array.isArray(arg)) {
        if (arg.length !== 1) return c.error(path, `${name} accepts exactly one argument if given an array, but was given ${arg.length}`, 'ASP410');
        dateSpec = arg[0];
        dateP = [...path, 0];
      } else if (isPlainObject(arg) && !Object.keys(arg)[0]?.startsWith('$')) {
        for (const k of Object.keys(arg)) {
          if (k !== 'date' && k !== 'timezone') return c.error([...path, k], `unrecognized option to ${name}: "${k}"`, 'ASP411');
        }
        if (arg['date'] === undefined) return c.error(path, `missing 'date' argument to ${name}, provided: ${JSON.stringify(arg)}`, 'ASP411');
        dateSpec = arg['date'];
        dateP = [...path, 'date'];
        tzSpec = arg['timezone'];
      }
      const date = c.expr(dateSpec, dateP);
      const tzOf = compileTimezone(tzSpec, c, [...path, 'timezone']);
      return (ctx) => {
        const v = date(ctx);
        if (isNullish(v)) return null;
        const ms = coerceDate(v);
        const tz = tzOf(ctx);
        if (tz === null) return null;
        return part(localParts(ms, tz));
      };
    },
  };
}

/** Build a Date, reporting an out-of-range instant as MongoDB's overflow. */
export function toDate(ms: number, op: string): Date {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw new ExprError(`${op} overflowed`);
  return new Date(ms);
}
