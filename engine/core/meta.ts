/** Stream metadata carried beside each document (not inside it) until a sink projects it. */
import type { Doc, Value } from './types';

export interface WindowMeta {
  start: Date;
  end: Date;
  partition?: Value;
}

export interface Meta {
  /** Event time, ms since the epoch. */
  ts: number;
  /** `_stream_meta.source`: type plus source-specific members (topic, partition, offset, ...). */
  source: Doc;
  window?: WindowMeta;
  https?: Doc;
  externalFunction?: Doc;
  /** Keys set by $setStreamMeta ("stream.<k>" -> <k>). */
  custom?: Doc;
}

/** The `_stream_meta` document as users see it (and as `{$meta: "stream"}` returns it). */
export function metaDocument(m: Meta): Doc {
  const out: Doc = { source: m.source };
  if (m.window) {
    const w: Doc = { start: m.window.start, end: m.window.end };
    if (m.window.partition !== undefined) w['partition'] = m.window.partition;
    out['window'] = w;
  }
  if (m.https) out['https'] = m.https;
  if (m.externalFunction) out['externalFunction'] = m.externalFunction;
  if (m.custom) Object.assign(out, m.custom);
  return out;
}
