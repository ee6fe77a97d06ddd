// https://www.mongodb.com/docs/manual/reference/operator/aggregation/convert/
// ASP extensions: https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-convert/
import { Binary } from 'bson';
import { ExprError } from '../../core/errors';
import type { JsonPath, Value } from '../../core/types';
import { isPlainObject, typeName } from '../../bson/types';
import type { Compiler, EvalCtx, Expr, ExprOperator } from '../types';
import { CONVERSION_FAILURE } from '../date/_parse';
import { convertValue, parseByteOrder, parseFormat, parseTarget, type Target } from './_convert';
import { DOCS, nullish } from './_internal';

const OP = '$convert';
const ARGS = ['input', 'to', 'onError', 'onNull', 'format', 'byteOrder'];

/** Literal values (no field path, no operator) are checked once at compile time. */
function literal(spec: Value): boolean {
  if (typeof spec === 'string') return !spec.startsWith('$');
  if (isPlainObject(spec)) return !Object.keys(spec).some((k) => k.startsWith('$')) && Object.values(spec).every(literal);
  return spec === null || typeof spec === 'number' || typeof spec === 'boolean';
}

/** Compile a parameter parsed by `parse`: constants once (ASP413 when bad), others per document. */
function compileParam<T>(spec: Value, c: Compiler, path: JsonPath, parse: (v: Value) => T): (ctx: EvalCtx) => T {
  if (literal(spec)) {
    try {
      const parsed = parse(spec);
      return () => parsed;
    } catch (e) {
      c.error(path, (e as Error).message, 'ASP413');
      const fallback = parse(null);
      return () => fallback;
    }
  }
  const f = c.expr(spec, path);
  return (ctx) => parse(f(ctx));
}

/** $convert */
export const convert: ExprOperator = {
  name: OP,
  category: 'type',
  summary: 'Converts a value to a type (by name or BSON number), with onError/onNull; ASP adds binData byteOrder and format.',
  docsUrl: DOCS + 'convert/',
  syntax: '{ $convert: { input: <expression>, to: <type>, onError: <expression>, onNull: <expression>, format: <base64|base64url|hex|uuid|utf8>, byteOrder: <little|big> } }',
  snippet: '{ "input": "${1:\\$field}", "to": "${2|int,long,double,decimal,string,bool,date,objectId,binData|}" }',
  examples: [
    { doc: { n: '42' }, expr: { $convert: { input: '$n', to: 'int' } }, expected: 42 },
    { doc: { n: 'abc' }, expr: { $convert: { input: '$n', to: 'int', onError: -1 } }, expected: -1 },
    { doc: { b: new Binary(Buffer.from([0, 0, 1, 0])) }, expr: { $convert: { input: '$b', to: 'int', byteOrder: 'big' } }, expected: 256 },
  ],
  compile(arg, c, path) {
    if (!isPlainObject(arg)) return c.error(path, `${OP} expects an object of named arguments but found: ${typeName(arg)}`, 'ASP411');
    for (const k of Object.keys(arg)) {
      if (!ARGS.includes(k)) return c.error([...path, k], `${OP} found an unknown argument: ${k}`, 'ASP411');
    }
    if (arg['input'] === undefined) return c.error(path, `Missing 'input' parameter to ${OP}`, 'ASP411');
    if (arg['to'] === undefined) return c.error(path, `Missing 'to' parameter to ${OP}`, 'ASP411');
    const input = c.expr(arg['input'], [...path, 'input']);
    const targetOf = compileParam(arg['to'], c, [...path, 'to'], parseTarget);
    const formatOf = arg['format'] === undefined ? () => undefined : compileParam(arg['format'], c, [...path, 'format'], parseFormat);
    const orderOf = arg['byteOrder'] === undefined ? () => undefined : compileParam(arg['byteOrder'], c, [...path, 'byteOrder'], parseByteOrder);
    const onError: Expr | undefined = arg['onError'] === undefined ? undefined : c.expr(arg['onError'], [...path, 'onError']);
    const onNull: Expr | undefined = arg['onNull'] === undefined ? undefined : c.expr(arg['onNull'], [...path, 'onNull']);
    return (ctx) => {
      const target: Target | null = targetOf(ctx);
      const v = input(ctx);
      const format = formatOf(ctx);
      const byteOrder = orderOf(ctx) ?? 'little';
      if (nullish(v)) return onNull ? onNull(ctx) : null;
      if (target === null) return null;
      try {
        return convertValue(v, target, { format, byteOrder });
      } catch (e) {
        if (onError && e instanceof ExprError && e.code === CONVERSION_FAILURE) return onError(ctx);
        throw e;
      }
    };
  },
};
