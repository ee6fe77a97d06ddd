/**
 * $throttle (ASP): limit throughput to messagesPerSec and/or bytesPerSec with one token bucket
 * per limit. Documents over the limit wait, they are never dropped: push() passes a document
 * on at once while the buckets allow it and queues it otherwise; drain(), which the run loop
 * awaits before it reads the next batch, releases the queue as the buckets refill, so the wait
 * holds the source back. A document larger than bytesPerSec passes on a full bucket and leaves
 * it in debt (about a second's wait after it). Waits go through the run's clock. Watermarks wait
 * behind the queued documents (afterPending), so a window after $throttle never closes early.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-throttle/
 */
import { calculateObjectSize } from 'bson';
import type { Doc } from '../core/types';
import type { Meta } from '../core/meta';
import { isPlainObject } from '../bson/types';
import { err } from '../parse/args';
import { intValue } from '../parse/fields';
import type { StageSpec } from '../parse/types';
import { TokenBucket } from '../time/tokenBucket';
import { sleeperOf } from '../time/sleep';

const RATES = ['bytesPerSec', 'messagesPerSec'] as const;

export interface ThrottleConfig {
  messagesPerSec?: number;
  bytesPerSec?: number;
}

function docBytes(doc: Doc): number {
  return calculateObjectSize(doc as Record<string, unknown>);
}

export const throttle: StageSpec<ThrottleConfig> = {
  name: '$throttle', kind: 'transform', placement: { main: true, window: false, payload: false }, operatorName: 'ThrottleOperator', passesOnLater: true,
  summary: 'Limits throughput in bytes or messages per second.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-throttle/',
  syntax: '{ $throttle: { bytesPerSec: <int>, messagesPerSec: <int> } }',
  fields: [
    { name: 'bytesPerSec', role: 'literal', type: 'int', description: 'Most bytes per second passed on (a positive integer)' },
    { name: 'messagesPerSec', role: 'literal', type: 'int', description: 'Most documents per second passed on (a positive integer)' },
  ],
  examples: [
    {
      title: 'At most 100 documents a second (none is dropped: the source waits)',
      stage: { $throttle: { messagesPerSec: 100 } },
      input: [{ n: 1 }, { n: 2 }],
      output: [{ n: 1 }, { n: 2 }],
    },
  ],
  parse(arg, path, ctx) {
    if (!isPlainObject(arg)) return undefined;
    const a = arg;
    let ok = true;
    if (RATES.every((f) => a[f] === undefined)) {
      err(ctx, path, "$throttle requires at least one of 'bytesPerSec' or 'messagesPerSec'", 'ASP303');
      ok = false;
    }
    const cfg: ThrottleConfig = {};
    for (const f of RATES) {
      if (a[f] === undefined) continue;
      const v = intValue(a[f]);
      if (v === undefined) ok = false; // the field table reported the type
      else if (v < 1) {
        err(ctx, [...path, f], `$throttle.${f} must be a positive integer`, 'ASP304');
        ok = false;
      } else cfg[f] = v;
    }
    return ok ? cfg : undefined;
  },
  create(cfg, rt, next) {
    const now = (): number => rt.clock.now();
    const sleep = sleeperOf(rt.clock);
    const msgs = cfg.messagesPerSec !== undefined ? new TokenBucket(cfg.messagesPerSec, now()) : undefined;
    const bytes = cfg.bytesPerSec !== undefined ? new TokenBucket(cfg.bytesPerSec, now()) : undefined;
    // `after`: signals (watermarks, ticks, flush) to pass on right after the item (afterPending).
    const queue: { doc: Doc; meta: Meta; size: number; after?: (() => void)[] }[] = [];
    let throttledTimeMs = 0;
    let throttleEvents = 0;
    rt.reportStats?.(() => ({
      throttle: {
        throttledTimeMs, throttleEvents, queued: queue.length,
        ...(msgs ? { messageTokens: Math.floor(msgs.available(now())) } : {}),
        ...(bytes ? { byteTokens: Math.floor(bytes.available(now())) } : {}),
      },
    }));
    const waitMs = (size: number): number => Math.max(msgs?.waitMs(1, now()) ?? 0, bytes?.waitMs(size, now()) ?? 0);
    const pass = (doc: Doc, meta: Meta, size: number): void => {
      msgs?.take(1, now());
      bytes?.take(size, now());
      next(doc, meta);
    };
    return {
      push(doc, meta) {
        const size = bytes ? docBytes(doc) : 0;
        if (queue.length === 0 && waitMs(size) === 0) pass(doc, meta, size);
        else queue.push({ doc, meta, size });
      },
      afterPending(fn) {
        if (queue.length === 0) fn();
        else (queue[queue.length - 1]!.after ??= []).push(fn);
      },
      async drain() {
        while (queue.length) {
          const w = waitMs(queue[0]!.size);
          if (w > 0) {
            throttleEvents++;
            const t0 = now();
            await sleep(w);
            throttledTimeMs += now() - t0;
            continue;
          }
          const it = queue.shift()!;
          pass(it.doc, it.meta, it.size);
          if (it.after) for (const fn of it.after) fn();
        }
      },
    };
  },
};
