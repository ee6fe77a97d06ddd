/** Renders DLQ records with the fields and order of asp-spec §6. */
import { calculateObjectSize } from 'bson';
import type { Doc } from '../core/types';
import { metaDocument } from '../core/meta';
import { Long } from '../bson/types';
import type { DlqInput } from '../core/operator';

/** Half of the 16 MB BSON limit: bigger offending documents are replaced by a note. */
const MAX_DLQ_DOC = 8 * 1024 * 1024;

export function renderDlqRecord(input: DlqInput, opts: { metaField: string; processorName: string; now: number }): Doc {
  const rec: Doc = {};
  if (opts.metaField && input.meta) rec[opts.metaField] = metaDocument(input.meta);
  rec['errInfo'] = { reason: input.reason };
  rec['operatorName'] = input.operatorName;
  if (input.doc !== undefined) {
    rec['doc'] = typeof input.doc === 'string' || approxSize(input.doc) <= MAX_DLQ_DOC ? input.doc : 'full document too large to emit';
  }
  if (input.missedWindowStartTimes) rec['missedWindowStartTimes'] = input.missedWindowStartTimes.map((t) => Long.fromNumber(t));
  rec['processorName'] = opts.processorName;
  rec['dlqTime'] = new Date(opts.now);
  return rec;
}

function approxSize(d: Doc): number {
  try {
    return calculateObjectSize(d);
  } catch {
    // Too deep to measure (or not serialisable): it could not be emitted either.
    return Infinity;
  }
}
