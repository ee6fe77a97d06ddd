/**
 * JSON bytes in -> JSON bytes out, stateless pipeline: ours (Extended JSON) vs JSON.parse +
 * mingo + JSON.stringify, and against the floor any JavaScript engine pays for the same bytes:
 * a bare loop of JSON.parse on every input line and JSON.stringify of every parsed document.
 */
import 'mingo/init/system';
import { Aggregator } from 'mingo';
import { analyzeText } from '../engine/pipeline/analyze';
import { buildChain } from '../engine/pipeline/chain';
import { builtinRegistry } from '../engine/connectors/catalog/registry';
import { systemClock } from '../engine/core/clock';
import { parseEJSON, toRelaxedJSON } from '../engine/json/ejson';
import type { Doc } from '../engine/core/types';
import { solarDocs } from './data';
import { STAGES } from './stateless';
import { median, ratioFields, sig3, summarize } from './rounds';
import { inRounds, type Bench } from './types';

export const bench: Bench = {
  name: 'json',
  async run({ seconds }) {
    const lines = solarDocs(10_000).map((d) => toRelaxedJSON(d));
    const a = analyzeText(JSON.stringify([{ $source: { documents: [] } }, ...STAGES]), { connections: builtinRegistry() });
    if (a.hasErrors || !a.validated) throw new Error(a.diagnostics.map((d) => d.message).join('; '));
    let bytes = 0;
    const chain = buildChain(a.validated.stages.slice(1), { clock: systemClock, slotCount: a.validated.compiler.slotCount, dlq: () => undefined, processorName: 'bench' }, (d) => {
      bytes += toRelaxedJSON(d).length;
    });
    const meta = { ts: 0, source: { type: 'documents' } };
    const ours = (): void => {
      for (let i = 0; i < lines.length; i++) chain.push(parseEJSON(lines[i]!) as Doc, meta);
    };
    const agg = new Aggregator(STAGES as Record<string, unknown>[]);
    const base = (): void => {
      const docs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      for (const d of agg.run(docs)) bytes += JSON.stringify(d).length;
    };
    const floor = (): void => {
      for (let i = 0; i < lines.length; i++) bytes += JSON.stringify(JSON.parse(lines[i]!)).length;
    };
    const r = inRounds({ ours, base, floor }, lines.length, seconds);
    // Reading the byte count keeps every loop's output alive for the optimiser.
    if (bytes <= 0) throw new Error('no output was produced');
    const toFloor = summarize(r.ours.map((o, i) => o / r.floor[i]!));
    return {
      ...ratioFields(r.ours, r.base),
      floorDocsPerSec: median(r.floor),
      floorRuns: r.floor.map(sig3),
      ratioToFloor: sig3(median(r.ours) / median(r.floor)),
      ratioToFloorRuns: toFloor.runs,
    };
  },
};
