/**
 * Checkpoints travel as a list of BSON documents ("sections"): one header, then table parts.
 * BSON keeps Long/Decimal128/ObjectId/Date exact and encodes several times faster than
 * canonical Extended JSON; big tables are cut into parts so no section nears the 16 MB limit.
 */
import { deserialize, serialize } from 'bson';
import type { Doc, Value } from '../../core/types';
import type { CheckpointContent, EncodedCheckpoint } from './types';

/** Entries per table part: a few MB at most for typical window state. */
const PART_ENTRIES = 10_000;

const SERIALIZE_OPTS = { ignoreUndefined: true } as const;
const DESERIALIZE_OPTS = { promoteLongs: false, promoteBuffers: false, bsonRegExp: true } as const;

export class CheckpointFormatError extends Error {}

/** Encode synchronously: the caller takes the cut between two batches, so this is the stall. */
export function encodeCheckpoint(c: CheckpointContent): EncodedCheckpoint {
  const names = Object.keys(c.tables);
  const sections: Buffer[] = [];
  const tableBytes: { name: string; bytes: number }[] = [];
  let bytes = 0;
  for (const name of names) {
    let tb = 0;
    for (const part of splitParts(name, c.tables[name])) {
      const buf = toBuffer(serialize(part, SERIALIZE_OPTS));
      sections.push(buf);
      tb += buf.length;
    }
    tableBytes.push({ name, bytes: tb });
    bytes += tb;
  }
  // The header goes first but is built last, so listing can show table sizes from it alone.
  const header: Doc = { k: 'h', id: c.id, time: new Date(c.time), positions: c.positions, tables: names, tableBytes };
  if (c.stats) header['stats'] = c.stats;
  if (c.pipelineHash) header['pipelineHash'] = c.pipelineHash;
  if (c.trigger) header['trigger'] = c.trigger;
  const hb = toBuffer(serialize(header, SERIALIZE_OPTS));
  sections.unshift(hb);
  bytes += hb.length;
  return { id: c.id, time: c.time, positions: c.positions, sections, tableBytes, bytes, trigger: c.trigger };
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function splitParts(name: string, v: Value): Doc[] {
  if (Array.isArray(v) && v.length > PART_ENTRIES) {
    const parts: Doc[] = [];
    for (let i = 0, p = 0; i < v.length; i += PART_ENTRIES, p++) {
      parts.push({ k: 't', n: name, p, m: 'a', v: v.slice(i, i + PART_ENTRIES) });
    }
    return parts;
  }
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length > PART_ENTRIES) {
      const parts: Doc[] = [];
      for (let i = 0, p = 0; i < keys.length; i += PART_ENTRIES, p++) {
        const chunk: Doc = {};
        for (let j = i; j < Math.min(keys.length, i + PART_ENTRIES); j++) chunk[keys[j]!] = v[keys[j]!];
        parts.push({ k: 't', n: name, p, m: 'o', v: chunk });
      }
      return parts;
    }
  }
  // Wrapped so scalars and arrays survive BSON's "top level must be a document" rule.
  return [{ k: 't', n: name, p: 0, m: 'v', v: v === undefined ? null : v }];
}

function isPlainObject(v: Value): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Split a concatenation of BSON documents back into its sections. */
export function splitSections(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let off = 0;
  while (off < body.length) {
    if (off + 4 > body.length) throw new CheckpointFormatError('truncated section header');
    const len = body.readInt32LE(off);
    if (len < 5 || off + len > body.length) throw new CheckpointFormatError('truncated section');
    out.push(body.subarray(off, off + len));
    off += len;
  }
  return out;
}

/** Header fields only (listing does not decode table data). */
export interface CheckpointHeader {
  id: number;
  time: number;
  positions: Record<string, Value>;
  tables: string[];
  tableBytes: { name: string; bytes: number }[];
  stats?: Record<string, number>;
  pipelineHash?: string;
  trigger?: string;
}

export function decodeHeader(section: Buffer): CheckpointHeader {
  const h = deserialize(section, DESERIALIZE_OPTS) as Doc;
  if (h['k'] !== 'h') throw new CheckpointFormatError('missing checkpoint header');
  return {
    id: Number(h['id']),
    time: (h['time'] as Date).getTime(),
    positions: (h['positions'] ?? {}) as Record<string, Value>,
    tables: (h['tables'] ?? []) as string[],
    tableBytes: (h['tableBytes'] ?? []) as { name: string; bytes: number }[],
    stats: h['stats'] as Record<string, number> | undefined,
    pipelineHash: h['pipelineHash'] as string | undefined,
    trigger: h['trigger'] as string | undefined,
  };
}

/** Full decode; throws CheckpointFormatError when a declared table has no data. */
export function decodeCheckpoint(sections: Buffer[]): CheckpointContent {
  if (sections.length === 0) throw new CheckpointFormatError('empty checkpoint');
  const h = decodeHeader(sections[0]!);
  const tables: Record<string, Value> = {};
  for (let i = 1; i < sections.length; i++) {
    const part = deserialize(sections[i]!, DESERIALIZE_OPTS) as Doc;
    const name = part['n'] as string;
    const v = part['v'];
    if (part['m'] === 'a') tables[name] = ((tables[name] as Value[] | undefined) ?? []).concat(v as Value[]);
    else if (part['m'] === 'o') tables[name] = Object.assign((tables[name] as Doc | undefined) ?? {}, v as Doc);
    else tables[name] = v;
  }
  for (const n of h.tables) {
    if (!(n in tables)) throw new CheckpointFormatError(`table ${n} is missing`);
  }
  const c: CheckpointContent = { id: h.id, time: h.time, positions: h.positions, tables };
  if (h.stats) c.stats = h.stats;
  if (h.pipelineHash) c.pipelineHash = h.pipelineHash;
  if (h.trigger) c.trigger = h.trigger;
  return c;
}
