/**
 * The wire frame codec (OP_MSG sections and checksum, OP_QUERY / OP_REPLY) and the front door's
 * answer to frames it cannot read: one clear error reply, then the connection closes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BSON, Int32, Long } from 'bson';
import { crc32c } from '../../../engine/wire/crc32c';
import { decodeReply, decodeRequest, encodeOpMsg, encodeOpQuery, FrameError, MAX_MESSAGE_BYTES, OP_MSG } from '../../../engine/wire/frame';
import { exchange, splitFrames, startWire } from './_support';

/** An OP_MSG request with a body and optional document sequences, built by hand. */
function opMsg(requestId: number, body: object, seqs: [string, object[]][] = [], flags = 0, checksum = false): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(BSON.serialize(body))];
  for (const [id, docs] of seqs) {
    const payload = Buffer.concat([Buffer.from(`${id}\0`), ...docs.map((d) => Buffer.from(BSON.serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  const f = Buffer.alloc(4);
  f.writeUInt32LE((flags | (checksum ? 1 : 0)) >>> 0);
  const head = Buffer.alloc(16);
  const body2 = Buffer.concat([f, ...parts]);
  const len = 16 + body2.length + (checksum ? 4 : 0);
  head.writeInt32LE(len, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(OP_MSG, 12);
  const out = Buffer.concat([head, body2, Buffer.alloc(checksum ? 4 : 0)]);
  if (checksum) out.writeUInt32LE(crc32c(out, 0, len - 4), len - 4);
  return out;
}

test('crc32c: the Castagnoli check value', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
});

test('frame: OP_MSG body, document sequences and a valid checksum decode; types stay apart', () => {
  const req = decodeRequest(opMsg(7, { insert: 'c', n: new Int32(1), d: 1.5, l: Long.fromNumber(2) }, [['documents', [{ a: 1 }, { a: 2 }]]], 0, true));
  assert.equal(req.requestId, 7);
  assert.equal(req.command['insert'], 'c');
  assert.deepEqual((req.command['documents'] as { a: Int32 }[]).map((d) => Number(d.a)), [1, 2]);
  assert.equal((req.command['n'] as { _bsontype: string })._bsontype, 'Int32');
  assert.equal((req.command['d'] as { _bsontype: string })._bsontype, 'Double');
  assert.equal((req.command['l'] as { _bsontype: string })._bsontype, 'Long');
});

test('frame: malformed OP_MSG frames are refused with a reason', () => {
  const good = opMsg(1, { ping: 1 }, [], 0, true);
  const flipped = Buffer.from(good);
  flipped[good.length - 1]! ^= 0xff;
  const cases: [string, Buffer, RegExp][] = [
    ['bad checksum', flipped, /checksum mismatch/],
    ['unknown required flag', opMsg(1, { ping: 1 }, [], 1 << 4), /required OP_MSG flag bits 0x10/],
    ['no body', opMsg(1, { ping: 1 }).subarray(0, 21), /length|short|body/],
    ['two bodies', Buffer.concat([opMsg(1, { ping: 1 }), Buffer.from([0]), Buffer.from(BSON.serialize({ x: 1 }))]), /./],
    ['duplicate sequence field', opMsg(1, { documents: 1 }, [['documents', [{}]]]), /duplicates a field/],
  ];
  for (const [what, frame, re] of cases) {
    // Keep the header's length in step with the bytes, so the body check is what fails.
    const f = Buffer.from(frame);
    f.writeInt32LE(f.length, 0);
    assert.throws(() => decodeRequest(f), (e: unknown) => e instanceof FrameError && re.test(e.message), what);
  }
});

test('frame: OP_QUERY handshake decodes, with or without a $query wrapper', () => {
  const q = decodeRequest(encodeOpQuery(3, 'admin.$cmd', { isMaster: 1, helloOk: true }));
  assert.equal(q.collection, 'admin.$cmd');
  assert.ok('isMaster' in q.command);
  const w = decodeRequest(encodeOpQuery(4, 'admin.$cmd', { $query: { ismaster: 1 }, $readPreference: { mode: 'primary' } }));
  assert.ok('ismaster' in w.command);
});

test('wire: legacy OP_QUERY isMaster gets an OP_REPLY; other OP_QUERY commands are refused', async (t) => {
  const w = await startWire(t);
  const r = await exchange(w.port, Buffer.concat([encodeOpQuery(11, 'admin.$cmd', { isMaster: 1 }), encodeOpQuery(12, 'admin.$cmd', { listStreamProcessors: 1 })]));
  const [a, b] = splitFrames(r.data).map(decodeReply);
  assert.equal(a!.responseTo, 11);
  assert.equal(a!.doc['ismaster'], true);
  assert.equal(a!.doc['maxMessageSizeBytes'], MAX_MESSAGE_BYTES);
  assert.equal(b!.doc['code'], 352);
  assert.match(String(b!.doc['errmsg']), /Unsupported OP_QUERY command: listStreamProcessors/);
});

test('wire: an oversized frame gets a clear error and a closed connection; the instance still answers', async (t) => {
  const w = await startWire(t);
  const head = Buffer.alloc(16);
  head.writeInt32LE(MAX_MESSAGE_BYTES + 1, 0);
  head.writeInt32LE(99, 4);
  head.writeInt32LE(OP_MSG, 12);
  const r = await exchange(w.port, head, { end: false });
  const [reply] = splitFrames(r.data).map(decodeReply);
  assert.equal(reply!.responseTo, 99);
  assert.equal(reply!.doc['ok'], 0);
  assert.equal(reply!.doc['codeName'], 'ProtocolError');
  assert.match(String(reply!.doc['errmsg']), /Invalid message length 48000001: a frame is between 16 and 48000000 bytes/);
  assert.ok(r.closedByServer, 'the server closed the connection');
  assert.ok(w.logs.some((l) => /closed after a bad frame/.test(l)));
  const ping = splitFrames((await exchange(w.port, encodeOpMsg(1, 0, { ping: 1, $db: 'admin' }))).data).map(decodeReply);
  assert.equal(ping[0]!.doc['ok'], 1);
});

test('wire: a document over maxBsonObjectSize in a document sequence is refused as BSONObjectTooLarge', async (t) => {
  const w = await startWire(t);
  const big = { blob: 'x'.repeat(16 * 1024 * 1024) };
  const frame = opMsg(5, { insert: 'c', $db: 'admin' }, [['documents', [big]]]);
  const r = await exchange(w.port, frame, { end: false });
  const [reply] = splitFrames(r.data).map(decodeReply);
  assert.equal(reply!.doc['codeName'], 'BSONObjectTooLarge');
  assert.match(String(reply!.doc['errmsg']), /larger than the maximum of 16777216 bytes/);
  assert.ok(r.closedByServer);
});

test('wire: moreToCome requests get no reply; the next request does', async (t) => {
  const w = await startWire(t);
  const r = await exchange(w.port, Buffer.concat([opMsg(1, { ping: 1, $db: 'admin' }, [], 1 << 1), opMsg(2, { ping: 1, $db: 'admin' })]));
  const replies = splitFrames(r.data).map(decodeReply);
  assert.deepEqual(replies.map((x) => x.responseTo), [2]);
});
