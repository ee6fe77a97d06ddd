/** Small real state holders and temp folders for runtime tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Doc, Value } from '../../engine/core/types';
import type { StateTable } from '../../engine/core/operator';

/** A keyed table like a window's accumulators: key -> document. */
export class MapTable implements StateTable {
  readonly rows = new Map<string, Doc>();
  constructor(readonly name: string) {}
  snapshot(): Value {
    return [...this.rows].map(([k, v]) => ({ k, v }));
  }
  restore(data: Value): void {
    this.rows.clear();
    for (const e of data as { k: string; v: Doc }[]) this.rows.set(e.k, e.v);
  }
  size(): number {
    return this.rows.size * 64;
  }
}

export function tempDir(t: { after(fn: () => void): void }, prefix = 'asp-rt-'): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Poll until `fn` returns a truthy value (no fixed sleeps in tests). */
export async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 20_000, everyMs = 20): Promise<NonNullable<Awaited<T>>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<Awaited<T>>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
