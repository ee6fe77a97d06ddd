/**
 * Whether `asp run` must open connector services: only when the file names a connection other
 * than the built-in sample or test log, so sample runs never load a driver.
 */
import type { Analysis } from '../pipeline/analyze';

const BUILTIN_ONLY = new Set(['sample_stream_solar', '__testLog']);

/** True when any connectionName in the file refers to something other than the sample or test log. */
export function needsServices(a: Analysis): boolean {
  const text = JSON.stringify(a.processor ?? {});
  const names = [...text.matchAll(/"connectionName":"([^"]*)"/g)].map((m) => m[1]!);
  return names.some((n) => !BUILTIN_ONLY.has(n));
}
