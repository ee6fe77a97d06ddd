/**
 * The $merge operator: plans one write per document in push() (namespace and modes evaluated
 * per document, failures to the DLQ) and writes the batch in drain(), `parallelism` lanes at a
 * time, routed by a hash of the `on` values so writes to one document keep their order.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-merge/
 */
import { ObjectId } from 'bson';
import type { Doc, Value } from '../core/types';
import type { Meta } from '../core/meta';
import type { Expr } from '../expr/types';
import { ExprError, errorMessage } from '../core/errors';
import { newEvalCtx } from '../expr/compile';
import { pathGetter } from '../expr/fieldPath';
import type { InnerPipeline, StageRuntime, Services } from '../io/types';
import type { Operator } from '../core/operator';
import { MATCHED, NOT_MATCHED, type Matched, type NotMatched } from '../io/enums';
import { type MergeConfig } from '../io/types';
import { BatchWriter, type WriteStep } from './batchWriter';
import { evalName } from './collectionEmit';
import { hashValue } from './keyHash';
import type { CollectionTarget, WriteModel } from '../io/target';

const OPERATOR = 'MergeOperator';

export function createMergeOperator(cfg: MergeConfig, rt: StageRuntime, services: Services): Operator {
  return new MergeOperator(cfg, rt, services);
}

function withoutId(d: Doc): Doc {
  const o: Doc = {};
  for (const k in d) if (k !== '_id') o[k] = d[k];
  return o;
}

class MergeOperator {
  private steps: WriteStep[] = [];
  private readonly writer: BatchWriter;
  private readonly ctx;
  private readonly onGetters: ((d: Doc) => Value)[];
  private readonly inner: InnerPipeline;
  private readonly literal?: CollectionTarget;

  constructor(private readonly cfg: MergeConfig, private readonly rt: StageRuntime, private readonly services: Services) {
    this.writer = new BatchWriter(services, OPERATOR, rt.dlq);
    this.ctx = newEvalCtx(rt.slotCount, rt.clock);
    this.onGetters = cfg.on.map((f) => pathGetter(f));
    this.inner = cfg.inner(rt);
    if ('literal' in cfg.db && 'literal' in cfg.coll) this.literal = services.collection(cfg.connectionName, cfg.db.literal, cfg.coll.literal);
  }

  private mode<T extends string>(spec: { mode: T } | { expr: Expr }, allowed: readonly string[], what: string): T {
    if ('mode' in spec) return spec.mode;
    const v = spec.expr(this.ctx);
    if (typeof v !== 'string' || !allowed.includes(v)) throw new ExprError(`Unsupported ${what} mode: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    return v as T;
  }

  push(doc: Doc, meta: Meta): void {
    const ctx = this.ctx;
    ctx.current = doc;
    ctx.root = doc;
    ctx.meta = meta;
    let target: CollectionTarget;
    try {
      target = this.literal ?? this.services.collection(this.cfg.connectionName, evalName(this.cfg.db, ctx, 'db'), evalName(this.cfg.coll, ctx, 'coll'));
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      this.rt.dlq({ operatorName: OPERATOR, reason: `Failed to evaluate target namespace in ${OPERATOR} with error: ${errorMessage(e)}`, doc, meta });
      return;
    }
    try {
      this.plan(doc, meta, target);
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      this.rt.dlq({ operatorName: OPERATOR, reason: `Failed to process input document in ${OPERATOR} with error: ${errorMessage(e)}`, doc, meta });
    }
  }

  private plan(doc: Doc, meta: Meta, target: CollectionTarget): void {
    const wn = this.mode<NotMatched>(this.cfg.whenNotMatched, NOT_MATCHED, 'whenNotMatched');
    const wmSpec = this.cfg.whenMatched;
    const wm = 'pipeline' in wmSpec ? 'pipeline' : this.mode<Matched>(wmSpec, MATCHED, 'whenMatched');
    if (doc['_id'] === undefined && this.cfg.on.includes('_id')) doc = { _id: new ObjectId(), ...doc };
    const filter: Doc = {};
    this.cfg.on.forEach((f, i) => {
      const v = this.onGetters[i]!(doc);
      filter[f] = v === undefined ? null : v;
    });
    const upsert = wn === 'insert';
    let key: number | undefined;
    if (this.cfg.parallelism > 1) for (const f of this.cfg.on) key = hashValue(filter[f], key);
    const push = (op: WriteModel): void => void this.steps.push({ target, op, doc, meta, key });
    switch (wm) {
      case 'merge': {
        const set = withoutId(doc);
        if (Object.keys(set).length === 0) {
          if (upsert) push({ updateOne: { filter, update: { $setOnInsert: { _id: doc['_id'] } }, upsert } });
          return;
        }
        const update = doc['_id'] !== undefined && !('_id' in filter) ? { $set: set, $setOnInsert: { _id: doc['_id'] } } : { $set: set };
        return push({ updateOne: { filter, update, upsert } });
      }
      case 'replace':
        return push({ replaceOne: { filter, replacement: doc, upsert } });
      case 'keepExisting':
        if (upsert) push({ updateOne: { filter, update: { $setOnInsert: doc }, upsert: true } });
        return;
      case 'delete':
        if (!upsert) return push({ deleteOne: { filter } });
        this.steps.push({ target, doc, meta, key, run: async () => ((await target.deleteOne(filter)) ? undefined : target.bulkWrite([{ insertOne: { document: doc } }])) });
        return;
      case 'pipeline': {
        const vars = new Map<string, Value>([['new', doc]]);
        for (const [k, e] of this.cfg.let) vars.set(k, e(this.ctx));
        const stages = (wmSpec as { pipeline: Value[] }).pipeline;
        this.steps.push({
          target, doc, meta, key,
          run: async () => {
            const [cur] = await target.query(filter, 1);
            if (!cur) return upsert ? target.bulkWrite([{ insertOne: { document: doc } }]) : undefined;
            let out: Doc | undefined;
            try {
              [out] = this.inner.run(stages, vars, [cur], meta);
            } catch (e) {
              if (!(e instanceof ExprError)) throw e;
              return { index: 0, codeName: 'BadValue', message: errorMessage(e) };
            }
            if (!out) return target.bulkWrite([{ deleteOne: { filter: { _id: cur['_id'] } } }]);
            return target.bulkWrite([{ replaceOne: { filter: { _id: cur['_id'] }, replacement: withoutId(out), upsert: false } }]);
          },
        });
      }
    }
  }

  async drain(): Promise<void> {
    if (this.steps.length === 0) return;
    const s = this.steps;
    this.steps = [];
    await this.writer.write(s, this.cfg.parallelism);
  }

  targetStats(): Record<string, Value>[] {
    return this.writer.targets.stats();
  }
}
