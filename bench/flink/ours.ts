/**
 * Our side of the flink-* benchmarks, doing what the Flink job does on the same lines: parse
 * each line (Extended JSON), run the pipeline, print every output as JSON, count it. One call
 * processes the whole input once with a fresh operator, as one Flink job run does.
 */
import { analyzeText } from '../../engine/pipeline/analyze';
import { buildChain } from '../../engine/pipeline/chain';
import { builtinRegistry } from '../../engine/connectors/catalog/registry';
import { systemClock } from '../../engine/core/clock';
import type { Doc } from '../../engine/core/types';
import type { Meta } from '../../engine/core/meta';
import type { Operator } from '../../engine/core/operator';
import { parseEJSON, toRelaxedJSON } from '../../engine/json/ejson';
import { WatermarkTracker } from '../../engine/time/watermark';
import { STAGES } from '../stateless';
import { GROUP } from '../windowSetup';

export interface OursRun {
  outputs: number;
  ms: number;
  cpuMs: number;
}

function chainOf(stages: Doc[], emit: (d: Doc) => void): () => Operator {
  const a = analyzeText(JSON.stringify([{ $source: { documents: [] } }, ...stages]), { connections: builtinRegistry() });
  if (a.hasErrors || !a.validated) throw new Error(a.diagnostics.map((d) => d.message).join('; '));
  const v = a.validated;
  return () => buildChain(v.stages.slice(1), { clock: systemClock, slotCount: v.compiler.slotCount, dlq: () => undefined, processorName: 'bench' }, emit);
}

function timed(body: () => number): OursRun {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outputs = body();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { outputs, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export const TUMBLING_STAGE = { $tumblingWindow: { interval: { size: 1, unit: 'second' }, allowedLateness: 0, pipeline: [GROUP] } };

/** Parse -> $match -> $project -> $addFields -> print, over every line. */
export function statelessRunner(lines: string[]): () => OursRun {
  let outputs = 0;
  let bytes = 0;
  const build = chainOf(STAGES, (d) => {
    outputs++;
    bytes += toRelaxedJSON(d).length;
  });
  const meta: Meta = { ts: 0, source: { type: 'documents' } };
  return () =>
    timed(() => {
      outputs = 0;
      const chain = build();
      for (let i = 0; i < lines.length; i++) chain.push(parseEJSON(lines[i]!) as Doc, meta);
      if (bytes <= 0) throw new Error('no output was produced');
      return outputs;
    });
}

/**
 * Parse -> event time from `_ts` -> 1-second tumbling `$group` by device (avg, max, count) ->
 * print each window result, with the watermark advanced after every document as the runner does.
 */
export function tumblingRunner(lines: string[]): () => OursRun {
  let outputs = 0;
  let bytes = 0;
  const build = chainOf([TUMBLING_STAGE], (d) => {
    outputs++;
    bytes += toRelaxedJSON(d).length;
  });
  return () =>
    timed(() => {
      outputs = 0;
      const chain = build();
      const tracker = new WatermarkTracker();
      for (let i = 0; i < lines.length; i++) {
        const doc = parseEJSON(lines[i]!) as Doc;
        const meta: Meta = { ts: (doc['_ts'] as Date).getTime(), source: { type: 'generated' } };
        chain.push(doc, meta);
        tracker.observe('', meta.ts);
        chain.watermark!(tracker.current());
      }
      chain.flush!();
      if (bytes <= 0) throw new Error('no output was produced');
      return outputs;
    });
}
