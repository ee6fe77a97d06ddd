/**
 * Recovery after kill -9: a real instance process runs `sample_stream_solar -> $tumblingWindow
 * (1 s) -> $merge` on the embedded store with a checkpoint every second; it is SIGKILLed at
 * random moments, restarted, and timed from the kill until the restarted processor produced its
 * first new output (process start, checkpoint load, source seek and the first window included).
 * Uses the compiled daemon (out/) when built, else runs it through tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as P from '../shared/protocol';
import { poll, startDaemon as spawnDaemon, stopDaemon, type Daemon } from './daemon';

const NAME = 'recovery';

const PIPELINE = [
  { $source: { connectionName: 'sample_stream_solar' } },
  { $tumblingWindow: { interval: { size: 1, unit: 'second' }, allowedLateness: { size: 0, unit: 'second' }, pipeline: [{ $group: { _id: '$device_id', n: { $count: {} }, maxWatts: { $max: '$obs.watts' } } }] } },
  { $addFields: { _id: { d: '$_id', start: { $meta: 'stream.window.start' } } } },
  { $merge: { into: { connectionName: 'local', db: 'bench', coll: 'recovery' } } },
];

const startDaemon = (stateDir: string): Promise<Daemon> => spawnDaemon(stateDir, [], { ASP_CHECKPOINT_INTERVAL_MS: '1000' });

async function outputCount(d: Daemon): Promise<number> {
  const r = (await d.conn.sendRequest(P.getStreamProcessorStats.method, { name: NAME })) as { stats: { outputMessageCount: number } };
  return r.stats.outputMessageCount;
}

/** Output count stored in the newest checkpoint: what a restarted run counts from. */
async function checkpointedOutput(d: Daemon): Promise<number> {
  const list = (await d.conn.sendRequest(P.listCheckpoints.method, { name: NAME })) as { checkpoints: P.CheckpointSummary[] };
  const id = list.checkpoints[0]?.id;
  if (id === undefined) return -1;
  const det = (await d.conn.sendRequest(P.getCheckpoint.method, { name: NAME, checkpointId: id, sample: 0 })) as P.CheckpointDetail;
  return Number((det.stats as Record<string, number> | undefined)?.['outputMessageCount'] ?? 0);
}

export const bench = {
  name: 'recovery',
  run: async (opts: { seconds: number }): Promise<{ recoveryMsP50: number; recoveryMsMax: number; kills: number }> => {
    const dir = mkdtempSync(path.join(tmpdir(), 'asp-bench-recovery-'));
    let d = await startDaemon(dir);
    const times: number[] = [];
    // A fixed seed keeps the kill moments comparable from run to run.
    let seed = 12345;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    try {
      await d.conn.sendRequest(P.createStreamProcessor.method, { name: NAME, pipeline: PIPELINE });
      await d.conn.sendRequest(P.startStreamProcessor.method, { name: NAME });
      const kills = Math.max(3, Math.min(10, Math.round(opts.seconds)));
      for (let k = 0; k < kills; k++) {
        // Run until at least one checkpoint holds output, then kill at a random moment.
        await poll(async () => ((await checkpointedOutput(d)) > 0 ? true : undefined), 'a checkpoint with output');
        await new Promise((r) => setTimeout(r, 200 + Math.floor(rand() * 800)));
        const base = await checkpointedOutput(d);
        const t0 = performance.now();
        d.conn.dispose();
        d.child.kill('SIGKILL');
        await d.exited;
        d = await startDaemon(dir);
        const cur = d;
        await poll(async () => ((await outputCount(cur)) > base ? true : undefined), 'first output after the restart');
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return { recoveryMsP50: Math.round(times[times.length >> 1]!), recoveryMsMax: Math.round(times[times.length - 1]!), kills };
    } finally {
      await stopDaemon(d);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (require.main === module) {
  void bench.run({ seconds: Number(process.argv[2] ?? 5) }).then((r) => process.stdout.write(`${JSON.stringify({ name: bench.name, ...r })}\n`));
}
