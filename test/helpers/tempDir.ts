/** `tempDir(t)`: a fresh temporary folder, removed after the test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export function tempDir(t: { after(fn: () => void): void }, prefix = 'asp-rt-'): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}
