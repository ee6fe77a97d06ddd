/** Opens connector services only when a pipeline needs them, so sample runs never load drivers. */
import type { Analysis } from '../pipeline/analyze';
import type { ConnectionRegistry } from '../connections/types';

export interface OpenServices {
  value: unknown;
  close(): Promise<void>;
}

const BUILTIN_ONLY = new Set(['sample_stream_solar', '__testLog']);

/** True when any connectionName in the file refers to something other than the sample or test log. */
function needsServices(a: Analysis): boolean {
  const text = JSON.stringify(a.processor ?? {});
  const names = [...text.matchAll(/"connectionName":"([^"]*)"/g)].map((m) => m[1]!);
  return names.some((n) => !BUILTIN_ONLY.has(n));
}

export async function openServices(a: Analysis, registry: ConnectionRegistry, stateDir: string): Promise<OpenServices | undefined> {
  if (!needsServices(a)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('../connectors/services') as { createServices(r: ConnectionRegistry, o: { stateDir: string }): { close?(): Promise<void> } };
  const s = mod.createServices(registry, { stateDir });
  return { value: s, close: async () => { await s.close?.(); } };
}
