/** Stateless pipeline ($match, $project, $addFields) on parsed documents: ours vs mingo, same docs. */
import 'mingo/init/system';
import { Aggregator } from 'mingo';
import { analyzeText } from '../engine/pipeline/analyze';
import { buildChain } from '../engine/pipeline/chain';
import { builtinRegistry } from '../engine/connectors/catalog/registry';
import { systemClock } from '../engine/core/clock';
import type { Doc } from '../engine/core/types';
import { solarDocs } from './data';
import { sideBySide, type Bench } from './types';

export const STAGES = [
  { $match: { event_type: 0, 'obs.watts': { $gte: 50 } } },
  { $project: { device_id: 1, group_id: 1, watts: '$obs.watts', temp: '$obs.temp', _ts: 1 } },
  { $addFields: { kw: { $divide: ['$watts', 1000] }, hot: { $gt: ['$temp', 20] } } },
];

export const bench: Bench = {
  name: 'stateless',
  async run({ seconds }) {
    const docs = solarDocs(10_000);
    const text = JSON.stringify([{ $source: { documents: [] } }, ...STAGES]);
    const a = analyzeText(text, { connections: builtinRegistry() });
    if (a.hasErrors || !a.validated) throw new Error(a.diagnostics.map((d) => d.message).join('; '));
    let out = 0;
    const chain = buildChain(a.validated.stages.slice(1), { clock: systemClock, slotCount: a.validated.compiler.slotCount, dlq: () => undefined, processorName: 'bench' }, () => void out++);
    const meta = { ts: 0, source: { type: 'documents' } };
    const ours = (): void => {
      for (let i = 0; i < docs.length; i++) chain.push(docs[i] as Doc, meta);
    };
    const agg = new Aggregator(STAGES as Record<string, unknown>[]);
    const base = (): void => {
      out += agg.run(docs).length;
    };
    return sideBySide(ours, base, docs.length, seconds);
  },
};
