/**
 * Wire fuzz: thousands of random, truncated, bit-flipped, mis-sized and oversized frames from a
 * seeded PRNG, each on its own connection. The front door must never crash, every byte it sends
 * back must be whole reply frames, and the instance must still answer `ping` afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BSON, Int32, Long } from 'bson';
import { prng } from '../../../engine/sources/sample';
import { decodeReply, encodeOpMsg, encodeOpQuery, MAX_MESSAGE_BYTES, OP_MSG, OP_QUERY } from '../../../engine/wire/frame';
import { COMMAND_NAMES } from '../../../engine/wire/commandTable';
import { exchange, splitFrames, startWire } from './_support';

const FRAMES = 3000;
const PARALLEL = 8;
const SEED = 0x5eed;

const ODD_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', '', '$db', 'find', 'insert', 'aggregate', 'x\u0001', 'é'];

function generator(seed: number) {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(256)));
  const value = (depth: number): unknown => {
    switch (int(depth > 2 ? 7 : 10)) {
      case 0: return int(1000) - 500;
      case 1: return rnd() * 1e6;
      case 2: return pick(['', 'x', 'sample_stream_solar', '$a', 'p'.repeat(int(300))]);
      case 3: return rnd() < 0.5;
      case 4: return null;
      case 5: return new Int32(int(100));
      case 6: return Long.fromNumber(int(1e9));
      case 7: return Array.from({ length: int(4) }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(['a', '$source', 'pipeline', 'options', 'filter', 'cursorId', '$match', 'name']), value(depth + 1)]));
    }
  };
  const command = (): Record<string, unknown> => {
    const name = rnd() < 0.8 ? pick(COMMAND_NAMES) : pick(ODD_NAMES);
    const doc: Record<string, unknown> = { [name]: value(0) };
    for (let i = int(4); i > 0; i--) doc[pick(['pipeline', 'options', 'filter', 'cursorId', 'batchSize', 'limit', 'payload', 'mechanism', 'conversationId', 'name'])] = value(0);
    doc['$db'] = 'admin';
    return doc;
  };
  const validFrame = (): Buffer => (rnd() < 0.85 ? encodeOpMsg(int(1e6), 0, command(), { checksum: rnd() < 0.3 }) : encodeOpQuery(int(1e6), pick(['admin.$cmd', 'x.y', '']), command()));
  const header = (length: number, opCode: number): Buffer => {
    const h = Buffer.alloc(16);
    h.writeInt32LE(length, 0);
    h.writeInt32LE(int(1e6), 4);
    h.writeInt32LE(opCode, 12);
    return h;
  };
  const kinds = {
    random: (): Buffer => bytes(int(200)),
    truncated: (): Buffer => {
      const f = validFrame();
      return f.subarray(0, int(f.length));
    },
    flipped: (): Buffer => {
      const f = Buffer.from(validFrame());
      for (let i = 1 + int(5); i > 0; i--) f[int(f.length)] ^= 1 << int(8);
      return f;
    },
    misSized: (): Buffer => {
      const body = bytes(int(120));
      const len = pick([int(16), -int(1e6), 16 + body.length + 1 + int(50), 16 + int(body.length)]);
      return Buffer.concat([header(len, pick([OP_MSG, OP_QUERY, 2012, 1, int(5000)])), body]);
    },
    oversized: (): Buffer => header(MAX_MESSAGE_BYTES + 1 + int(2 ** 30), OP_MSG),
    valid: (): Buffer => validFrame(),
    badSection: (): Buffer => {
      const doc = Buffer.from(BSON.serialize({ ping: 1, $db: 'admin' }));
      const seq = Buffer.concat([Buffer.from([1]), Buffer.from(new Int32Array([int(2 ** 31) - 2 ** 30]).buffer), Buffer.from('documents\0'), bytes(int(40))]);
      const body = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), doc, seq]);
      return Buffer.concat([header(16 + body.length, OP_MSG), body]);
    },
  };
  const names = Object.keys(kinds) as (keyof typeof kinds)[];
  return () => {
    const kind = names[int(names.length)]!;
    return { kind, frame: kinds[kind]() };
  };
}

test(`wire fuzz: ${FRAMES} hostile frames, no crash, the instance still answers ping`, { timeout: 600_000 }, async (t) => {
  const w = await startWire(t);
  let rejections = 0;
  const onRejection = (): void => void rejections++;
  process.on('unhandledRejection', onRejection);
  t.after(() => process.off('unhandledRejection', onRejection));
  const next = generator(SEED);
  const perKind: Record<string, number> = {};
  let replies = 0;
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent < FRAMES) {
      sent++;
      const { kind, frame } = next();
      perKind[kind] = (perKind[kind] ?? 0) + 1;
      const r = await exchange(w.port, frame);
      const frames = splitFrames(r.data);
      assert.equal(frames.reduce((n, f) => n + f.length, 0), r.data.length, `only whole reply frames come back (${kind})`);
      for (const f of frames) {
        const { doc } = decodeReply(f);
        assert.ok(doc['ok'] === 1 || (doc['ok'] === 0 && typeof doc['errmsg'] === 'string' && typeof doc['code'] === 'number'), `a reply or an error reply (${kind})`);
        assert.doesNotMatch(String(doc['errmsg'] ?? ''), /\n\s+at /, 'no stack trace');
        replies++;
      }
      if (sent % 500 === 0) {
        const ping = splitFrames((await exchange(w.port, encodeOpMsg(1, 0, { ping: 1, $db: 'admin' }))).data).map(decodeReply);
        assert.equal(ping[0]?.doc['ok'], 1, `ping after ${sent} frames`);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const ping = splitFrames((await exchange(w.port, encodeOpMsg(1, 0, { ping: 1, $db: 'admin' }))).data).map(decodeReply);
  assert.equal(ping[0]?.doc['ok'], 1);
  assert.equal(rejections, 0, 'no unhandled rejection');
  process.stdout.write(`wire fuzz: ${sent} frames (seed ${SEED}; ${Object.entries(perKind).map(([k, n]) => `${k} ${n}`).join(', ')}), ${replies} replies, 0 crashes, ping answered\n`);
  assert.equal(sent, FRAMES);
});
