/**
 * Registers snappy, lz4 and zstd with kafkajs's codec table (kafkajs ships only gzip). The table
 * is process-wide, so importing this module once serves every producer ($emit) and consumer
 * ($source) alike. Pure JS and WebAssembly only: the engine runs inside the editor's extension host.
 * https://kafka.js.org/docs/producing#compression
 */
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { lz4Decode, lz4Encode } from './lz4';
import { snappyDecode, snappyEncode } from './snappy';
import { zstdDecode, zstdEncode } from './zstd';

export { zstdReady } from './zstd';

interface Encoder {
  buffer: Buffer;
}

const snappy = {
  compress: async (e: Encoder) => snappyEncode(e.buffer),
  decompress: async (b: Buffer) => snappyDecode(b),
};
const lz4 = {
  compress: async (e: Encoder) => lz4Encode(e.buffer),
  decompress: async (b: Buffer) => lz4Decode(b),
};
const zstd = {
  compress: (e: Encoder) => zstdEncode(e.buffer),
  decompress: async (b: Buffer) => zstdDecode(b),
};

const codecs = CompressionCodecs as unknown as Record<number, () => unknown>;
codecs[CompressionTypes.Snappy] = () => snappy;
codecs[CompressionTypes.LZ4] = () => lz4;
codecs[CompressionTypes.ZSTD] = () => zstd;

/** The kafkajs compression type for `$emit.config.compression_type`. */
export function compressionType(name: string | undefined): CompressionTypes {
  switch (name) {
    case 'gzip':
      return CompressionTypes.GZIP;
    case 'snappy':
      return CompressionTypes.Snappy;
    case 'lz4':
      return CompressionTypes.LZ4;
    case 'zstd':
      return CompressionTypes.ZSTD;
    default:
      return CompressionTypes.None;
  }
}
