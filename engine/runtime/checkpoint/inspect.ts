/**
 * Checkpoint listing and detail for the Checkpoints view and `asp checkpoints`: id, time, source
 * positions, and per table its entry count, a sample, and the open windows (start, keys, bytes)
 * when the entries carry window starts.
 */
import { calculateObjectSize, EJSON } from 'bson';
import type { Doc, Value } from '../../core/types';
import type { CheckpointDetail, CheckpointSummary } from '../../../shared/protocol';
import type { CheckpointContent, CheckpointInfo } from './types';

const relaxed = (v: Value): unknown => EJSON.serialize({ v } as Doc, { relaxed: true })['v'];

export function summarize(processorName: string, c: CheckpointInfo): CheckpointSummary {
  const s: CheckpointSummary = { id: String(c.id), processorName, time: new Date(c.time).toISOString(), sizeBytes: c.bytes, tables: c.tables.length };
  if (c.trigger) s.trigger = c.trigger;
  return s;
}

function entriesOf(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  // Window operators wrap their panes: { minWin, maxX, state: [{ start, table }, ...] }.
  const inner = (v as Doc | null)?.['state'];
  if (Array.isArray(inner)) return inner;
  // Session windows: { parts: [{ value, sessions: [{ min, max, docs }] }] }, one entry per session.
  const parts = (v as Doc | null)?.['parts'];
  if (Array.isArray(parts)) {
    return parts.flatMap((p) => ((p as Doc)['sessions'] as Doc[] | undefined ?? []).map((s) => ({ start: s['min'], partition: (p as Doc)['value'], keys: 1, docs: s['docs'] })));
  }
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as Doc);
  return v === undefined ? [] : [v];
}

/** A window start found on an entry (`start`, `windowStart`, `w.start`), in ms. */
function windowStartOf(e: Value): number | undefined {
  if (e === null || typeof e !== 'object') return undefined;
  const d = e as Doc;
  const w = d['start'] ?? d['windowStart'] ?? (d['window'] as Doc | undefined)?.['start'] ?? (d['w'] as Doc | undefined)?.['start'];
  if (w instanceof Date) return w.getTime();
  return typeof w === 'number' ? w : undefined;
}

/**
 * Group keys held by one open window: pane windows keep `table` (one entry per key); windows
 * that run their inner pipeline per instance keep `inner` (each stage's table, `$group`'s as
 * `{ keys }`) and `out` (documents already produced by it).
 */
function keysOf(e: Doc): number {
  if (typeof e['keys'] === 'number') return e['keys'];
  const inner = e['inner'];
  if (Array.isArray(inner)) {
    for (const t of inner) {
      const keys = (t as Doc | null)?.['keys'];
      if (Array.isArray(keys) && keys.length > 0) return keys.length;
    }
    // No group state yet (e.g. a $sort buffers ahead of $group): count what the window holds.
    let held = 0;
    for (const t of inner) if (Array.isArray(t)) held = Math.max(held, t.length);
    const out = e['out'];
    return Math.max(held, Array.isArray(out) ? out.length : 0);
  }
  for (const k of ['table', 'groups', 'keys', 'entries', 'g', 'docs']) {
    const v = e[k];
    if (Array.isArray(v)) return v.length;
    if (v !== null && typeof v === 'object') return Object.keys(v).length;
  }
  return 1;
}

export function detail(processorName: string, c: CheckpointContent, bytes: number, sample = 20): CheckpointDetail {
  const operators: CheckpointDetail['operators'] = [];
  for (const [key, data] of Object.entries(c.tables)) {
    const sep = key.search(/[:.]/);
    const index = sep > 0 ? Number(key.slice(0, sep)) : NaN;
    const table = sep > 0 ? key.slice(sep + 1) : key;
    const entries = entriesOf(data);
    const info: Record<string, Value> = { entries: entries.length, sample: entries.slice(0, sample).map(relaxed) };
    const windows = new Map<number, { keys: number; bytes: number }>();
    for (const e of entries) {
      const start = windowStartOf(e);
      if (start === undefined) continue;
      const w = windows.get(start) ?? { keys: 0, bytes: 0 };
      w.keys += keysOf(e as Doc);
      w.bytes += calculateObjectSize(e as Doc);
      windows.set(start, w);
    }
    if (windows.size) {
      info['openWindows'] = [...windows].sort((a, b) => a[0] - b[0]).map(([start, w]) => ({ start: new Date(start).toISOString(), keys: w.keys, bytes: w.bytes }));
    }
    const op: CheckpointDetail['operators'][number] = { operator: `table ${Number.isFinite(index) ? index : key}`, tables: { [table]: info as { entries: number; sample: unknown[] } } };
    operators.push(op);
  }
  const out: CheckpointDetail = {
    id: String(c.id),
    processorName,
    time: new Date(c.time).toISOString(),
    sizeBytes: bytes,
    tables: Object.keys(c.tables).length,
    sourcePositions: relaxed(c.positions),
    operators,
  };
  if (c.trigger) out.trigger = c.trigger;
  if (c.stats) out.stats = c.stats;
  return out;
}
