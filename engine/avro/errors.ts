/**
 * The Avro codec's errors: a schema that is not valid Avro (naming where in the schema), bytes
 * that do not decode with a schema (naming the byte offset), and a value that does not fit its
 * schema when encoding (naming the field path). Plain Errors: callers wrap them in their own
 * domain errors (the Schema Registry codec makes them dead-letterable).
 */

/** `path` is where in the schema JSON, e.g. `fields[2].type.items`; '' for the top level. */
export class AvroSchemaError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path === '' ? 'at the top level' : `at ${path}`}: ${reason}`);
    this.name = 'AvroSchemaError';
  }
}

/** Bytes that are not a value of the schema: truncated, malformed, or with bytes left over. */
export class AvroDecodeDataError extends Error {
  constructor(readonly offset: number, readonly reason: string) {
    super(`${reason} (at byte ${offset})`);
    this.name = 'AvroDecodeDataError';
  }
}

/** A value that does not fit its schema (the encoder's, and the BSON mapping's); `path` is a dotted field path ('' for the top). */
export class AvroValueError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(path ? `field '${path}': ${reason}` : reason);
    this.name = 'AvroValueError';
  }
}

/** A path one step down: `a.b` for a key, `a[2]` for an index (schema JSON paths and field paths alike). */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}
