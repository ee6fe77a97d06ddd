/**
 * Errors: the `ResponseError.code` values and their `data` shapes, and the DLQ marker key.
 * Part of the host <-> local instance contract described in shared/protocol/index.ts.
 */
import type { LocatedDiagnostic } from '../../engine/core/types';

/** `ResponseError.code` values. */
export const AspErrorCodes = {
  /** Atlas's StreamProcessorInvalidOptions: bad pipeline or options. `data` is InvalidPipelineData. */
  InvalidOptions: 420,
  /** No processor (or checkpoint, or connection) with that name. */
  NotFound: 404,
  /** The request does not fit the processor's state (start a started processor, ...). */
  BadState: 409,
  /** A processor with that name exists already. */
  Exists: 11000,
  /** A connection could not be reached. */
  External: 503,
  /** A bug; the message says what failed. */
  Internal: 500,
} as const;

/** `ResponseError.data` for InvalidOptions: the located diagnostics of the pipeline. */
export interface InvalidPipelineData {
  diagnostics: LocatedDiagnostic[];
}

/** The key that marks a DLQ record in an output stream. */
export const DLQ_MESSAGE_KEY = '_dlqMessage';
