/**
 * The $lookup operator. Against the embedded store it answers synchronously in push().
 * Against MongoDB it buffers the batch and answers in drain(): the equality form with one
 * `$in` query per batch, the pipeline forms with one aggregation per document (bounded by
 * `parallelism`). Output order is input order, and watermarks wait behind the buffered
 * documents (afterPending) so a window after the lookup never closes before they reach it.
 */
import type { Doc, Value } from '../core/types';
import type { Meta } from '../core/meta';
import { ExprError, errorMessage } from '../core/errors';
import { newEvalCtx } from '../expr/compile';
import { pathGetter, setPath } from '../expr/fieldPath';
import type { Emit, Operator } from '../core/operator';
import type { StageRuntime, LookupConfig, Services } from '../io/types';
import { substituteVars } from '../stages/_innerPipeline';
import { eqKey, matchValues } from '../stages/_lookupMatch';
import type { CollectionTarget } from '../io/target';
import { withRetry } from './retry';
import { isTransientMongoError } from './mongo/target';

const OPERATOR = 'LookUpOperator';

export function createLookupOperator(cfg: LookupConfig, rt: StageRuntime, services: Services, next: Emit): Operator {
  const target: CollectionTarget = services.collection(cfg.connectionName, cfg.db, cfg.coll);
  const ctx = newEvalCtx(rt.slotCount, rt.clock);
  const getLocal = cfg.localField !== undefined ? pathGetter(cfg.localField) : undefined;
  const getForeign = cfg.foreignField !== undefined ? pathGetter(cfg.foreignField) : undefined;
  const asParts = cfg.as.split('.');
  const inner = cfg.inner(rt);
  const retry = <T>(fn: () => Promise<T>): Promise<T> =>
    withRetry(`$lookup on ${target.ns}`, fn, { retryable: isTransientMongoError, policy: services.retry.policy, onRetry: services.retry.onRetry });

  const fail = (doc: Doc, meta: Meta, e: unknown): void =>
    rt.dlq({ operatorName: OPERATOR, reason: `Failed to process input document in ${OPERATOR} with error: ${errorMessage(e)}`, doc, meta });

  const vars = (doc: Doc, meta: Meta): Map<string, Value> => {
    ctx.current = doc;
    ctx.root = doc;
    ctx.meta = meta;
    const m = new Map<string, Value>();
    for (const [k, e] of cfg.let) m.set(k, e(ctx));
    return m;
  };

  const equalityFilter = (doc: Doc): Doc => ({ [cfg.foreignField!]: { $in: matchValues(getLocal!(doc)) } });

  const emitJoined = (doc: Doc, meta: Meta, joined: Doc[]): void => {
    setPath(doc, asParts, joined);
    next(doc, meta);
  };

  // The embedded store answers in memory: join synchronously, no buffering.
  if (target.kind === 'local') {
    const coll = services.localStore.collection(cfg.db, cfg.coll);
    return {
      push(doc, meta) {
        try {
          const v = vars(doc, meta);
          let found = getLocal ? coll.find(equalityFilter(doc)) : coll.find({});
          if (cfg.pipeline) found = inner.run(cfg.pipeline, v, found, meta);
          emitJoined(doc, meta, found);
        } catch (e) {
          if (!(e instanceof ExprError) && !(e instanceof Error && (e as { domain?: string }).domain === 'user')) throw e;
          fail(doc, meta, e);
        }
      },
    };
  }

  // `after`: signals (watermarks, ticks, flush) to pass on right after the item (afterPending).
  let buffer: { doc: Doc; meta: Meta; vars: Map<string, Value>; after?: (() => void)[] }[] = [];

  async function equalityBatch(items: typeof buffer): Promise<Doc[][]> {
    const values = new Map<string, Value>();
    for (const it of items) for (const v of matchValues(getLocal!(it.doc))) values.set(eqKey(v), v);
    const found = await retry(() => target.query({ [cfg.foreignField!]: { $in: [...values.values()] } }));
    const byKey = new Map<string, Doc[]>();
    for (const f of found) {
      const keys = new Set(matchValues(getForeign!(f)).map(eqKey));
      for (const k of keys) {
        let l = byKey.get(k);
        if (!l) byKey.set(k, (l = []));
        l.push(f);
      }
    }
    return items.map((it) => {
      const seen = new Set<Doc>();
      const out: Doc[] = [];
      for (const v of matchValues(getLocal!(it.doc))) for (const f of byKey.get(eqKey(v)) ?? []) if (!seen.has(f)) { seen.add(f); out.push(f); }
      return out;
    });
  }

  async function pipelineOne(it: (typeof buffer)[number]): Promise<Doc[]> {
    const stages = substituteVars(cfg.pipeline, it.vars) as Doc[];
    const pipe = getLocal ? [{ $match: equalityFilter(it.doc) }, ...stages] : stages;
    return retry(() => target.aggregate!(pipe));
  }

  return {
    push(doc, meta) {
      try {
        buffer.push({ doc, meta, vars: cfg.let.length ? vars(doc, meta) : new Map() });
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        fail(doc, meta, e);
      }
    },
    afterPending(fn) {
      if (buffer.length === 0) fn();
      else (buffer[buffer.length - 1]!.after ??= []).push(fn);
    },
    async drain() {
      if (buffer.length === 0) return;
      const items = buffer;
      buffer = [];
      let results: (Doc[] | Error)[];
      if (!cfg.pipeline) {
        results = await equalityBatch(items);
      } else {
        results = new Array(items.length);
        let nextIdx = 0;
        const worker = async (): Promise<void> => {
          while (nextIdx < items.length) {
            const i = nextIdx++;
            try {
              results[i] = await pipelineOne(items[i]!);
            } catch (e) {
              if (isTransientMongoError(e) || (e as { domain?: string }).domain === 'external') throw e;
              results[i] = e as Error;
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(cfg.parallelism, items.length) }, worker));
      }
      items.forEach((it, i) => {
        const r = results[i]!;
        if (r instanceof Error) fail(it.doc, it.meta, r);
        else emitJoined(it.doc, it.meta, r);
        if (it.after) for (const fn of it.after) fn();
      });
    },
  };
}

