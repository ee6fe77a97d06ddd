// Minimal typings for the pure-JS compression packages the Kafka codecs use.
declare module 'snappyjs' {
  export function compress(input: Buffer): Buffer;
  export function uncompress(input: Buffer, maxLength?: number): Buffer;
}

declare module 'lz4js' {
  /** Compresses src[sIndex, sIndex+sLength) into dst from 0; returns the compressed size (0 when nothing was gained). */
  export function compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
  /** Decodes one block into dst from dIndex; returns the new end of dst. */
  export function decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
  export function compressBound(n: number): number;
  /** A whole LZ4 frame (dependent 4 MiB blocks). */
  export function compress(src: Uint8Array): Uint8Array;
}

declare module 'lz4js/xxh32' {
  export function hash(seed: number, src: Uint8Array, index: number, len: number): number;
}
