/**
 * $hash and $hexHash (MongoDB 8.3): md5, sha256 or xxh64 of a UTF-8 string or of binData bytes.
 * md5 and sha256 come from node:crypto (part of Node, no native addon), xxh64 from ./_xxh64.
 * Messages are MongoDB's (src/mongo/db/exec/expression/evaluate_hash.cpp).
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/hash/
 */
import { createHash } from 'node:crypto';
import { Binary } from 'bson';
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprExample, ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { isNullish, repr } from '../_shared/values';
import { bytesOf as binDataBytes } from '../type/_binData';
import { xxh64 } from './_xxh64';

type Algorithm = 'md5' | 'sha256' | 'xxh64';

function algorithmOf(v: Value): Algorithm {
  if (typeof v !== 'string') throw new ExprError(`$hash requires that 'algorithm' be a string, found: ${typeName(v)} with value ${repr(v)}`);
  if (v !== 'md5' && v !== 'sha256' && v !== 'xxh64') {
    throw new ExprError(`Currently, the only supported algorithms for $hash are 'md5', 'sha256' and 'xxh64', found: ${v}`);
  }
  return v;
}

// A string with a lone surrogate has no UTF-8 form (MongoDB: "a valid UTF-8 string").
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function bytesOf(v: Value): Uint8Array {
  if (typeof v === 'string' && !LONE_SURROGATE.test(v)) return Buffer.from(v, 'utf8');
  if (v instanceof Binary) return binDataBytes(v);
  throw new ExprError(`$hash requires that 'input' be a valid UTF-8 string or binData, found: ${typeName(v)} with value ${repr(v)}`);
}

export function digest(input: Uint8Array, algorithm: Algorithm): Uint8Array {
  if (algorithm === 'xxh64') return xxh64(input);
  return createHash(algorithm).update(input).digest();
}

export function hashOperator(name: '$hash' | '$hexHash', summary: string, examples: ExprExample[]): ExprOperator {
  const hex = name === '$hexHash';
  return {
    name,
    category: 'string',
    summary,
    docsUrl: `https://www.mongodb.com/docs/manual/reference/operator/aggregation/${name.slice(1).toLowerCase()}/`,
    syntax: `{ ${name}: { input: <string | binData>, algorithm: "md5" | "sha256" | "xxh64" } }`,
    snippet: '{ input: ${1:\\$field}, algorithm: "${2|sha256,md5,xxh64|}" }',
    examples,
    compile(arg, c, path) {
      const args = namedArgs(c, path, arg, name, ['input', 'algorithm'], ['input', 'algorithm'], {
        notObject: (t) => `${name} expects an object of named arguments but found: ${t}`,
        unknown: (k) => `${name} found an unknown argument: ${k}`,
        missing: (k) => `${name} requires '${k}' to be specified`,
      });
      if (!args) return NULL_EXPR;
      const algSpec = args['algorithm'];
      let fixed: Algorithm | undefined;
      if ((algSpec === null || typeof algSpec !== 'object') && !(typeof algSpec === 'string' && algSpec.startsWith('$'))) {
        try {
          fixed = algorithmOf(algSpec);
        } catch (e) {
          return c.error([...path, 'algorithm'], (e as Error).message, 'ASP411');
        }
      }
      const input = c.expr(args['input'], [...path, 'input']);
      const algorithm = fixed === undefined ? c.expr(algSpec, [...path, 'algorithm']) : undefined;
      return (ctx) => {
        const v = input(ctx);
        if (isNullish(v)) return null;
        const bytes = bytesOf(v);
        const d = digest(bytes, fixed ?? algorithmOf(algorithm!(ctx)));
        return hex ? Buffer.from(d).toString('hex').toUpperCase() : new Binary(Buffer.from(d), Binary.SUBTYPE_DEFAULT);
      };
    },
  };
}
