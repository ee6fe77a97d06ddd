/**
 * Command errors as the wire front door sends them: `{ok: 0, errmsg, code, codeName}` with
 * MongoDB's / Atlas's codes. The engine's CommandError codes (shared/protocol.ts AspErrorCodes)
 * map onto the Atlas stream-processor codes; anything else is an InternalError with its message.
 */
import type { Document } from 'bson';
import { AspErrorCodes } from '../../shared/protocol';
import { CommandError } from '../runtime/errors';
import { errorMessage } from '../core/errors';
import { redactSecrets } from './redact';

/** The MongoDB error codes the front door uses (src/mongo/base/error_codes.yml names). */
export const CODES = {
  InternalError: 1,
  BadValue: 2,
  HostUnreachable: 6,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  ProtocolError: 17,
  AuthenticationFailed: 18,
  IllegalOperation: 20,
  InvalidBSON: 22,
  CommandNotFound: 59,
  InvalidOptions: 72,
  ChecksumMismatch: 288,
  MechanismUnavailable: 334,
  UnsupportedOpQueryCommand: 352,
  StreamProcessorDoesNotExist: 415,
  StreamProcessorAlreadyExists: 416,
  StreamProcessorInvalidOptions: 420,
  BSONObjectTooLarge: 10334,
} as const;

export type CodeName = keyof typeof CODES;

export class WireError extends Error {
  constructor(message: string, readonly codeName: CodeName) {
    super(message);
    this.name = 'WireError';
  }

  get code(): number {
    return CODES[this.codeName];
  }
}

/**
 * The engine's codes → Atlas's. BadState has no documented Atlas code (UNCONFIRMED): a command
 * that does not fit the processor's state is MongoDB's IllegalOperation.
 */
const FROM_ASP: Record<number, CodeName> = {
  [AspErrorCodes.InvalidOptions]: 'StreamProcessorInvalidOptions',
  [AspErrorCodes.NotFound]: 'StreamProcessorDoesNotExist',
  [AspErrorCodes.Exists]: 'StreamProcessorAlreadyExists',
  [AspErrorCodes.BadState]: 'IllegalOperation',
  [AspErrorCodes.External]: 'HostUnreachable',
  [AspErrorCodes.Internal]: 'InternalError',
};

/** The reply for a failed command. Messages go through redaction: no secret leaves the instance. */
export function errorReply(err: unknown, secrets: readonly string[] = []): Document {
  let codeName: CodeName;
  if (err instanceof WireError) codeName = err.codeName;
  else if (err instanceof CommandError) codeName = FROM_ASP[err.code] ?? 'InternalError';
  else {
    // Engine errors carry a domain: a user mistake in a pipeline or its options is Atlas's 420.
    const domain = (err as { domain?: string } | null)?.domain;
    codeName = domain === 'user' ? 'StreamProcessorInvalidOptions' : domain === 'external' ? 'HostUnreachable' : 'InternalError';
  }
  return { ok: 0, errmsg: redactSecrets(errorMessage(err), secrets), code: CODES[codeName], codeName };
}
