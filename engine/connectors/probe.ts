/**
 * What every connector's test connection shares: a deadline that turns a hang into a readable
 * message, and the innermost cause of a wrapped driver error (what the user can act on).
 */
import { errorMessage } from '../core/errors';

/** Rejects after `ms` with a readable message; the loser's cleanup runs in its own finally. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** kafkajs and fetch wrap the real failure; the innermost cause is what the user can act on. */
export function rootCause(e: unknown): string {
  const x = e as { originalError?: unknown; cause?: unknown };
  const inner = x?.originalError ?? x?.cause;
  return inner ? rootCause(inner) : errorMessage(e);
}
