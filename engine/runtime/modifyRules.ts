/**
 * What modifyStreamProcessor may change while keeping the checkpoint (asp-spec §7).
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/manage-stream-processor/#modify-a-stream-processor
 * The checks run only when resumeFromCheckpoint is true (the default); the messages are the engine's.
 */
import type { Doc, Value } from '../core/types';
import { toCanonicalJSON } from '../json/ejson';

const PREFIX = 'resumeFromCheckpoint must be false to';
const WINDOWS = new Set(['$tumblingWindow', '$hoppingWindow', '$sessionWindow']);
const RESUMABLE_WINDOWS = new Set(['$tumblingWindow', '$hoppingWindow']);
const BLOCKING = new Set(['$group', '$sort']);

function stageName(s: Value): string | undefined {
  return s !== null && typeof s === 'object' && !Array.isArray(s) ? Object.keys(s)[0] : undefined;
}

function same(a: Value, b: Value): boolean {
  return toCanonicalJSON({ v: a }) === toCanonicalJSON({ v: b });
}

function findWindow(p: Value[]): { name: string; arg: Doc } | undefined {
  for (const s of p) {
    const n = stageName(s);
    if (n && WINDOWS.has(n)) return { name: n, arg: ((s as Doc)[n] ?? {}) as Doc };
  }
  return undefined;
}

function isSampleSource(stage: Value): boolean {
  const src = (stage as Doc | undefined)?.['$source'] as Doc | undefined;
  return src?.['connectionName'] === 'sample_stream_solar';
}

/** The reason a resuming modify is refused, or undefined when the checkpoint can be kept. */
export function checkResumableModify(oldPipeline: Value[], newPipeline: Value[]): string | undefined {
  // The sample generator has no position worth keeping, so replacing it is allowed (engine test).
  if (oldPipeline.length && newPipeline.length && !same(oldPipeline[0], newPipeline[0]) && !isSampleSource(oldPipeline[0])) {
    return `${PREFIX} modify a stream processor's $source stage`;
  }
  const ow = findWindow(oldPipeline);
  const nw = findWindow(newPipeline);
  if (!ow) return undefined;
  if (!nw) return `${PREFIX} remove a window from a stream processor`;
  if (ow.name !== nw.name) return `${PREFIX} change a stream processor's window type`;
  if (!RESUMABLE_WINDOWS.has(ow.name)) return `${PREFIX} modify a processor with a window that is not a tumbling or hopping window`;
  const inner = Array.isArray(ow.arg['pipeline']) ? (ow.arg['pipeline'] as Value[]) : [];
  if (!inner.some((s) => BLOCKING.has(stageName(s) ?? ''))) return `${PREFIX} modify a processor that has a window without a blocking stage`;
  for (const f of ['interval', 'hopSize', 'allowedLateness'] as const) {
    if (!same(ow.arg[f], nw.arg[f])) return `${PREFIX} change a window stage's ${f}`;
  }
  return undefined;
}
