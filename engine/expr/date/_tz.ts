/**
 * Time zones for the date operators: Olson names (through Intl, one cached formatter per zone)
 * and fixed UTC offsets ("+hh:mm", "-hhmm", "+hh"). Offsets are cached per 15-minute bucket so
 * the hot path is one Map lookup and no allocation.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/dateToParts/#std-label-date-to-parts-timezone
 */

import { daysFromCivil } from './_calendar';

const MAX_DATE_MS = 8.64e15;
const BUCKET_MS = 15 * 60 * 1000;
const MAX_CACHED_BUCKETS = 100_000;

export interface TimeZone {
  /** The name as the user wrote it. */
  readonly name: string;
  /** True for zero-offset zones; callers use it for fast paths and the default format. */
  readonly isUtc: boolean;
  /** Milliseconds to add to a UTC instant to get the local wall-clock time. */
  offset(utcMs: number): number;
  /** The UTC instant of a local wall-clock time. DST gaps move forward; overlaps take the earlier instant. */
  toUtc(localMs: number): number;
}

class FixedZone implements TimeZone {
  readonly isUtc: boolean;
  constructor(readonly name: string, private readonly off: number) {
    this.isUtc = off === 0;
  }
  offset(): number {
    return this.off;
  }
  toUtc(localMs: number): number {
    return localMs - this.off;
  }
}

class OlsonZone implements TimeZone {
  readonly isUtc = false;
  private readonly cache = new Map<number, number>();
  constructor(readonly name: string, private readonly fmt: Intl.DateTimeFormat) {}

  offset(utcMs: number): number {
    const bucket = Math.floor(utcMs / BUCKET_MS);
    let off = this.cache.get(bucket);
    if (off === undefined) {
      off = this.compute(utcMs);
      // Transitions fall on bucket boundaries, so the whole bucket shares one offset.
      if (this.cache.size >= MAX_CACHED_BUCKETS) this.cache.clear();
      this.cache.set(bucket, off);
    }
    return off;
  }

  private compute(utcMs: number): number {
    // Intl cannot format instants outside JavaScript's date range (+-8.64e15 ms); the offset
    // at the edge stands for anything beyond it, whose result the caller refuses anyway.
    const base = Math.min(MAX_DATE_MS, Math.max(-MAX_DATE_MS, Math.floor(utcMs / 1000) * 1000));
    let y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0, bc = false;
    for (const p of this.fmt.formatToParts(base)) {
      switch (p.type) {
        case 'year': y = Number(p.value); break;
        case 'month': mo = Number(p.value); break;
        case 'day': d = Number(p.value); break;
        case 'hour': h = Number(p.value) % 24; break;
        case 'minute': mi = Number(p.value); break;
        case 'second': s = Number(p.value); break;
        case 'era': bc = p.value === 'B' || p.value === 'BC'; break;
      }
    }
    if (bc) y = 1 - y;
    const local = daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000;
    return local - base;
  }

  toUtc(localMs: number): number {
    const before = this.offset(localMs - 86_400_000);
    const after = this.offset(localMs + 86_400_000);
    const tb = localMs - before;
    if (before === after) return tb;
    const ta = localMs - after;
    const okB = this.offset(tb) === before;
    const okA = this.offset(ta) === after;
    if (okB && okA) return Math.min(tb, ta);
    if (okB) return tb;
    if (okA) return ta;
    // In a gap: keep the pre-transition offset, which lands after the jump (02:30 -> 03:30).
    return tb;
  }
}

export const UTC: TimeZone = new FixedZone('UTC', 0);

const zones = new Map<string, TimeZone | null>();
const OFFSET_RE = /^([+-])(\d{2})(?::?(\d{2}))?$/;

/** Resolve a zone name; undefined when MongoDB would say "unrecognized time zone identifier". */
export function parseTimeZone(name: string): TimeZone | undefined {
  const cached = zones.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const tz = resolve(name);
  zones.set(name, tz ?? null);
  return tz;
}

function resolve(name: string): TimeZone | undefined {
  if (name === 'UTC' || name === 'GMT' || name === 'Etc/UTC' || name === 'Etc/GMT' || name === 'Z') return new FixedZone(name, 0);
  const m = OFFSET_RE.exec(name);
  if (m) {
    const hh = Number(m[2]);
    const mm = m[3] === undefined ? 0 : Number(m[3]);
    if (hh > 99 || mm > 59) return undefined;
    const off = (hh * 60 + mm) * 60_000;
    return new FixedZone(name, m[1] === '-' ? -off : off);
  }
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return undefined;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    return undefined;
  }
  const resolved = fmt.resolvedOptions().timeZone;
  // ICU matches names case-insensitively; the tz database MongoDB ships does not.
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return undefined;
  return new OlsonZone(name, fmt);
}
