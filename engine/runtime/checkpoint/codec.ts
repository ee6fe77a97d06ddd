/**
 * Checkpoints travel as a list of sections, each starting with its int32 length: one BSON header
 * document, then the table data. Table data is one stream of (name, value) pairs in the compact
 * encoding of valueCodec.ts, cut into chunks of about 1 MB (marked by byte 0xFF where a BSON
 * document has its first element type), so no section nears the 16 MB document limit of the
 * MongoDB store. Older checkpoints whose tables are BSON parts still load.
 */
import { normalizeNumbers } from '../../bson/numbers';
import { deserialize, serialize } from 'bson';
import type { Doc, Value } from '../../core/types';
import type { StateTable } from '../../core/operator';
import type { CheckpointContent, EncodedCheckpoint } from './types';
import { CodecError, ValueReader, ValueWriter } from './valueCodec';

const SERIALIZE_OPTS = { ignoreUndefined: true } as const;
// promoteValues: false + normalizeNumbers keep int32 and double apart (docs/architecture.md).
const DESERIALIZE_OPTS = { promoteValues: false, promoteBuffers: false, bsonRegExp: true } as const;
/** Section kind byte of a table-stream chunk (BSON would have an element type there). */
const STREAM_KIND = 0xff;
const STREAM_RESERVE = 5;

export class CheckpointFormatError extends Error {}

/**
 * A table whose snapshot is written at encode time through StateTable.snapshotTo, so no copy of
 * the state is built. Valid only when encodeCheckpoint runs before the pipeline moves on.
 */
export class StreamedTable {
  constructor(readonly table: StateTable) {}
}

/** What a table contributes to a cut: a streamed reference when it can, else its snapshot. */
export function tableSnapshot(t: StateTable): Value {
  return t.snapshotTo ? new StreamedTable(t) : t.snapshot();
}

/** Encode synchronously: the caller takes the cut between two batches, so this is the stall. */
export function encodeCheckpoint(c: CheckpointContent): EncodedCheckpoint {
  const names = Object.keys(c.tables);
  const tableBytes: { name: string; bytes: number }[] = [];
  const w = new ValueWriter(STREAM_RESERVE);
  for (const name of names) {
    const before = w.bytes;
    w.key(name);
    const v = c.tables[name];
    if (v instanceof StreamedTable) v.table.snapshotTo!(w);
    else w.value(v);
    tableBytes.push({ name, bytes: w.bytes - before });
  }
  const sections: Buffer[] = [];
  let bytes = 0;
  if (names.length > 0) {
    for (const chunk of w.finish()) {
      chunk.writeInt32LE(chunk.length, 0);
      chunk[4] = STREAM_KIND;
      sections.push(chunk);
      bytes += chunk.length;
    }
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
  const h = normalizeNumbers(deserialize(section, DESERIALIZE_OPTS)) as Doc;
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
  const stream: Buffer[] = [];
  for (let i = 1; i < sections.length; i++) {
    const sec = sections[i]!;
    if (sec[4] === STREAM_KIND) {
      stream.push(sec.subarray(STREAM_RESERVE));
      continue;
    }
    const part = normalizeNumbers(deserialize(sec, DESERIALIZE_OPTS)) as Doc;
    const name = part['n'] as string;
    const v = part['v'];
    if (part['m'] === 'a') tables[name] = ((tables[name] as Value[] | undefined) ?? []).concat(v as Value[]);
    else if (part['m'] === 'o') tables[name] = Object.assign((tables[name] as Doc | undefined) ?? {}, v as Doc);
    else tables[name] = v;
  }
  if (stream.length > 0) readStream(stream.length === 1 ? stream[0]! : Buffer.concat(stream), tables);
  for (const n of h.tables) {
    if (!(n in tables)) throw new CheckpointFormatError(`table ${n} is missing`);
  }
  const c: CheckpointContent = { id: h.id, time: h.time, positions: h.positions, tables };
  if (h.stats) c.stats = h.stats;
  if (h.pipelineHash) c.pipelineHash = h.pipelineHash;
  if (h.trigger) c.trigger = h.trigger;
  return c;
}

function readStream(buf: Buffer, into: Record<string, Value>): void {
  const r = new ValueReader(buf);
  try {
    while (!r.done) {
      const name = r.key();
      into[name] = r.value();
    }
  } catch (e) {
    if (e instanceof CodecError) throw new CheckpointFormatError(e.message);
    throw e;
  }
}
