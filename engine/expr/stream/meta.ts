// https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-meta/
import type { Value } from '../../core/types';
import { metaDocument, type Meta } from '../../core/meta';
import { isPlainObject, typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { getPath } from '../fieldPath';

/** The top-level member of the metadata named by `key`, without building the whole document. */
function member(m: Meta, key: string): Value {
  switch (key) {
    case 'source':
      return m.source;
    case 'window':
      return m.window ? metaDocument({ ts: m.ts, source: m.source, window: m.window })['window'] : undefined;
    case 'https':
      return m.https;
    case 'externalFunction':
      return m.externalFunction;
    default:
      return m.custom ? m.custom[key] : undefined;
  }
}

export const $meta: ExprOperator = {
  name: '$meta',
  category: 'stream',
  summary: 'Stream metadata of the current document: "stream", "stream.source.topic", "stream.window.start", ...',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-meta/',
  syntax: '{ $meta: "stream[.<path>]" }',
  snippet: '"stream.${1|source.topic,source.partition,source.offset,source.key,source.ts,window.start,window.end|}"',
  examples: [
    { doc: {}, meta: { ts: 0, source: { type: 'kafka', topic: 'orders', partition: 0 } }, expr: { $meta: 'stream.source.topic' }, expected: 'orders' },
    { doc: {}, meta: { ts: 0, source: { type: 'generated' }, window: { start: new Date('2024-01-01T00:00:00Z'), end: new Date('2024-01-01T00:01:00Z') } }, expr: { $meta: 'stream.window.end' }, expected: new Date('2024-01-01T00:01:00Z') },
    { doc: {}, expr: { $meta: 'textScore' }, error: "$meta in Atlas Stream Processing reads stream metadata only: the path must start with 'stream', got 'textScore'" },
  ],
  compile(arg, c, path) {
    if (typeof arg !== 'string') return c.error(path, `$meta only supports string arguments, found: ${typeName(arg)}`, 'ASP411');
    if (arg !== 'stream' && !arg.startsWith('stream.')) {
      return c.error(path, `$meta in Atlas Stream Processing reads stream metadata only: the path must start with 'stream', got '${arg}'`, 'ASP412');
    }
    if (arg === 'stream') return (ctx) => (ctx.meta ? metaDocument(ctx.meta) : undefined);
    const parts = arg.split('.').slice(1);
    if (parts.some((p) => p.length === 0)) return c.error(path, `'${arg}' is not a valid $meta path`, 'ASP411');
    const key = parts[0]!;
    const rest = parts.slice(1);
    return (ctx) => {
      const m = ctx.meta;
      if (!m) return undefined;
      const top = member(m, key);
      if (rest.length === 0) return top;
      return isPlainObject(top) ? getPath(top, rest) : undefined;
    };
  },
};
