/**
 * The Avro codec's errors. A record or document that does not fit is a user-domain error
 * (ExprError, so the Kafka source and sink send it to the DLQ with this message and go on);
 * a registry that cannot be reached or refuses the credentials is an EngineError that fails
 * the processor after retries, so no record is dead-lettered for a server's fault.
 */
import { EngineError, ExprError } from '../../core/errors';

/** A Kafka record value that is not a decodable Confluent-framed Avro message. */
export class AvroDecodeError extends ExprError {
  constructor(message: string) {
    super(message, 'ASP_AVRO_DECODE');
    this.name = 'AvroDecodeError';
  }
}

/** A document that cannot be written with the value schema (or whose schema the registry refuses). */
export class AvroEncodeError extends ExprError {
  constructor(message: string) {
    super(message, 'ASP_AVRO_ENCODE');
    this.name = 'AvroEncodeError';
  }
}

/**
 * The registry failed as a server: unreachable, 5xx, a bad reply (external, retried), or it
 * refused the connection's credentials (user, not retried: the connection is misconfigured).
 */
export class SchemaRegistryError extends EngineError {
  constructor(message: string, domain: 'external' | 'user', readonly status?: number) {
    super(message, domain, domain === 'user' ? 'ASP_SCHEMA_REGISTRY_AUTH' : 'ASP_CONNECTION');
    this.name = 'SchemaRegistryError';
  }
}

/**
 * The registry answered 4xx about the request itself (unknown schema id or subject, invalid or
 * incompatible schema): a fact about one record or document, carried with Confluent's
 * `error_code` (40401 subject not found, 40403 schema not found, 409 incompatible, 42201 invalid).
 */
export class SchemaRegistryRejection extends Error {
  constructor(message: string, readonly status: number, readonly errorCode: number | undefined) {
    super(message);
    this.name = 'SchemaRegistryRejection';
  }
}
