/**
 * Kafka's zstd codec: one standard zstd frame per batch. Encoding runs the reference zstd library
 * compiled to WebAssembly (@bokuweb/zstd-wasm), loaded once on first use; decoding is pure JS
 * (fzstd), which also reads the streaming frames without a content size that Java producers write.
 * https://github.com/facebook/zstd/blob/dev/doc/zstd_compression_format.md
 */
import { decompress as fzstdDecompress } from 'fzstd';
import { compress as wasmCompress, init as wasmInit } from '@bokuweb/zstd-wasm';

/** librdkafka's and the Java client's default level. */
const LEVEL = 3;
let ready: Promise<void> | undefined;

/**
 * Loads the WebAssembly encoder; later calls share the first load. The package reads zstd.wasm
 * from next to its own JS, so a bundle must ship that file beside the bundled script.
 */
export function zstdReady(): Promise<void> {
  ready ??= wasmInit().catch((e: unknown) => {
    ready = undefined;
    throw new Error(`zstd compression is unavailable: could not load zstd.wasm from @bokuweb/zstd-wasm (${e instanceof Error ? e.message : String(e)})`);
  });
  return ready;
}

export async function zstdEncode(input: Buffer): Promise<Buffer> {
  await zstdReady();
  const out = wasmCompress(input, LEVEL);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export function zstdDecode(input: Buffer): Buffer {
  const out = fzstdDecompress(input);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
