/**
 * The $cachedLookup operator: $lookup's equality join (localField / foreignField) through a
 * cache keyed by the local value. An entry lives `ttl` on the run's clock; when the cached
 * results pass `maxMemUsageBytes`, expired entries go first, then the least recently used.
 * Against the embedded store misses are answered in push(); against MongoDB the batch's misses
 * are fetched with one `$in` query in drain(). Output order is input order; watermarks wait
 * behind the buffered documents (afterPending). Hits, misses and
 * evictions are published for verbose operatorStats.
 */
import { totalmem } from 'node:os';
import type { Doc, Value } from '../core/types';
import type { Meta } from '../core/meta';
import { ExprError, errorMessage } from '../core/errors';
import type { Emit, Operator } from '../core/operator';
import { pathGetter, setPath } from '../expr/fieldPath';
import { cloneValue } from '../json/clone';
import { toRelaxedJSON } from '../json/ejson';
import type { CachedLookupConfig, Services, StageRuntime } from '../io/types';
import { eqKey, matchValues } from '../stages/_lookupMatch';
import { isTransientMongoError } from './mongo/target';
import { withRetry } from './retry';

const OPERATOR = 'CachedLookUpOperator';

interface Entry {
  docs: Doc[];
  expires: number;
  bytes: number;
}

/** An LRU map with a byte budget and per-entry expiry (Map order is recency order). */
export class TtlLruCache {
  private readonly map = new Map<string, Entry>();
  bytes = 0;
  hits = 0;
  misses = 0;
  evictions = 0;

  constructor(private readonly ttlMs: number, private readonly maxBytes: number, private readonly now: () => number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): Doc[] | undefined {
    const e = this.map.get(key);
    if (!e || e.expires <= this.now()) {
      if (e) this.remove(key, e);
      this.misses++;
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, e);
    this.hits++;
    return e.docs;
  }

  set(key: string, docs: Doc[]): void {
    const old = this.map.get(key);
    if (old) this.remove(key, old);
    const e: Entry = { docs, expires: this.now() + this.ttlMs, bytes: key.length + toRelaxedJSON(docs).length };
    this.map.set(key, e);
    this.bytes += e.bytes;
    if (this.bytes > this.maxBytes) this.evict();
  }

  private remove(key: string, e: Entry): void {
    this.map.delete(key);
    this.bytes -= e.bytes;
  }

  private evict(): void {
    const now = this.now();
    for (const [k, e] of this.map) if (e.expires <= now) { this.remove(k, e); this.evictions++; }
    for (const [k, e] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(k, e);
      this.evictions++;
    }
  }
}

export function createCachedLookupOperator(cfg: CachedLookupConfig, rt: StageRuntime, services: Services, next: Emit): Operator {
  const target = services.collection(cfg.connectionName, cfg.db, cfg.coll);
  const cache = new TtlLruCache(cfg.ttlMs, cfg.maxMemUsageBytes ?? Math.floor(totalmem() / 10), () => rt.clock.now());
  const getLocal = pathGetter(cfg.localField);
  const getForeign = pathGetter(cfg.foreignField);
  const asParts = cfg.as.split('.');
  rt.reportStats?.(() => ({ cacheHitCount: cache.hits, cacheMissCount: cache.misses, cacheEvictionCount: cache.evictions, cacheEntryCount: cache.size, cacheMemUsageBytes: cache.bytes }));

  const keyOf = (doc: Doc): { key: string; values: Value[] } => {
    const v = getLocal(doc);
    return { key: eqKey(v), values: matchValues(v) };
  };
  const emit = (doc: Doc, meta: Meta, joined: Doc[]): void => {
    setPath(doc, asParts, joined.map((d) => cloneValue(d) as Doc));
    next(doc, meta);
  };

  if (target.kind === 'local') {
    const coll = services.localStore.collection(cfg.db, cfg.coll);
    return {
      push(doc, meta) {
        const { key, values } = keyOf(doc);
        let joined = cache.get(key);
        if (!joined) {
          try {
            joined = coll.find({ [cfg.foreignField]: { $in: values } });
          } catch (e) {
            if (!(e instanceof ExprError) && (e as { domain?: string }).domain !== 'user') throw e;
            rt.dlq({ operatorName: OPERATOR, reason: `Failed to process input document in ${OPERATOR} with error: ${errorMessage(e)}`, doc, meta });
            return;
          }
          cache.set(key, joined);
        }
        emit(doc, meta, joined);
      },
    };
  }

  // `after`: signals (watermarks, ticks, flush) to pass on right after the item (afterPending).
  let buffer: { doc: Doc; meta: Meta; key: string; values: Value[]; hit?: Doc[]; after?: (() => void)[] }[] = [];
  // Keys this batch already fetches: a repeat is answered by that one query, so it counts as a hit.
  let pending = new Set<string>();
  return {
    push(doc, meta) {
      const k = keyOf(doc);
      if (pending.has(k.key)) {
        cache.hits++;
        buffer.push({ doc, meta, ...k });
        return;
      }
      // Read the cache now, in input order, so hit/miss counts and recency follow the stream.
      const hit = cache.get(k.key);
      if (!hit) pending.add(k.key);
      buffer.push({ doc, meta, ...k, hit });
    },
    afterPending(fn) {
      if (buffer.length === 0) fn();
      else (buffer[buffer.length - 1]!.after ??= []).push(fn);
    },
    async drain() {
      if (buffer.length === 0) return;
      const items = buffer;
      buffer = [];
      pending = new Set();
      const missing = new Map<string, Value[]>();
      for (const it of items) if (!it.hit) missing.set(it.key, it.values);
      const fetched = new Map<string, Doc[]>();
      if (missing.size) {
        const all = new Map<string, Value>();
        for (const vs of missing.values()) for (const v of vs) all.set(eqKey(v), v);
        const found = await withRetry(`$cachedLookup on ${target.ns}`, () => target.query({ [cfg.foreignField]: { $in: [...all.values()] } }), {
          retryable: isTransientMongoError, policy: services.retry.policy, onRetry: services.retry.onRetry,
        });
        for (const [key, vs] of missing) {
          const want = new Set(vs.map(eqKey));
          const docs = found.filter((f) => matchValues(getForeign(f)).some((v) => want.has(eqKey(v))));
          fetched.set(key, docs);
          cache.set(key, docs);
        }
      }
      for (const it of items) {
        emit(it.doc, it.meta, it.hit ?? fetched.get(it.key)!);
        if (it.after) for (const fn of it.after) fn();
      }
    },
  };
}
