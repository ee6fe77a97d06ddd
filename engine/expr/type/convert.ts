// https://www.mongodb.com/docs/manual/reference/operator/aggregation/convert/
// ASP extensions: https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-convert/
import { Binary } from 'bson';
import { ExprError } from '../../core/errors';
import type { JsonPath, Value } from '../../core/types';
import { isPlainObject } from '../../bson/types';
import type { Compiler, EvalCtx, ExprOperator } from '../types';
import { CONVERSION_FAILURE } from '../date/_parse';
import { convertValue, parseByteOrder, parseFormat, parseTarget, type Target } from './_convert';
import { parseBase } from './_base';
import { NULL_EXPR, namedArgs, optExpr } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isNullish } from '../_shared/values';

const OP = '$convert';
const ARGS = ['input', 'to', 'onError', 'onNull', 'format', 'byteOrder', 'base'];
const MESSAGES = {
  notObject: (t: string) => `${OP} expects an object of named arguments but found: ${t}`,
  unknown: (k: string) => `${OP} found an unknown argument: ${k}`,
  missing: (k: string) => `Missing '${k}' parameter to ${OP}`,
};

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

export const $convert: ExprOperator = {
  name: OP,
  category: 'type',
  summary: 'Converts a value to a type (by name or BSON number), with onError/onNull; ASP adds binData byteOrder and format; base converts integers to and from base 2, 8, 10 or 16 strings.',
  docsUrl: docsUrl('convert'),
  syntax: '{ $convert: { input: <expression>, to: <type>, onError: <expression>, onNull: <expression>, format: <base64|base64url|hex|uuid|utf8>, byteOrder: <little|big>, base: <2|8|10|16> } }',
  snippet: '{ "input": "${1:\\$field}", "to": "${2|int,long,double,decimal,string,bool,date,objectId,binData|}" }',
  examples: [
    { doc: { n: '42' }, expr: { $convert: { input: '$n', to: 'int' } }, expected: 42 },
    { doc: { n: 'abc' }, expr: { $convert: { input: '$n', to: 'int', onError: -1 } }, expected: -1 },
    { doc: { b: new Binary(Buffer.from([0, 0, 1, 0])) }, expr: { $convert: { input: '$b', to: 'int', byteOrder: 'big' } }, expected: 256 },
  ],
  compile(arg, c, path) {
    const args = namedArgs(c, path, arg, OP, ARGS, ['input', 'to'], MESSAGES);
    if (!args) return NULL_EXPR;
    const input = c.expr(args['input'], [...path, 'input']);
    const targetOf = compileParam(args['to'], c, [...path, 'to'], parseTarget);
    const formatOf = args['format'] === undefined ? () => undefined : compileParam(args['format'], c, [...path, 'format'], parseFormat);
    const orderOf = args['byteOrder'] === undefined ? () => undefined : compileParam(args['byteOrder'], c, [...path, 'byteOrder'], parseByteOrder);
    const baseOf = args['base'] === undefined ? () => undefined : compileParam(args['base'], c, [...path, 'base'], parseBase);
    const onError = optExpr(c, path, args, 'onError');
    const onNull = optExpr(c, path, args, 'onNull');
    return (ctx) => {
      const target: Target | null = targetOf(ctx);
      const v = input(ctx);
      const format = formatOf(ctx);
      const byteOrder = orderOf(ctx) ?? 'little';
      const base = baseOf(ctx);
      if (isNullish(v)) return onNull ? onNull(ctx) : null;
      if (target === null) return null;
      try {
        return convertValue(v, target, { format, byteOrder, base });
      } catch (e) {
        if (onError && e instanceof ExprError && e.code === CONVERSION_FAILURE) return onError(ctx);
        throw e;
      }
    };
  },
};
