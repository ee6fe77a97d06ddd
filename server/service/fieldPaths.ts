/**
 * Field paths carried through the stages: the input shape of every stage, seeded from the
 * source's `documents`, the sample generator's shape or a captured sample, then transformed by
 * $addFields/$project/$group/windows/$lookup... Computed once per document version.
 */
import type { Node } from 'jsonc-parser';
import type { ConnectionRegistry } from '../../engine/connections/types';
import { nodeValue } from '../../engine/json/tree';
import type { Catalog } from './types';
import type { ParsedDoc, PipelineNode, StageNode } from './parseCache';
import { keysOf, prop, props, stringValue } from './jsonNav';
import { ANY, arr, cloneTop, lookup, merge, obj, removeIn, removePath, scalar, setIn, setPath, shapeOfValue, type Shape } from './shape';
import { exprShape } from './exprTypes';

/** `sample_stream_solar` documents (asp-spec §2.4). */
export const SOLAR_SHAPE: Shape = obj({
  device_id: scalar('string'),
  group_id: scalar('int'),
  timestamp: scalar('string'),
  max_watts: scalar('int'),
  event_type: scalar('int'),
  obs: obj({ watts: scalar('int'), temp: scalar('int') }),
  event_details: scalar('string'),
});

const CHANGE_EVENT: Shape = obj({
  _id: obj({ _data: scalar('string') }),
  operationType: scalar('string'),
  fullDocument: obj({}, true),
  fullDocumentBeforeChange: obj({}, true),
  ns: obj({ db: scalar('string'), coll: scalar('string') }),
  documentKey: obj({ _id: ANY }),
  updateDescription: obj({ updatedFields: obj({}, true), removedFields: arr(scalar('string')) }),
  clusterTime: scalar('timestamp'),
  wallTime: scalar('date'),
});

export interface ShapeDeps {
  catalog: Catalog;
  connections: ConnectionRegistry;
  /** Documents captured from a real run, if the client sent some for this file. */
  sample?: unknown[];
}

/** Input and output shapes of stages, computed on demand up to the stage asked for. */
export class StageShapes {
  private readonly inputs = new Map<StageNode, Shape>();
  private readonly outputs = new Map<StageNode, Shape>();
  constructor(private readonly deps: ShapeDeps) {}

  input(s: StageNode): Shape {
    const cached = this.inputs.get(s);
    if (cached) return cached;
    const stages = s.pipeline.stages;
    const idx = stages.indexOf(s);
    // walk back to the nearest stage whose input is known, then forward without recursion
    let start = idx;
    while (start > 0 && !this.inputs.has(stages[start]!)) start--;
    let cur = this.inputs.get(stages[start]!) ?? this.pipelineInput(s.pipeline);
    for (let i = start; i < idx; i++) {
      this.inputs.set(stages[i]!, cur);
      cur = this.output(stages[i]!);
    }
    this.inputs.set(s, cur);
    return cur;
  }

  output(s: StageNode): Shape {
    const cached = this.outputs.get(s);
    if (cached) return cached;
    const out = applyStage(s, this.input(s), this.deps, this);
    this.outputs.set(s, out);
    return out;
  }

  private pipelineInput(p: PipelineNode): Shape {
    return p.owner ? this.input(p.owner) : obj({}, true);
  }
}

function applyStage(s: StageNode, input: Shape, deps: ShapeDeps, shapes: StageShapes): Shape {
  const arg = s.argNode;
  if (s.kind === 'window') {
    const last = s.inner?.stages[s.inner.stages.length - 1];
    const innerOut = last ? shapes.output(last) : input;
    return setPath(innerOut, '_stream_meta.window', obj({ start: scalar('date'), end: scalar('date') }));
  }
  switch (s.name) {
    case '$source':
      return sourceShape(arg, deps);
    case '$addFields':
    case '$set':
      return addFields(input, arg);
    case '$project':
      return project(input, arg);
    case '$unset':
      return unset(input, arg);
    case '$replaceRoot':
      return toObject(exprShape(prop(arg, 'newRoot'), input));
    case '$replaceWith':
      return toObject(exprShape(arg, input));
    case '$group':
      return group(input, arg);
    case '$count': {
      const name = stringValue(arg);
      return name ? obj({ [name]: scalar('int') }) : obj();
    }
    case '$unwind':
      return unwind(input, arg);
    case '$lookup':
    case '$cachedLookup':
    case '$https':
    case '$externalFunction': {
      const as = stringValue(prop(arg, 'as'));
      if (!as) return input;
      return setPath(input, as, s.name.endsWith('ookup') ? arr(obj({}, true)) : ANY);
    }
    default:
      return input;
  }
}

function sourceShape(arg: Node | undefined, deps: ShapeDeps): Shape {
  let seed: Shape = obj({}, true);
  const docs = prop(arg, 'documents');
  const conn = deps.connections.get(stringValue(prop(arg, 'connectionName')) ?? '');
  if (docs && docs.type === 'array') {
    let acc: Shape | undefined;
    for (const d of (docs.children ?? []).slice(0, 200)) {
      const sh = shapeOfValue(nodeValue(d));
      acc = acc ? merge(acc, sh) : sh;
    }
    seed = acc && acc.t === 'object' ? acc : obj();
  } else if (conn?.type === 'Sample') {
    seed = SOLAR_SHAPE;
  } else if (conn?.type === 'Cluster' || conn?.type === 'Local') {
    seed = CHANGE_EVENT;
  }
  if (deps.sample && deps.sample.length > 0) {
    for (const d of deps.sample.slice(0, 200)) seed = merge(seed, shapeOfValue(d));
  }
  const tsField = stringValue(prop(arg, 'tsFieldName')) ?? '_ts';
  let out = setPath(seed, tsField, scalar('date'));
  out = setPath(out, '_stream_meta', obj({ source: obj({ type: scalar('string') }, true) }, true));
  return out;
}

function addFields(input: Shape, arg: Node | undefined): Shape {
  const out = cloneTop(input);
  for (const p of props(arg)) {
    const k = p.children?.[0]?.value;
    if (typeof k === 'string' && k.length > 0) setIn(out, k, exprShape(p.children?.[1], input));
  }
  return out;
}

function isExclusion(v: Node | undefined): boolean {
  return !!v && ((v.type === 'number' && v.value === 0) || (v.type === 'boolean' && v.value === false));
}

function isInclusion(v: Node | undefined): boolean {
  return !!v && ((v.type === 'number' && v.value !== 0) || (v.type === 'boolean' && v.value === true));
}

function project(input: Shape, arg: Node | undefined): Shape {
  const entries = props(arg).map((p) => [p.children?.[0]?.value, p.children?.[1]] as const);
  const exclusion = entries.some(([k, v]) => k !== '_id' && isExclusion(v));
  if (exclusion) {
    const out = cloneTop(input);
    for (const [k, v] of entries) if (typeof k === 'string' && isExclusion(v)) removeIn(out, k);
    return out;
  }
  let out = obj();
  const idExcluded = entries.some(([k, v]) => k === '_id' && isExclusion(v));
  const id = lookup(input, '_id');
  if (!idExcluded && id) out = setPath(out, '_id', id);
  for (const [k, v] of entries) {
    if (typeof k !== 'string' || k.length === 0 || (k === '_id' && isExclusion(v))) continue;
    out = setPath(out, k, isInclusion(v) ? lookup(input, k) ?? ANY : exprShape(v, input));
  }
  return out;
}

function unset(input: Shape, arg: Node | undefined): Shape {
  const names = arg?.type === 'array' ? (arg.children ?? []).map(stringValue) : [stringValue(arg)];
  let out = input;
  for (const n of names) if (n) out = removePath(out, n);
  return out;
}

function toObject(s: Shape): Shape {
  return s.t === 'object' ? s : obj({}, true);
}

const ACC_TYPES: Record<string, string> = {
  $sum: 'number', $avg: 'double', $stdDevPop: 'double', $stdDevSamp: 'double', $count: 'int',
  $median: 'double', $percentile: 'array', $mergeObjects: 'object',
};

function group(input: Shape, arg: Node | undefined): Shape {
  const fields: Record<string, Shape> = { _id: exprShape(prop(arg, '_id'), input) };
  for (const p of props(arg)) {
    const k = p.children?.[0]?.value;
    if (typeof k !== 'string' || k === '_id') continue;
    const acc = p.children?.[1];
    const op = keysOf(acc)[0];
    const accArg = op ? prop(acc, op) : undefined;
    if (!op) fields[k] = ANY;
    else if (ACC_TYPES[op]) fields[k] = scalar(ACC_TYPES[op]!);
    else if (op === '$push' || op === '$addToSet') fields[k] = arr(exprShape(accArg, input));
    else if (/^\$(first|last|min|max|top|bottom)N$/.test(op)) fields[k] = arr(ANY);
    else if (op === '$top' || op === '$bottom') fields[k] = exprShape(prop(accArg, 'output'), input);
    else fields[k] = exprShape(accArg, input);
  }
  return obj(fields);
}

function unwind(input: Shape, arg: Node | undefined): Shape {
  const path = stringValue(arg) ?? stringValue(prop(arg, 'path'));
  if (!path || !path.startsWith('$')) return input;
  const name = path.slice(1);
  const cur = lookup(input, name);
  let out = setPath(input, name, cur?.t === 'array' ? cur.items ?? ANY : cur ?? ANY);
  const idx = stringValue(prop(arg, 'includeArrayIndex'));
  if (idx) out = setPath(out, idx, scalar('long'));
  return out;
}

/** Shapes for a parsed document, memoised on the parse (one per version) and the deps generation. */
export function shapesFor(parsed: ParsedDoc, deps: ShapeDeps, generation: number): StageShapes {
  return parsed.memoize(`shapes:${generation}`, () => new StageShapes(deps));
}
