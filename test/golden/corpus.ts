/**
 * The golden corpus: every test/golden/pipelines/<name>.asp.json runs to completion (drained,
 * on a manual clock) and prints output documents, then DLQ records as `{"_dlqMessage": ...}`,
 * one canonical Extended JSON line each. test/golden/golden.test.ts compares the lines with
 * test/golden/expected/<name>.jsonl; `npm run golden:update` (scripts/goldenUpdate.ts) writes
 * them for review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { runPipelineText } from '../../engine/pipeline/run';
import { ManualClock } from '../../engine/core/clock';
import type { LocatedDiagnostic } from '../../engine/core/types';
import { ROOT } from '../helpers/root';

export const GOLDEN_DIR = join(ROOT, 'test', 'golden');

/** The corpus names, sorted: `tumbling-passthrough` for pipelines/tumbling-passthrough.asp.json. */
export function goldenNames(): string[] {
  return readdirSync(join(GOLDEN_DIR, 'pipelines')).filter((f) => f.endsWith('.asp.json')).map((f) => f.replace(/\.asp\.json$/, '')).sort();
}

export function expectedPath(name: string): string {
  return join(GOLDEN_DIR, 'expected', `${name}.jsonl`);
}

/** Run one golden pipeline; `lines` is what its expected file holds (without the final newline). */
export async function runGolden(name: string): Promise<{ lines: string[]; errors: LocatedDiagnostic[] }> {
  const path = join(GOLDEN_DIR, 'pipelines', `${name}.asp.json`);
  const r = await runPipelineText(readFileSync(path, 'utf8'), { file: path, clock: new ManualClock(Date.UTC(2024, 0, 1)), drain: true });
  const lines = [...r.docs.map((d) => EJSON.stringify(d)), ...r.dlq.map((d) => EJSON.stringify({ _dlqMessage: d }))];
  return { lines, errors: r.diagnostics.filter((d) => d.severity === 'error') };
}
