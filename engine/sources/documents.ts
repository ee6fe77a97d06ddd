/**
 * `$source: { documents: [...] | <expression> }` — an inline, finite source (asp-spec §2.3).
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-source/
 */
import type { Doc, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { newEvalCtx } from '../expr/compile';
import type { Expr } from '../expr/types';
import { err, noUnknownFields } from '../parse/args';
import type { SourceFlavour } from './flavour';
import { END_OF_INPUT, type Source, type SourceBatch, type SourceRecord } from '../core/source';
import { parseTimeOptions, stampEventTime } from './common';
import { type TimeOptions } from '../io/types';
import { cloneDoc } from '../json/clone';

export interface DocumentsConfig extends TimeOptions {
  docs?: Doc[];
  expr?: Expr;
}

const FIELDS = ['documents', 'timeField', 'tsFieldName', 'tsFieldOverride'] as const;
const OPERATOR = 'DocumentsDataSourceOperator';
/** Documents handed out per read; keeps watermark and drain checks frequent but cheap. */
const BATCH = 256;

export const documentsFlavour: SourceFlavour<DocumentsConfig> = {
  type: 'documents',
  connectionTypes: [],
  fields: FIELDS,
  parse(arg, path, ctx) {
    noUnknownFields(arg, FIELDS, '$source', path, ctx);
    const time = parseTimeOptions(arg, path, ctx);
    const docs = arg['documents'];
    if (Array.isArray(docs)) {
      let ok = true;
      docs.forEach((d, i) => {
        if (!isPlainObject(d)) {
          err(ctx, [...path, 'documents', i], 'The documents list expression does not evaluate to an array of objects.', 'ASP308');
          ok = false;
        }
      });
      return ok ? { ...time, docs: docs as Doc[] } : undefined;
    }
    if (isPlainObject(docs)) {
      return { ...time, expr: ctx.compiler.expr(docs, [...path, 'documents']) };
    }
    err(ctx, [...path, 'documents'], 'The documents list expression does not evaluate to an array.', 'ASP308');
    return undefined;
  },
  create(config, env) {
    return new DocumentsSource(config, env.clock, env.slotCount);
  },
};

class DocumentsSource implements Source {
  readonly type = 'documents';
  private docs: Doc[] = [];
  private next = 0;
  constructor(private readonly cfg: DocumentsConfig, private readonly clock: { now(): number }, private readonly slotCount: number) {}

  async connect(): Promise<void> {
    if (this.cfg.docs) {
      this.docs = this.cfg.docs;
      return;
    }
    // The expression form is evaluated once, at plan time, against an empty document.
    const ctx = newEvalCtx(this.slotCount, this.clock);
    ctx.current = {};
    ctx.root = {};
    const v: Value = this.cfg.expr!(ctx);
    if (!Array.isArray(v)) throw new Error('The documents list expression does not evaluate to an array.');
    if (!v.every(isPlainObject)) throw new Error('The documents list expression does not evaluate to an array of objects.');
    this.docs = v as Doc[];
  }

  async read(): Promise<SourceBatch | typeof END_OF_INPUT> {
    if (this.next >= this.docs.length) return END_OF_INPUT;
    const end = Math.min(this.docs.length, this.next + BATCH);
    const records: SourceRecord[] = [];
    const ectx = newEvalCtx(this.slotCount, this.clock);
    for (let i = this.next; i < end; i++) {
      const doc = cloneDoc(this.docs[i]!);
      const meta = { ts: 0, source: { type: 'documents' } };
      const bad = stampEventTime(doc, meta, this.clock.now(), this.cfg, ectx, OPERATOR);
      records.push(bad ? { meta, dlq: bad } : { doc, meta });
    }
    this.next = end;
    return { records };
  }

  position(): Value {
    return { index: this.next };
  }

  seek(position: Value): void {
    if (isPlainObject(position) && typeof position['index'] === 'number') this.next = position['index'];
  }

  async close(): Promise<void> {}
}

