/**
 * $setStreamMeta (ASP): set custom `stream.<key>` metadata readable with {$meta}.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-setStreamMeta/
 */
import type { Doc } from '../core/types';
import type { Expr } from '../expr/types';
import { err, objectArg } from '../parse/args';
import { perDocument } from './_perDocument';
import type { StageSpec } from '../parse/types';

export const setStreamMeta: StageSpec<[string, Expr][]> = {
  name: '$setStreamMeta',
  kind: 'transform',
  placement: { main: true, window: false, payload: false },
  operatorName: 'SetStreamMetaOperator',
  summary: 'Sets custom stream metadata (stream.<name>) that later stages read with {$meta: "stream.<name>"}.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-setStreamMeta/',
  syntax: '{ $setStreamMeta: { "stream.<name>": <expression>, ... } }',
  rootRole: 'fieldMap',
  rootType: 'object',
  examples: [
    {
      title: 'Tag each document with its tenant, for later {$meta: "stream.tenant"}',
      stage: { $setStreamMeta: { 'stream.tenant': '$tenant' } },
      input: [{ tenant: 'acme', watts: 3 }],
      output: [{ tenant: 'acme', watts: 3 }],
    },
  ],
  parse(arg, path, ctx) {
    const o = objectArg('$setStreamMeta', arg, path, ctx);
    if (!o) return undefined;
    const out: [string, Expr][] = [];
    for (const [k, v] of Object.entries(o)) {
      if (!k.startsWith('stream.') || k.length <= 7) {
        err(ctx, [...path, k], `$setStreamMeta keys must start with 'stream.': ${k}`, 'ASP315', { target: 'key' });
        continue;
      }
      out.push([k.slice(7), ctx.compiler.expr(v, [...path, k])]);
    }
    return out;
  },
  create(fields, rt, next) {
    return perDocument('SetStreamMetaOperator', rt, next, (doc: Doc, ctx, meta) => {
      const custom: Doc = { ...meta.custom };
      for (const [k, f] of fields) custom[k] = f(ctx);
      meta.custom = custom;
      return doc;
    });
  },
};
