/** The shared retry-with-backoff wrapper, with an injected clock and sleep. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withRetry } from '../../../engine/connectors/retry';
import { EngineError } from '../../../engine/core/errors';

function fakeTime() {
  let t = 0;
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => { sleeps.push(ms); t += ms; }, sleeps };
}

describe('withRetry', () => {
  it('retries transient failures with growing delays, then succeeds', async () => {
    const time = fakeTime();
    let calls = 0;
    const seen: number[] = [];
    const v = await withRetry('op', async () => {
      if (++calls < 4) throw new Error('ECONNREFUSED');
      return 'ok';
    }, { retryable: () => true, now: time.now, sleep: time.sleep, policy: { initialDelayMs: 100, maxDelayMs: 300, maxElapsedMs: 10_000 }, onRetry: (i) => seen.push(i.attempt) });
    assert.equal(v, 'ok');
    assert.equal(calls, 4);
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(time.sleeps.length, 3);
    assert.ok(time.sleeps[0]! >= 80 && time.sleeps[0]! <= 120);
    assert.ok(time.sleeps[2]! <= 360, 'capped at maxDelayMs (+jitter)');
  });

  it('rethrows non-retryable errors at once', async () => {
    const time = fakeTime();
    await assert.rejects(withRetry('op', async () => { throw new Error('bad doc'); }, { retryable: () => false, now: time.now, sleep: time.sleep }), /bad doc/);
    assert.equal(time.sleeps.length, 0);
  });

  it('gives up after maxElapsedMs with an external error naming the operation', async () => {
    const time = fakeTime();
    const p = withRetry('$merge to db.c', async () => { throw new Error('connection refused'); }, { retryable: () => true, now: time.now, sleep: time.sleep, policy: { initialDelayMs: 1000, maxDelayMs: 1000, maxElapsedMs: 5000 } });
    await assert.rejects(p, (e: unknown) => e instanceof EngineError && e.domain === 'external' && /^\$merge to db.c failed after \d+ attempts: connection refused$/.test(e.message));
  });
});
