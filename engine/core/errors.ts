/** Errors carry a domain so the runtime knows what to do with them. */
import type { RuntimeCode } from './codes';

export type ErrorDomain = 'user' | 'external' | 'internal';

/**
 * user: bad data in one document -> the document goes to the DLQ, the run goes on.
 * external: a server or network failed -> retry with backoff, show the state.
 * internal: a bug or an impossible state -> stop the processor with a clear message.
 */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly domain: ErrorDomain,
    readonly code: RuntimeCode = 'ASP_ERROR',
    readonly stage?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/**
 * A runtime expression error, with MongoDB's message text (e.g. "can't $divide by zero").
 * Thrown by compiled expressions; stages catch it and send the document to the DLQ.
 */
export class ExprError extends EngineError {
  constructor(message: string, code: RuntimeCode = 'EXPR_ERROR') {
    super(message, 'user', code);
    this.name = 'ExprError';
  }
}

/** A user-facing failure of a command (bad file, unknown connection, ...): no stack trace. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'UsageError';
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
