/** Shared pieces of the kill -9 recovery tests: seeded randomness, checkpoint probes, kill loops. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as P from '../../shared/protocol';
import type { TestServers } from '../infra/servers';
import { kill9, KILL_TEST_TIMEOUT_MS, PATIENCE_MS, spawnDaemon, type Daemon } from './daemonProcess';
import { waitFor } from './waitFor';
import { prng } from '../../engine/sources/sample';

/** Append a line to the file named by ASP_RECOVERY_TRACE (to see what a slow run is waiting for). */
export function trace(msg: string): void {
  const f = process.env['ASP_RECOVERY_TRACE'];
  if (f) fs.appendFileSync(f, `${new Date().toISOString()} ${msg}\n`);
}

/** The engine's seeded PRNG, so a failing kill schedule can be replayed with its seed. */
export const seeded = prng;

/** The seed for this run: ASP_TEST_SEED when set (to replay a failure), else a fixed default. */
export function testSeed(fallback: number): number {
  const s = Number(process.env['ASP_TEST_SEED']);
  return Number.isInteger(s) ? s : fallback;
}

/** An asp.connections.json naming the test servers as kafka1 / cluster1. */
export function writeConnections(dir: string, s: TestServers): string {
  const file = path.join(dir, 'asp.connections.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      connections: [
        // A killed member holds its partitions until its session times out: keep that short.
        { name: 'kafka1', type: 'Kafka', bootstrapServers: s.kafkaBrokers, config: { 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 500 } },
        { name: 'cluster1', type: 'Cluster', uri: s.mongoUri },
      ],
    }),
  );
  return file;
}

/** Source positions of a processor's newest checkpoint, or undefined when it has none yet. */
export async function newestPositions(d: Daemon, name: string): Promise<Record<string, unknown> | undefined> {
  const list = (await d.conn.sendRequest(P.listCheckpoints.method, { name })) as { checkpoints: P.CheckpointSummary[] };
  const newest = list.checkpoints[0];
  if (!newest) return undefined;
  const det = (await d.conn.sendRequest(P.getCheckpoint.method, { name, checkpointId: newest.id, sample: 0 })) as P.CheckpointDetail;
  return (det.sourcePositions ?? {}) as Record<string, unknown>;
}

/** The index a documents source has reached in a processor's newest checkpoint (-1 before the first). */
export async function documentsPosition(d: Daemon, name: string): Promise<number> {
  const positions = await newestPositions(d, name);
  return Number((positions?.['source'] as { index?: number } | undefined)?.index ?? -1);
}

/** Sum of the next offsets over every partition in a Kafka position. */
export function kafkaOffsetSum(positions: Record<string, unknown> | undefined): number {
  const parts = (positions?.['source'] as { partitions?: { offset: number }[] } | null | undefined)?.partitions ?? [];
  return parts.reduce((n, p) => n + Number(p.offset), 0);
}

export interface KillLoop {
  /** The daemon now running (a new one after each kill). */
  daemon: Daemon;
  kills: number;
}

/**
 * SIGKILL the daemon `kills` times at random moments while `progress` keeps moving, restarting it
 * each time. A kill waits for progress past the previous kill point, so each restart really
 * resumed and did work before the next kill.
 */
export async function killRepeatedly(
  start: () => Promise<Daemon>,
  first: Daemon,
  opts: { kills: number; rand: () => number; progress: (d: Daemon) => Promise<number>; done: (d: Daemon) => Promise<boolean>; maxDelayMs?: number },
): Promise<KillLoop> {
  let d = first;
  let kills = 0;
  while (kills < opts.kills) {
    const before = await opts.progress(d).catch(() => -1);
    trace(`kill loop: ${kills} kills so far, progress ${before}`);
    // All input may be checkpointed before the last planned kill: then there is nothing left to interrupt.
    await waitFor(async () => (await opts.progress(d)) > before || (await opts.done(d)), 'progress before the next kill', PATIENCE_MS, 20).catch(async (e: unknown) => {
      const now = await opts.progress(d).catch((err: unknown) => String(err));
      const procs = await d.conn.sendRequest(P.listStreamProcessors.method, {}).then((r) => JSON.stringify(r), (err: unknown) => String(err));
      throw new Error(`${String(e)} (after ${kills} kills, progress ${before} -> ${now}); processors: ${procs}; instance stderr and log: ${d.stderr().slice(-4000)}`);
    });
    // A random moment inside the following stretch of work (the delay is the randomness, not a wait).
    await new Promise((r) => setTimeout(r, Math.floor(opts.rand() * (opts.maxDelayMs ?? 200))));
    if (await opts.done(d)) break;
    trace(`kill -9 pid ${d.child.pid}`);
    await kill9(d);
    kills++;
    d = await start();
    trace(`restarted as pid ${d.child.pid}`);
  }
  return { daemon: d, kills };
}

export { spawnDaemon, PATIENCE_MS, KILL_TEST_TIMEOUT_MS };
