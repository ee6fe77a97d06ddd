/**
 * avsc, the independent implementation the Avro tests compare bytes with: unions wrapped in
 * their branch name and longs as bigints, which is how engine/avro represents those values.
 * Only tests load avsc; the engine never does (test/engine/avro/avroSafety.test.ts checks); bench/avro.ts uses it as a baseline.
 */
import * as avro from 'avsc';

/** avsc's long as a bigint, all 64 bits. */
export const BIGINT_LONG = avro.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(0),
  toBuffer: (n: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(n);
    return b;
  },
  fromJSON: (x: unknown) => BigInt(x as number),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

function typeHook(schema: avro.Schema): avro.Type | undefined {
  if (schema === 'long') return BIGINT_LONG;
  if (typeof schema === 'object' && !Array.isArray(schema) && (schema as { type?: unknown }).type === 'long') return BIGINT_LONG;
  return undefined;
}

export function avscType(schema: unknown): avro.Type {
  return avro.Type.forSchema(schema as avro.Schema, { wrapUnions: 'always', typeHook });
}
