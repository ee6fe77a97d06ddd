/** Options every `$source` flavour shares: timeField, tsFieldName (asp-spec §2, §4.4). */
import type { Doc, JsonPath, Value } from '../core/types';
import type { Meta } from '../core/meta';
import type { Expr, EvalCtx } from '../expr/types';
import { err, optString } from '../parse/args';
import type { DlqInput } from '../core/operator';
import type { ParseContext } from '../parse/types';
import { toRelaxedJSON } from '../json/ejson';
import type { TimeOptions } from '../io/types';

export function parseTimeOptions(arg: Doc, path: JsonPath, ctx: ParseContext): TimeOptions {
  let tsFieldName = optString(arg, 'tsFieldName', '$source', path, ctx) ?? optString(arg, 'tsFieldOverride', '$source', path, ctx) ?? '_ts';
  const field = arg['tsFieldName'] !== undefined ? 'tsFieldName' : 'tsFieldOverride';
  if (tsFieldName.length === 0) {
    err(ctx, [...path, field], `'tsFieldOverride' cannot be empty`, 'ASP306');
    tsFieldName = '_ts';
  } else if (tsFieldName.includes('.')) {
    err(ctx, [...path, field], `'tsFieldOverride' cannot be a dotted path`, 'ASP306');
    tsFieldName = '_ts';
  }
  let timeField: Expr | undefined;
  const tf = arg['timeField'];
  if (tf !== undefined) {
    if (typeof tf === 'string' ? !tf.startsWith('$') : typeof tf !== 'object' || tf === null || Array.isArray(tf)) {
      err(ctx, [...path, 'timeField'], 'timeField must be an expression object (e.g. {$toDate: "$ts"}) or a field path such as "$ts"', 'ASP307');
    } else {
      timeField = ctx.compiler.expr(tf, [...path, 'timeField']);
    }
  }
  return { timeField, tsFieldName };
}

/**
 * Apply event time to a freshly decoded document: evaluate timeField (must give a Date) or use
 * the source's native time, write it into `tsFieldName`, and set meta.ts. Returns a DLQ input
 * instead when the time cannot be extracted.
 */
export function stampEventTime(doc: Doc, meta: Meta, native: number, opts: TimeOptions, ectx: EvalCtx, operatorName: string): DlqInput | undefined {
  let t = native;
  if (opts.timeField) {
    let v: Value;
    try {
      ectx.current = doc;
      ectx.root = doc;
      ectx.meta = meta;
      v = opts.timeField(ectx);
    } catch (e) {
      v = undefined;
      return { operatorName, reason: `Failed to extract timestamp from document, extracted timestampVal: ${(e as Error).message}`, doc, meta };
    }
    if (!(v instanceof Date) || Number.isNaN(v.getTime())) {
      const shown = v === undefined ? 'missing' : toRelaxedJSON({ v }).slice(5, -1);
      return { operatorName, reason: `Failed to extract timestamp from document, extracted timestampVal: ${shown}`, doc, meta };
    }
    t = v.getTime();
  }
  meta.ts = t;
  doc[opts.tsFieldName] = new Date(t);
  return undefined;
}
