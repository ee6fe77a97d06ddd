/**
 * Per-target counts of a sink, for verbose `operatorStats[].targetStats` (one element per
 * collection or topic written to, at most 100 as Atlas shows). Counted per write batch, not per
 * document, so the sinks' push paths stay as they are.
 */
import type { Doc, Value } from '../core/types';

/** Atlas lists at most this many targets; later ones are still written, only not listed. */
export const MAX_TARGETS = 100;

export class TargetCounts {
  private readonly byKey = new Map<string, { fields: Doc; input: number; output: number }>();

  /** `input` documents were handed to the target, `output` of them written. */
  add(key: string, fields: () => Doc, input: number, output: number): void {
    let e = this.byKey.get(key);
    if (!e) {
      if (this.byKey.size >= MAX_TARGETS) return;
      e = { fields: fields(), input: 0, output: 0 };
      this.byKey.set(key, e);
    }
    e.input += input;
    e.output += output;
  }

  stats(): Record<string, Value>[] {
    return [...this.byKey.values()].map((e) => ({ ...e.fields, inputMessageCount: e.input, outputMessageCount: e.output }));
  }
}

/** `{db, coll}` of a `db.coll` namespace (the first dot separates them). */
export function nsFields(ns: string): Doc {
  const i = ns.indexOf('.');
  return { db: ns.slice(0, i), coll: ns.slice(i + 1) };
}
