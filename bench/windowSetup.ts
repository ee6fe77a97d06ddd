/** Shared setup for the window benchmarks: parse a window stage once, run it over pre-parsed documents. */
import { analyzeText } from '../engine/pipeline/analyze';
import { buildChain } from '../engine/pipeline/chain';
import { builtinRegistry } from '../engine/connectors/catalog/registry';
import { systemClock } from '../engine/core/clock';
import type { Meta } from '../engine/core/meta';
import type { Doc } from '../engine/core/types';
import type { Operator } from '../engine/core/operator';
import { WatermarkTracker } from '../engine/time/watermark';

export const GROUP = { $group: { _id: '$device_id', avgWatts: { $avg: '$obs.watts' }, maxWatts: { $max: '$obs.watts' }, n: { $count: {} } } };

/** Returns a function that runs the whole batch through a fresh operator, like the runner does. */
export function windowRunner(stage: Doc, docs: Doc[]): { run: () => number; op: () => Operator } {
  const text = JSON.stringify([{ $source: { documents: [] } }, stage]);
  const a = analyzeText(text, { connections: builtinRegistry() });
  if (a.hasErrors || !a.validated) throw new Error(a.diagnostics.map((d) => d.message).join('; '));
  const v = a.validated;
  // Sources build the metadata once per record; the benchmark does it up front.
  const metas: Meta[] = docs.map((d) => ({ ts: (d['_ts'] as Date).getTime(), source: { type: 'generated' } }));
  let out = 0;
  const build = (): Operator =>
    buildChain(v.stages.slice(1), { clock: systemClock, slotCount: v.compiler.slotCount, dlq: () => undefined, processorName: 'bench' }, () => void out++);
  return {
    op: build,
    run: () => {
      out = 0;
      const chain = build();
      const tracker = new WatermarkTracker();
      for (let i = 0; i < docs.length; i++) {
        const m = metas[i]!;
        chain.push(docs[i]!, m);
        tracker.observe('', m.ts);
        chain.watermark!(tracker.current());
      }
      chain.flush!();
      return out;
    },
  };
}
