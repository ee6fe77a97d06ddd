/**
 * Connector services over a fresh embedded `local` store in a temporary folder, removed on
 * close: what a pipeline test that uses $lookup runs against (`asp test` and the editor's Test
 * Explorer through the daemon), so tests never see or change the instance's own data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionRegistry } from '../connections/types';
import type { Services } from '../io/types';
import { createServices } from './services';

export async function scratchServices(registry: ConnectionRegistry): Promise<{ value: Services; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'asp-test-'));
  const s = createServices(registry, { stateDir: dir });
  return {
    value: s,
    close: async () => {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
