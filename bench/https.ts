/**
 * $https throughput: documents/s through `$https` (GET, reply parsed into `as`) against a local
 * node:http server in its own process (bench/httpsServer.ts) that adds 5 ms to every request. Baseline: the same number of requests made
 * straight with node:http, as many at once as $https keeps in flight, so the ratio shows what
 * the stage costs over the bare client. The load average is printed with the figures: on a
 * shared machine they are provisional.
 */
import { fork } from 'node:child_process';
import * as http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { runPipelineText } from '../engine/pipeline/run';
import { builtinRegistry } from '../engine/connectors/catalog/registry';
import { createServices } from '../engine/connectors/services';
import { HTTPS_WINDOW } from '../engine/connectors/http/httpsOperator';
import { LATENCY_MS } from './httpsServer';
import { median, type Bench } from './types';

/** Start bench/httpsServer in its own process; resolves with its URL and a way to stop it. */
async function startApi(): Promise<{ url: string; stop(): void }> {
  const child = fork(path.join(__dirname, `httpsServer${path.extname(__filename)}`), [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let buf = '';
  child.stdout!.setEncoding('utf8');
  while (!buf.includes('\n')) {
    const [chunk] = (await once(child.stdout!, 'data')) as [string];
    buf += chunk;
  }
  return { url: buf.trim(), stop: () => void child.kill() };
}

async function bareClient(url: string, n: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: HTTPS_WINDOW });
  let next = 0;
  const one = (): Promise<void> => new Promise((resolve, reject) => {
    http.get(`${url}/item/${next++}`, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { JSON.parse(Buffer.concat(chunks).toString('utf8')); resolve(); });
    }).on('error', reject);
  });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: HTTPS_WINDOW }, async () => { while (next < n) await one(); }));
  const ms = performance.now() - t0;
  agent.destroy();
  return (n / ms) * 1000;
}

export const bench: Bench = {
  name: 'https',
  async run({ seconds }) {
    const server = await startApi();
    const dir = mkdtempSync(path.join(tmpdir(), 'asp-bench-https-'));
    const registry = builtinRegistry([{ name: 'api', type: 'Https', url: server.url }]);
    const services = createServices(registry, { stateDir: dir });
    // Size each round to about a second at the target rate, so rounds stay short on a slow machine.
    const n = 2000;
    const docs = Array.from({ length: n }, (_, i) => ({ i, device: `d${i % 50}` }));
    const text = JSON.stringify({ name: 'bench', pipeline: [{ $source: { documents: docs } }, { $https: { connectionName: 'api', path: { $concat: ['item/', { $toString: '$i' }] }, as: 'item' } }] });
    const ours: number[] = [];
    const base: number[] = [];
    const rounds = Math.max(2, Math.min(5, Math.round(seconds / 2)));
    try {
      for (let r = 0; r < rounds; r++) {
        const t0 = performance.now();
        const res = await runPipelineText(text, { connections: registry, services, projectStreamMeta: false });
        const ms = performance.now() - t0;
        if (res.docs.length !== n || res.dlq.length) throw new Error(`expected ${n} documents, got ${res.docs.length} (+${res.dlq.length} DLQ)`);
        ours.push((n / ms) * 1000);
        base.push(await bareClient(server.url, n));
      }
    } finally {
      await services.close();
      server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return {
      docsPerSec: median(ours),
      baselineDocsPerSec: median(base),
      rounds: ours.map((x) => Math.round(x)),
      baselineRounds: base.map((x) => Math.round(x)),
      latencyMs: LATENCY_MS,
      inFlight: HTTPS_WINDOW,
      loadAvg1m: loadavg()[0]!,
    };
  },
};
