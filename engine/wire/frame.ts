/**
 * The MongoDB wire frames the front door reads and writes: the 16-byte header, OP_MSG (a kind 0
 * body plus kind 1 document sequences, optional CRC-32C checksum), legacy OP_QUERY (only for
 * the hello / isMaster handshake of old clients) and its OP_REPLY answer. Every length is checked
 * against the frame before it is used, so a hostile frame ends in a FrameError, never a crash.
 */
import { BSON, type Document } from 'bson';
import { crc32c } from './crc32c';
import { WireError } from './errors';
import { errorMessage } from '../core/errors';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const HEADER_BYTES = 16;
/** hello's maxMessageSizeBytes: the largest frame accepted. */
export const MAX_MESSAGE_BYTES = 48_000_000;
/** hello's maxBsonObjectSize. */
export const MAX_BSON_BYTES = 16 * 1024 * 1024;
/** The server's own allowance for a command document: the user's 16 MiB plus command overhead. */
const MAX_COMMAND_BYTES = MAX_BSON_BYTES + 16 * 1024;

const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
const EXHAUST_ALLOWED = 1 << 16;
/** Bits 0-15 are required: a receiver must refuse one it does not know. */
const KNOWN_REQUIRED = CHECKSUM_PRESENT | MORE_TO_COME;

/** Engine values keep Int32 / Double / Long apart (bson's promotion would merge them). */
const DESERIALIZE: BSON.DeserializeOptions = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true };

/**
 * A frame that cannot be read. `fatal` ones (bad length, bad BSON, bad checksum) close the
 * connection after the error reply, since the byte stream may no longer be in step.
 */
export class FrameError extends WireError {
  constructor(message: string, codeName: 'ProtocolError' | 'InvalidBSON' | 'ChecksumMismatch' | 'BSONObjectTooLarge' | 'UnsupportedOpQueryCommand', readonly fatal = true) {
    super(message, codeName);
    this.name = 'FrameError';
  }
}

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A decoded request: the command document and how to answer it. */
export interface Request {
  requestId: number;
  opCode: typeof OP_MSG | typeof OP_QUERY;
  command: Document;
  /** OP_MSG moreToCome: the client wants no reply. */
  moreToCome: boolean;
  exhaustAllowed: boolean;
  /** OP_QUERY: the namespace, e.g. "admin.$cmd". */
  collection?: string;
}

/** Read a header from the first 16 bytes; checks only the length, which framing depends on. */
export function readHeader(buf: Buffer): Header {
  const length = buf.readInt32LE(0);
  const h = { length, requestId: buf.readInt32LE(4), responseTo: buf.readInt32LE(8), opCode: buf.readInt32LE(12) };
  if (length < HEADER_BYTES || length > MAX_MESSAGE_BYTES) {
    throw new FrameError(`Invalid message length ${length}: a frame is between ${HEADER_BYTES} and ${MAX_MESSAGE_BYTES} bytes (maxMessageSizeBytes)`, 'ProtocolError');
  }
  return h;
}

/** Decode one whole frame (header included). */
export function decodeRequest(frame: Buffer): Request {
  const h = readHeader(frame);
  if (h.length !== frame.length) throw new FrameError(`Frame length ${frame.length} does not match its header (${h.length})`, 'ProtocolError');
  switch (h.opCode) {
    case OP_MSG:
      return decodeOpMsg(frame, h);
    case OP_QUERY:
      return decodeOpQuery(frame, h);
    case OP_COMPRESSED:
      throw new FrameError('OP_COMPRESSED is not supported: the server offers no compressors', 'ProtocolError');
    default:
      throw new FrameError(`Unsupported opCode ${h.opCode}: the local instance speaks OP_MSG (and OP_QUERY for hello)`, 'ProtocolError');
  }
}

function decodeOpMsg(frame: Buffer, h: Header): Request {
  if (frame.length < HEADER_BYTES + 5) throw new FrameError('OP_MSG is too short to hold flags and a section', 'ProtocolError');
  const flags = frame.readUInt32LE(HEADER_BYTES);
  const unknown = flags & 0xffff & ~KNOWN_REQUIRED;
  if (unknown) throw new FrameError(`Unrecognized required OP_MSG flag bits 0x${unknown.toString(16)}`, 'ProtocolError');
  let end = frame.length;
  if (flags & CHECKSUM_PRESENT) {
    end -= 4;
    if (end < HEADER_BYTES + 5) throw new FrameError('OP_MSG with checksumPresent is too short to hold its checksum', 'ProtocolError');
    const want = frame.readUInt32LE(end);
    const got = crc32c(frame, 0, end);
    if (want !== got) throw new FrameError(`OP_MSG checksum mismatch (sent 0x${want.toString(16)}, computed 0x${got.toString(16)})`, 'ChecksumMismatch');
  }
  let pos = HEADER_BYTES + 4;
  let body: Document | undefined;
  const sequences: [string, Document[]][] = [];
  while (pos < end) {
    const kind = frame[pos++];
    if (kind === 0) {
      if (body) throw new FrameError('OP_MSG has more than one kind 0 (body) section', 'ProtocolError');
      const [doc, next] = readDoc(frame, pos, end, MAX_COMMAND_BYTES);
      body = doc;
      pos = next;
    } else if (kind === 1) {
      if (pos + 4 > end) throw new FrameError('OP_MSG document sequence is cut short', 'ProtocolError');
      const size = frame.readInt32LE(pos);
      const seqEnd = pos + size;
      if (size < 5 || seqEnd > end) throw new FrameError(`OP_MSG document sequence size ${size} does not fit the frame`, 'ProtocolError');
      const nul = frame.indexOf(0, pos + 4);
      if (nul < 0 || nul >= seqEnd) throw new FrameError('OP_MSG document sequence identifier is not terminated', 'ProtocolError');
      const id = frame.toString('utf8', pos + 4, nul);
      const docs: Document[] = [];
      let p = nul + 1;
      while (p < seqEnd) {
        const [doc, next] = readDoc(frame, p, seqEnd, MAX_BSON_BYTES);
        docs.push(doc);
        p = next;
      }
      sequences.push([id, docs]);
      pos = seqEnd;
    } else {
      throw new FrameError(`Unknown OP_MSG section kind ${String(kind)}`, 'ProtocolError');
    }
  }
  if (!body) throw new FrameError('OP_MSG has no kind 0 (body) section', 'ProtocolError');
  for (const [id, docs] of sequences) {
    if (id in body) throw new FrameError(`OP_MSG document sequence '${id}' duplicates a field of the body`, 'ProtocolError');
    body[id] = docs;
  }
  return { requestId: h.requestId, opCode: OP_MSG, command: body, moreToCome: (flags & MORE_TO_COME) !== 0, exhaustAllowed: (flags & EXHAUST_ALLOWED) !== 0 };
}

function decodeOpQuery(frame: Buffer, h: Header): Request {
  let pos = HEADER_BYTES + 4;
  const nul = frame.indexOf(0, pos);
  if (nul < 0) throw new FrameError('OP_QUERY collection name is not terminated', 'ProtocolError');
  const collection = frame.toString('utf8', pos, nul);
  pos = nul + 1 + 8; // numberToSkip, numberToReturn
  if (pos > frame.length) throw new FrameError('OP_QUERY is cut short', 'ProtocolError');
  const [query] = readDoc(frame, pos, frame.length, MAX_COMMAND_BYTES);
  // Old drivers wrap the command: {$query: {isMaster: 1}, $readPreference: ...}.
  const command = query['$query'] !== null && typeof query['$query'] === 'object' && !Array.isArray(query['$query']) ? (query['$query'] as Document) : query;
  return { requestId: h.requestId, opCode: OP_QUERY, command, moreToCome: false, exhaustAllowed: false, collection };
}

/** One BSON document at `pos`, wholly inside [pos, end); returns it and the position after it. */
function readDoc(buf: Buffer, pos: number, end: number, max: number, opts = DESERIALIZE): [Document, number] {
  if (pos + 5 > end) throw new FrameError('BSON document is cut short', 'InvalidBSON');
  const size = buf.readInt32LE(pos);
  if (size > max) throw new FrameError(`BSON document of ${size} bytes is larger than the maximum of ${max} bytes (maxBsonObjectSize ${MAX_BSON_BYTES})`, 'BSONObjectTooLarge');
  if (size < 5 || pos + size > end) throw new FrameError(`BSON document size ${size} does not fit the frame`, 'InvalidBSON');
  try {
    return [BSON.deserialize(buf.subarray(pos, pos + size), opts), pos + size];
  } catch (e) {
    throw new FrameError(`Invalid BSON: ${errorMessage(e)}`, 'InvalidBSON');
  }
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const b = Buffer.alloc(HEADER_BYTES);
  b.writeInt32LE(length, 0);
  b.writeInt32LE(requestId, 4);
  b.writeInt32LE(responseTo, 8);
  b.writeInt32LE(opCode, 12);
  return b;
}

/** An OP_MSG reply with one body section (no checksum: clients accept either). */
export function encodeOpMsg(requestId: number, responseTo: number, doc: Document, opts: { moreToCome?: boolean; checksum?: boolean } = {}): Buffer {
  const body = Buffer.from(BSON.serialize(doc));
  const flags = (opts.moreToCome ? MORE_TO_COME : 0) | (opts.checksum ? CHECKSUM_PRESENT : 0);
  const length = HEADER_BYTES + 4 + 1 + body.length + (opts.checksum ? 4 : 0);
  const out = Buffer.concat([header(length, requestId, responseTo, OP_MSG), u32(flags), Buffer.from([0]), body, ...(opts.checksum ? [Buffer.alloc(4)] : [])]);
  if (opts.checksum) out.writeUInt32LE(crc32c(out, 0, out.length - 4), out.length - 4);
  return out;
}

/** An OP_REPLY with one document, the answer to a legacy OP_QUERY handshake. */
export function encodeOpReply(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = Buffer.from(BSON.serialize(doc));
  const fixed = Buffer.alloc(20);
  fixed.writeInt32LE(8, 0); // responseFlags: AwaitCapable
  // cursorID (8 bytes) 0, startingFrom 0
  fixed.writeInt32LE(1, 16); // numberReturned
  return Buffer.concat([header(HEADER_BYTES + 20 + body.length, requestId, responseTo, OP_REPLY), fixed, body]);
}

/** An OP_QUERY frame (clients and tests; the server only reads them). */
export function encodeOpQuery(requestId: number, collection: string, doc: Document): Buffer {
  const body = Buffer.from(BSON.serialize(doc));
  const name = Buffer.from(`${collection}\0`, 'utf8');
  const skipReturn = Buffer.alloc(8);
  skipReturn.writeInt32LE(-1, 4);
  return Buffer.concat([header(HEADER_BYTES + 4 + name.length + 8 + body.length, requestId, 0, OP_QUERY), u32(0), name, skipReturn, body]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
}

/** Decode a reply frame (OP_MSG or OP_REPLY) to its document, numbers as JS numbers: for tests and probes. */
export function decodeReply(frame: Buffer): { responseTo: number; doc: Document } {
  const h = readHeader(frame);
  // An OP_MSG reply has flags, then one kind 0 section.
  if (h.opCode === OP_MSG && frame[HEADER_BYTES + 4] === 0) return { responseTo: h.responseTo, doc: readDoc(frame, HEADER_BYTES + 5, frame.length, MAX_COMMAND_BYTES, {})[0] };
  if (h.opCode === OP_REPLY) return { responseTo: h.responseTo, doc: readDoc(frame, HEADER_BYTES + 20, frame.length, MAX_COMMAND_BYTES, {})[0] };
  throw new FrameError(`Not a reply opCode: ${h.opCode}`, 'ProtocolError');
}
