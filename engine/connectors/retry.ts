/**
 * The one retry-with-backoff wrapper for external I/O (asp-spec §6: connection errors retry,
 * then fail the processor with a clear message; they never drop data silently).
 */
import { EngineError, errorMessage } from '../core/errors';
import { abortableSleep } from '../time/sleep';
import type { RetryListener, RetryPolicy } from '../io/types';

export const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 100, maxDelayMs: 5000, maxElapsedMs: 5 * 60_000 };

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  /** Only errors this returns true for are retried; others are rethrown at once. */
  retryable: (e: unknown) => boolean;
  onRetry?: RetryListener;
  signal?: AbortSignal;
  /** Ms clock, injectable for tests. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A wait the failure itself asks for (HTTP Retry-After), used instead of the backoff. */
  retryAfterMs?: (e: unknown) => number | undefined;
}

/**
 * Run `fn` until it succeeds. Retryable failures wait and try again; when maxElapsedMs is
 * spent, throws an external EngineError `<what> failed after N attempts: <last error>`.
 */
export async function withRetry<T>(what: string, fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const p = { ...DEFAULT_RETRY, ...opts.policy };
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? abortableSleep;
  let attempt = 0;
  let first = 0;
  let delay = p.initialDelayMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (!opts.retryable(e) || opts.signal?.aborted) throw e;
      attempt++;
      if (attempt === 1) first = now();
      if (now() - first >= p.maxElapsedMs) {
        throw new EngineError(`${what} failed after ${attempt} attempts: ${errorMessage(e)}`, 'external', 'ASP_CONNECTION');
      }
      const asked = opts.retryAfterMs?.(e);
      const wait = asked !== undefined ? asked : Math.min(p.maxDelayMs, delay) * (0.8 + Math.random() * 0.4);
      opts.onRetry?.({ what, attempt, delayMs: Math.round(wait), error: errorMessage(e) });
      await sleep(wait, opts.signal);
      delay = Math.min(p.maxDelayMs, delay * 2);
    }
  }
}
