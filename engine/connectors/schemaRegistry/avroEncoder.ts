/**
 * `$emit.schemaRegistry`: documents written as Confluent-framed Avro. With a value schema, its
 * id comes from registering it under the strategy's subject (autoRegisterSchemas, the default)
 * or from looking it up there; without one, the subject's latest version is the writer schema
 * (TopicNameStrategy only: the other strategies name the subject after the schema). Ids are
 * cached per subject, so after the first document of a topic a document encodes synchronously.
 */
import type { Doc } from '../../core/types';
import { EngineError } from '../../core/errors';
import type { KafkaValueEncoder } from '../kafka/valueCodec';
import { encodeAvro } from '../../avro/encode';
import { avroType, fullName, type AvroType } from './avroTypes';
import type { SchemaRegistryClient } from './client';
import { AvroEncodeError, SchemaRegistryRejection } from './errors';
import { fromBson } from './fromBson';
import { MappingError } from './toBson';
import { DEFAULT_SUBJECT_NAME_STRATEGY, valueSubject, type SubjectNameStrategy } from './subjects';
import { frame } from './wireFormat';

const PREFIX = 'Avro serialization failed: ';

export interface AvroEncoderOptions {
  /** `valueSchema.schema`: the writer schema, as an object or JSON text. */
  schema?: string | object;
  /** `valueSchema.options.autoRegisterSchemas`; default true. */
  autoRegisterSchemas?: boolean;
  /** `valueSchema.options.subjectNameStrategy`; default TopicNameStrategy. */
  subjectNameStrategy?: SubjectNameStrategy;
}

interface Writer {
  id: number;
  type: AvroType;
}

export class AvroValueEncoder implements KafkaValueEncoder {
  private readonly type: AvroType | undefined;
  private readonly text: string | undefined;
  private readonly strategy: SubjectNameStrategy;
  private readonly autoRegister: boolean;
  private readonly writers = new Map<string, Writer>();
  private readonly pending = new Map<string, Promise<Writer>>();

  /** Throws a user EngineError for a schema or option combination that can never work. */
  constructor(private readonly client: SchemaRegistryClient, opts: AvroEncoderOptions = {}) {
    this.strategy = opts.subjectNameStrategy ?? DEFAULT_SUBJECT_NAME_STRATEGY;
    this.autoRegister = opts.autoRegisterSchemas ?? true;
    if (opts.schema !== undefined) {
      try {
        this.type = avroType(opts.schema);
      } catch (e) {
        throw new EngineError(`$emit.schemaRegistry.valueSchema.schema is not a valid Avro schema: ${(e as Error).message}`, 'user', 'ASP_AVRO_SCHEMA', '$emit');
      }
      this.text = typeof opts.schema === 'string' ? opts.schema : JSON.stringify(opts.schema);
    } else if (this.strategy !== 'TopicNameStrategy') {
      throw new EngineError(`$emit.schemaRegistry: subjectNameStrategy ${this.strategy} needs valueSchema.schema (the subject is named after the schema)`, 'user', 'ASP_AVRO_SCHEMA', '$emit');
    }
  }

  encode(doc: Doc, topic: string): Buffer | Promise<Buffer> {
    const subject = valueSubject(this.strategy, topic, this.type ? fullName(this.type) : undefined);
    const w = this.writers.get(subject);
    if (w) return this.write(w, doc);
    return this.writer(subject).then((x) => this.write(x, doc));
  }

  private writer(subject: string): Promise<Writer> {
    let p = this.pending.get(subject);
    if (!p) {
      p = this.resolve(subject)
        .then((w) => {
          this.writers.set(subject, w);
          return w;
        })
        .finally(() => this.pending.delete(subject));
      this.pending.set(subject, p);
    }
    return p;
  }

  private async resolve(subject: string): Promise<Writer> {
    try {
      if (this.type && this.text !== undefined) {
        const id = this.autoRegister ? await this.client.register(subject, this.text) : await this.client.lookup(subject, this.text);
        return { id, type: this.type };
      }
      const latest = await this.client.latest(subject);
      if (latest.schemaType.toUpperCase() !== 'AVRO') throw new AvroEncodeError(`${PREFIX}the latest schema of subject '${subject}' is a ${latest.schemaType} schema; only Avro is supported`);
      return { id: latest.id, type: this.parseLatest(subject, latest.schema) };
    } catch (e) {
      if (!(e instanceof SchemaRegistryRejection)) throw e;
      const what = this.type ? (this.autoRegister ? 'registering the value schema under' : 'looking the value schema up under') : 'reading the latest schema of';
      throw new AvroEncodeError(`${PREFIX}${what} subject '${subject}': ${e.message}`);
    }
  }

  private parseLatest(subject: string, schema: string): AvroType {
    try {
      return avroType(schema);
    } catch (e) {
      throw new AvroEncodeError(`${PREFIX}the latest schema of subject '${subject}' is not a valid Avro schema: ${(e as Error).message}`);
    }
  }

  private write(w: Writer, doc: Doc): Buffer {
    let body: Buffer;
    try {
      body = encodeAvro(w.type, fromBson(w.type, doc));
    } catch (e) {
      if (e instanceof MappingError) throw new AvroEncodeError(`${PREFIX}${e.message} (schema id ${w.id})`);
      throw new AvroEncodeError(`${PREFIX}${(e as Error).message} (schema id ${w.id})`);
    }
    return frame(w.id, body);
  }
}
