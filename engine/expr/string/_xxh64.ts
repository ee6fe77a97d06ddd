/**
 * XXH64 (seed 0) in plain JavaScript, for `$hash: {algorithm: "xxh64"}`: the algorithm as its
 * specification defines it, over 64-bit BigInt arithmetic. Returns the canonical big-endian digest.
 * https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md#xxh64-algorithm-description
 */
const M = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & M;
}

function round(acc: bigint, lane: bigint): bigint {
  return (rotl((acc + lane * P2) & M, 31n) * P1) & M;
}

function mergeAccumulator(acc: bigint, v: bigint): bigint {
  return ((((acc ^ round(0n, v)) * P1) & M) + P4) & M;
}

function u64(b: Uint8Array, i: number): bigint {
  const view = new DataView(b.buffer, b.byteOffset + i, 8);
  return view.getBigUint64(0, true);
}

function u32(b: Uint8Array, i: number): bigint {
  return BigInt(new DataView(b.buffer, b.byteOffset + i, 4).getUint32(0, true));
}

export function xxh64(input: Uint8Array): Uint8Array {
  const len = input.length;
  let i = 0;
  let acc: bigint;
  if (len >= 32) {
    let v1 = (P1 + P2) & M;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (M + 1n - P1) & M;
    for (; i + 32 <= len; i += 32) {
      v1 = round(v1, u64(input, i));
      v2 = round(v2, u64(input, i + 8));
      v3 = round(v3, u64(input, i + 16));
      v4 = round(v4, u64(input, i + 24));
    }
    acc = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M;
    acc = mergeAccumulator(acc, v1);
    acc = mergeAccumulator(acc, v2);
    acc = mergeAccumulator(acc, v3);
    acc = mergeAccumulator(acc, v4);
  } else {
    acc = P5;
  }
  acc = (acc + BigInt(len)) & M;
  for (; i + 8 <= len; i += 8) {
    acc ^= round(0n, u64(input, i));
    acc = (rotl(acc, 27n) * P1 + P4) & M;
  }
  if (i + 4 <= len) {
    acc ^= (u32(input, i) * P1) & M;
    acc = (rotl(acc, 23n) * P2 + P3) & M;
    i += 4;
  }
  for (; i < len; i++) {
    acc ^= (BigInt(input[i]!) * P5) & M;
    acc = (rotl(acc, 11n) * P1) & M;
  }
  acc ^= acc >> 33n;
  acc = (acc * P2) & M;
  acc ^= acc >> 29n;
  acc = (acc * P3) & M;
  acc ^= acc >> 32n;
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, acc, false);
  return out;
}
