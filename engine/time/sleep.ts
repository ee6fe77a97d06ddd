/**
 * `abortableSleep`: wait `ms` of real time, or less when the signal aborts (at once if it already
 * has). Shared by the retry backoff, the connector read loops and the run loop's idle wait.
 * `sleeperOf(clock)`: the clock's own wait when it has one (test clocks), else real time.
 */
import type { Clock } from '../core/clock';

export function sleeperOf(clock: Clock): (ms: number, signal?: AbortSignal) => Promise<void> {
  return clock.sleep ? (ms, signal) => clock.sleep!(ms, signal) : abortableSleep;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
