/**
 * `$source.schemaRegistry`: Kafka record values in the Confluent wire format, decoded with the
 * writer's schema fetched by id from the registry (cached), mapped to BSON (toBson.ts). Once a
 * schema is known, a record decodes synchronously.
 */
import type { Doc } from '../../core/types';
import { isPlainObject } from '../../bson/types';
import type { KafkaValueDecoder } from '../kafka/valueCodec';
import { decodeAvro } from '../../avro/decode';
import { avroType, type AvroType } from './avroTypes';
import type { SchemaRegistryClient } from './client';
import { AvroDecodeError, SchemaRegistryRejection } from './errors';
import { MappingError, toBson } from './toBson';
import { unframe } from './wireFormat';

const PREFIX = 'Avro deserialization failed: ';
const SCHEMA_NOT_FOUND = 40403;

export class AvroValueDecoder implements KafkaValueDecoder {
  private readonly types = new Map<number, AvroType>();
  private readonly pending = new Map<number, Promise<AvroType>>();

  constructor(private readonly client: SchemaRegistryClient) {}

  decode(value: Buffer | null): Doc | Promise<Doc> {
    // A tombstone or empty value is an empty document, as with JSON values.
    if (value === null || value.length === 0) return {};
    let framed;
    try {
      framed = unframe(value);
    } catch (e) {
      throw new AvroDecodeError(PREFIX + (e as Error).message);
    }
    const { schemaId, body } = framed;
    const type = this.types.get(schemaId);
    if (type) return this.read(type, schemaId, body);
    return this.load(schemaId).then((t) => this.read(t, schemaId, body));
  }

  private load(id: number): Promise<AvroType> {
    let p = this.pending.get(id);
    if (!p) {
      p = this.fetch(id).finally(() => this.pending.delete(id));
      this.pending.set(id, p);
    }
    return p;
  }

  private async fetch(id: number): Promise<AvroType> {
    let reg;
    try {
      reg = await this.client.schemaById(id);
    } catch (e) {
      if (e instanceof SchemaRegistryRejection && (e.errorCode === SCHEMA_NOT_FOUND || e.status === 404)) {
        throw new AvroDecodeError(`${PREFIX}schema id ${id} is not in schema registry '${this.client.name}'`);
      }
      throw e;
    }
    if (reg.schemaType.toUpperCase() !== 'AVRO') throw new AvroDecodeError(`${PREFIX}schema id ${id} is a ${reg.schemaType} schema; only Avro is supported`);
    let type: AvroType;
    try {
      type = avroType(reg.schema);
    } catch (e) {
      throw new AvroDecodeError(`${PREFIX}schema id ${id} is not a valid Avro schema: ${(e as Error).message}`);
    }
    this.types.set(id, type);
    return type;
  }

  private read(type: AvroType, id: number, body: Buffer): Doc {
    let raw: unknown;
    try {
      raw = decodeAvro(type, body);
    } catch (e) {
      throw new AvroDecodeError(`${PREFIX}the body does not match schema id ${id}: ${(e as Error).message}`);
    }
    let doc: unknown;
    try {
      doc = toBson(type, raw);
    } catch (e) {
      if (e instanceof MappingError) throw new AvroDecodeError(`${PREFIX}schema id ${id}: ${e.message}`);
      throw e;
    }
    if (!isPlainObject(doc)) throw new AvroDecodeError(`${PREFIX}schema id ${id} describes a ${type.kind}, not a record: a document needs a record (or map) schema`);
    return doc;
  }
}
