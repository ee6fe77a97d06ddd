/**
 * `$lookup` without `from`: the joined documents come from a `$documents` expression at the head
 * of the pipeline, evaluated per input document with the stage's `let` variables, then run
 * through the rest of the pipeline; with localField/foreignField only the documents that match
 * go on (the equality first, then the pipeline, as with a collection). Nothing is read from a
 * collection, so it runs locally like any other stage (MongoDB: $lookup "with $documents").
 */
import type { Doc, JsonPath, Value } from '../core/types';
import type { Emit, Operator } from '../core/operator';
import { ExprError, errorMessage } from '../core/errors';
import { isPlainObject, typeName } from '../bson/types';
import { newEvalCtx } from '../expr/compile';
import type { Expr } from '../expr/types';
import { pathGetter, setPath } from '../expr/fieldPath';
import { err } from '../parse/args';
import type { ParseContext } from '../parse/types';
import type { InnerPipeline, StageRuntime } from '../io/types';
import { innerPipeline } from './_innerPipeline';
import { eqKey, matchValues } from './_lookupMatch';

const OPERATOR = 'LookUpOperator';

export interface DocumentsLookupConfig {
  kind: 'documents';
  let: [string, Expr][];
  /** The `$documents` expression, compiled with the `let` variables in scope (their slots). */
  documents: Expr;
  slots: number[];
  /** The stages after `$documents` (raw: they are run with the variables substituted). */
  rest: Value[];
  as: string;
  localField?: string;
  foreignField?: string;
  inner: (rt: StageRuntime) => InnerPipeline;
}

/** The no-`from` form: `pipeline` must start with `$documents`. */
export function parseDocumentsLookup(arg: Doc, path: JsonPath, ctx: ParseContext, lets: [string, Expr][]): DocumentsLookupConfig | undefined {
  const pipeline = arg['pipeline'];
  const head = Array.isArray(pipeline) ? pipeline[0] : undefined;
  if (!isPlainObject(head) || Object.keys(head).length !== 1 || !('$documents' in head)) {
    err(ctx, Array.isArray(pipeline) ? [...path, 'pipeline'] : path, '$lookup without from needs a pipeline that starts with $documents', 'ASP303');
    return undefined;
  }
  const localField = arg['localField'];
  const foreignField = arg['foreignField'];
  if ((localField === undefined) !== (foreignField === undefined)) {
    err(ctx, path, '$lookup requires both or neither of localField and foreignField', 'ASP303');
    return undefined;
  }
  const rest = (pipeline as Value[]).slice(1);
  const [slots, documents] = ctx.compiler.withVars(lets.map(([k]) => k), (s) => {
    const e = ctx.compiler.expr(head['$documents'], [...path, 'pipeline', 0, '$documents']);
    // Checked now for diagnostics; run later with the variables substituted (innerPipeline).
    ctx.parsePipeline(rest, [...path, 'pipeline'], 'window');
    return [s, e] as const;
  });
  const as = arg['as'];
  if (typeof as !== 'string') return undefined;
  const cfg: DocumentsLookupConfig = { kind: 'documents', let: lets, documents, slots, rest, as, inner: innerPipeline(ctx, [...path, 'pipeline']) };
  if (typeof localField === 'string' && typeof foreignField === 'string') Object.assign(cfg, { localField, foreignField });
  return cfg;
}

export function createDocumentsLookup(cfg: DocumentsLookupConfig, rt: StageRuntime, next: Emit): Operator {
  const ctx = newEvalCtx(rt.slotCount, rt.clock);
  const inner = cfg.rest.length > 0 ? cfg.inner(rt) : undefined;
  const asParts = cfg.as.split('.');
  const getLocal = cfg.localField !== undefined ? pathGetter(cfg.localField) : undefined;
  const getForeign = cfg.foreignField !== undefined ? pathGetter(cfg.foreignField) : undefined;
  const matching = (doc: Doc, docs: Doc[]): Doc[] => {
    const want = new Set(matchValues(getLocal!(doc)).map(eqKey));
    return docs.filter((d) => matchValues(getForeign!(d)).some((v) => want.has(eqKey(v))));
  };
  return {
    push(doc, meta) {
      let joined: Doc[];
      try {
        ctx.current = doc;
        ctx.root = doc;
        ctx.meta = meta;
        const values = cfg.let.map(([, e]) => e(ctx));
        values.forEach((v, i) => (ctx.vars[cfg.slots[i]!] = v));
        const docs = cfg.documents(ctx);
        if (!Array.isArray(docs) || !docs.every(isPlainObject)) throw new ExprError(`$documents must evaluate to an array of objects, got ${Array.isArray(docs) ? 'an array with a non-object element' : typeName(docs)}`);
        joined = getLocal ? matching(doc, docs as Doc[]) : (docs as Doc[]);
        if (inner) joined = inner.run(cfg.rest, new Map(cfg.let.map(([k], i) => [k, values[i]])), joined, meta);
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        rt.dlq({ operatorName: OPERATOR, reason: `Failed to process input document in ${OPERATOR} with error: ${errorMessage(e)}`, doc, meta });
        return;
      }
      setPath(doc, asParts, joined);
      next(doc, meta);
    },
  };
}
