/**
 * The golden corpus: every test/golden/pipelines/<name>.asp.json runs to completion (drained,
 * on a manual clock) and prints output documents, then DLQ records as `{"_dlqMessage": ...}`,
 * one canonical Extended JSON line each. test/golden/golden.test.ts compares the lines with
 * test/golden/expected/<name>.jsonl; `npm run golden:update` (scripts/goldenUpdate.ts) writes
 * them for review.
 *
 * Every case runs with the same environment (goldenEnv): the built-in connections plus
 * `api`, an Https connection to a real HTTP server started for the run
 * (test/infra/httpServer.ts behaviourHandler, its URL passed as `${env:GOLDEN_API_URL}`), and
 * the embedded `local` store, seeded from pipelines/<name>.store.json (collection -> documents
 * of database `asp`) when that file exists.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { runPipelineText } from '../../engine/pipeline/run';
import { ManualClock } from '../../engine/core/clock';
import type { Doc, LocatedDiagnostic } from '../../engine/core/types';
import { builtinRegistry } from '../../engine/connectors/catalog/registry';
import type { ConnectionRegistry } from '../../engine/connections/types';
import { createServices } from '../../engine/connectors/services';
import type { Services } from '../../engine/io/types';
import { behaviourHandler, startHttpServer } from '../infra/httpServer';
import { ROOT } from '../helpers/root';

export const GOLDEN_DIR = join(ROOT, 'test', 'golden');

/** The corpus names, sorted: `tumbling-passthrough` for pipelines/tumbling-passthrough.asp.json. */
export function goldenNames(): string[] {
  return readdirSync(join(GOLDEN_DIR, 'pipelines')).filter((f) => f.endsWith('.asp.json')).map((f) => f.replace(/\.asp\.json$/, '')).sort();
}

export function expectedPath(name: string): string {
  return join(GOLDEN_DIR, 'expected', `${name}.jsonl`);
}

export interface GoldenEnv {
  connections: ConnectionRegistry;
  services: Services;
  close(): Promise<void>;
}

/** The connections, services and servers a golden case runs with (see the header). */
export async function goldenEnv(name: string): Promise<GoldenEnv> {
  const server = await startHttpServer(behaviourHandler());
  const connections = builtinRegistry([{ name: 'api', type: 'Https', url: '${env:GOLDEN_API_URL}', headers: { 'X-Tag': 'golden' } }]);
  const dir = mkdtempSync(join(tmpdir(), 'asp-golden-env-'));
  const services = createServices(connections, { stateDir: dir, env: { GOLDEN_API_URL: server.url }, retryPolicy: { initialDelayMs: 10, maxDelayMs: 100, maxElapsedMs: 60_000 } });
  const seeds = join(GOLDEN_DIR, 'pipelines', `${name}.store.json`);
  if (existsSync(seeds)) {
    const colls = JSON.parse(readFileSync(seeds, 'utf8')) as Record<string, Doc[]>;
    for (const [coll, docs] of Object.entries(colls)) services.localStore.collection('asp', coll).insertMany(docs);
  }
  return {
    connections,
    services,
    async close() {
      await services.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Run one golden pipeline; `lines` is what its expected file holds (without the final newline). */
export async function runGolden(name: string): Promise<{ lines: string[]; errors: LocatedDiagnostic[] }> {
  const path = join(GOLDEN_DIR, 'pipelines', `${name}.asp.json`);
  const env = await goldenEnv(name);
  try {
    const r = await runPipelineText(readFileSync(path, 'utf8'), { file: path, clock: new ManualClock(Date.UTC(2024, 0, 1)), drain: true, connections: env.connections, services: env.services });
    const lines = [...r.docs.map((d) => EJSON.stringify(d)), ...r.dlq.map((d) => EJSON.stringify({ _dlqMessage: d }))];
    return { lines, errors: r.diagnostics.filter((d) => d.severity === 'error') };
  } finally {
    await env.close();
  }
}
