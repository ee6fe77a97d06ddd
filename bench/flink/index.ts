/**
 * ASP Studio vs Apache Flink on the same JSON lines, both at parallelism 1, in one run:
 * `flink-stateless` (filter, projection, computed field) and `flink-tumbling` (1-second
 * event-time windows by device with avg, max, count). Both sides parse every line and print
 * every output. The headline figures are documents per CPU-second of each process ("per
 * core": Flink at parallelism 1 still runs a source thread, a window thread, the network
 * stack between them, GC and JIT); wall-clock rates are reported beside them.
 * Without java and mvn the Flink side reports "skipped: no java".
 */
import { hasJava, NO_JAVA } from '../java';
import { alternate, median, note, sig3, summarize } from '../rounds';
import type { Bench, BenchResult } from '../types';
import { statelessRunner, tumblingRunner, type OursRun } from './ours';
import { buildFlinkJob, FlinkProcess, inputFile } from './runner';

const DOCS = Number(process.env['ASP_BENCH_FLINK_DOCS']) || 300_000;

const perCpuSec = (docs: number, r: { cpuMs: number }): number => (docs * 1000) / r.cpuMs;
const perSec = (docs: number, r: { ms: number }): number => (docs * 1000) / r.ms;

function flinkBench(job: 'stateless' | 'tumbling'): Bench {
  return {
    name: `flink-${job}`,
    async run({ seconds }) {
      const { file, lines } = inputFile(DOCS);
      const ours = (job === 'stateless' ? statelessRunner : tumblingRunner)(lines);
      if (!hasJava(true)) {
        const runs = [ours(), ours(), ours()];
        return { docsPerSec: median(runs.map((r) => perCpuSec(lines.length, r))), baselineDocsPerSec: NO_JAVA, docs: lines.length };
      }
      const flink = await FlinkProcess.start(buildFlinkJob(), file);
      try {
        // One unmeasured run each, so both sides are compiled by their JITs before timing.
        note(`flink-${job}: warm-up`);
        ours();
        await flink.run(job);
        const rounds = Math.max(3, Math.min(7, Math.round(seconds / 2)));
        const res = await alternate(rounds, {
          ours: () => ours(),
          flink: async () => {
            const r = await flink.run(job);
            note(`flink-${job}: flink ${Math.round(perCpuSec(r.docs, r))} docs/CPU-s (${Math.round(r.ms)} ms wall)`);
            return r as OursRun;
          },
        });
        const outs = new Set([...res.ours, ...res.flink].map((r) => r.outputs));
        if (outs.size !== 1) throw new Error(`flink-${job}: the two sides produced different output counts (${[...outs].join(', ')})`);
        const n = lines.length;
        const oc = res.ours.map((r) => perCpuSec(n, r));
        const fc = res.flink.map((r) => perCpuSec(n, r));
        const ow = res.ours.map((r) => perSec(n, r));
        const fw = res.flink.map((r) => perSec(n, r));
        const ratios = summarize(oc.map((o, i) => o / fc[i]!));
        const out: BenchResult = {
          docsPerSec: median(oc),
          baselineDocsPerSec: median(fc),
          oursRuns: oc.map(sig3),
          baselineRuns: fc.map(sig3),
          ratioRuns: ratios.runs,
          ratioSpread: ratios.spread,
          wallDocsPerSec: median(ow),
          wallBaselineDocsPerSec: median(fw),
          wallRatio: sig3(median(ow) / median(fw)),
          docs: n,
          outputs: [...outs][0],
        };
        return out;
      } finally {
        await flink.close();
      }
    },
  };
}

export const stateless = flinkBench('stateless');
export const tumbling = flinkBench('tumbling');
