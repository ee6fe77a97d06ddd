/**
 * $unwind: one output document per element of an array field.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/unwind/
 */
import type { Doc, Value } from '../core/types';
import { Long, isPlainObject } from '../bson/types';
import { err } from '../parse/args';
import type { StageSpec } from '../parse/types';
import { ANY, lookup, scalar, setPath, type Shape } from '../parse/shape';
import { ExprError, errorMessage } from '../core/errors';

export interface UnwindConfig {
  parts: string[];
  includeArrayIndex?: string;
  preserve: boolean;
}

/** A copy of `doc` with the value at `parts` replaced (copies only the objects on the path). */
function withValue(doc: Doc, parts: string[], i: number, v: Value): Doc {
  const out: Doc = { ...doc };
  const k = parts[i]!;
  if (i === parts.length - 1) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  } else {
    out[k] = withValue(doc[k] as Doc, parts, i + 1, v);
  }
  return out;
}

function valueAt(doc: Doc, parts: string[]): Value {
  let v: Value = doc;
  for (const p of parts) {
    if (!isPlainObject(v)) return undefined;
    v = v[p];
  }
  return v;
}

/** The unwound field holds one element of the array it held. */
function unwindShape(input: Shape, arg: Value): Shape {
  const path = typeof arg === 'string' ? arg : isPlainObject(arg) ? arg['path'] : undefined;
  if (typeof path !== 'string' || !path.startsWith('$')) return input;
  const name = path.slice(1);
  const cur = lookup(input, name);
  let out = setPath(input, name, cur?.t === 'array' ? cur.items ?? ANY : cur ?? ANY);
  const idx = isPlainObject(arg) ? arg['includeArrayIndex'] : undefined;
  if (typeof idx === 'string' && idx) out = setPath(out, idx, scalar('long'));
  return out;
}

export const unwind: StageSpec<UnwindConfig> = {
  name: '$unwind',
  kind: 'transform',
  placement: { main: true, window: true, payload: false },
  operatorName: 'UnwindOperator',
  summary: 'Outputs one document for each element of an array field.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/unwind/',
  syntax: '{ $unwind: "$<field>" } or { $unwind: { path: "$<field>", includeArrayIndex: "<string>", preserveNullAndEmptyArrays: <bool> } }',
  fields: [
    { name: 'path', role: 'fieldPath', type: 'string', required: true, description: 'The array field, as a "$" path', messages: { missing: 'no path specified to $unwind stage' } },
    { name: 'includeArrayIndex', role: 'fieldName', type: 'string', description: 'Field that receives the element\'s index' },
    { name: 'preserveNullAndEmptyArrays', role: 'literal', type: 'bool', default: false, description: 'Pass on documents whose array is missing, null or empty' },
  ],
  shorthand: { role: 'fieldPath', type: 'string', description: 'The array field, as a "$" path' },
  examples: [
    {
      title: 'One document per tag',
      stage: { $unwind: { path: '$tags', includeArrayIndex: 'i' } },
      input: [{ _id: 1, tags: ['a', 'b'] }],
      output: [{ _id: 1, tags: 'a', i: 0 }, { _id: 1, tags: 'b', i: 1 }],
    },
  ],
  parse(arg, path, ctx) {
    let p: string | undefined;
    let includeArrayIndex: string | undefined;
    let preserve = false;
    let pathAt = path;
    if (typeof arg === 'string') {
      p = arg;
    } else if (isPlainObject(arg)) {
      // the table checked the types
      p = typeof arg['path'] === 'string' ? arg['path'] : undefined;
      pathAt = [...path, 'path'];
      includeArrayIndex = typeof arg['includeArrayIndex'] === 'string' ? arg['includeArrayIndex'] : undefined;
      if (includeArrayIndex !== undefined && (includeArrayIndex.length === 0 || includeArrayIndex.startsWith('$'))) {
        err(ctx, [...path, 'includeArrayIndex'], `includeArrayIndex option to $unwind stage should not be prefixed with a '$': ${includeArrayIndex}`, 'ASP312');
      }
      preserve = arg['preserveNullAndEmptyArrays'] === true;
    } else {
      err(ctx, path, 'expected either a string or an object as specification for $unwind stage', 'ASP203');
      return undefined;
    }
    if (p === undefined) return undefined;
    if (!p.startsWith('$') || p.length < 2) {
      err(ctx, pathAt, `path option to $unwind stage should be prefixed with a '$': ${p}`, 'ASP312');
      return undefined;
    }
    return { parts: p.slice(1).split('.'), includeArrayIndex, preserve };
  },
  outputShape: unwindShape,
  create(cfg, rt, next) {
    const { parts, includeArrayIndex: idx, preserve } = cfg;
    const emit = (doc: Doc, v: Value, i: Value, meta: Parameters<typeof next>[1]): void => {
      const out = withValue(doc, parts, 0, v);
      if (idx) out[idx] = i;
      next(out, meta);
    };
    return {
      push(doc, meta) {
        try {
          const v = valueAt(doc, parts);
          if (Array.isArray(v)) {
            if (v.length === 0) {
              if (preserve) emit(doc, undefined, null, meta);
              return;
            }
            for (let i = 0; i < v.length; i++) emit(doc, v[i], Long.fromNumber(i), meta);
          } else if (v === undefined || v === null) {
            if (preserve) {
              const out: Doc = { ...doc };
              if (idx) out[idx] = null;
              next(out, meta);
            }
          } else {
            emit(doc, v, null, meta);
          }
        } catch (e) {
          if (!(e instanceof ExprError)) throw e;
          rt.dlq({ operatorName: 'UnwindOperator', reason: `Failed to process input document in UnwindOperator with error: ${errorMessage(e)}`, doc, meta });
        }
      },
    };
  },
};
