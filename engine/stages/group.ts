/**
 * $group inside a window: one output document per distinct `_id`, emitted when the window closes.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/group/
 */
import type { Diagnostic, Doc } from '../core/types';
import type { Meta } from '../core/meta';
import { isPlainObject, typeName } from '../bson/types';
import { newEvalCtx } from '../expr/compile';
import { accumulatorRegistry } from '../accumulators/registry';
import type { Accumulator } from '../accumulators/types';
import { GroupTable } from '../windows/groupTable';
import { CODES } from '../windows/codes';
import { rowUpdate, shareKey } from '../windows/groupUpdate';
import type { StageSpec } from '../parse/types';
import type { GroupConfig } from '../windows/groupTable';
import type { Value } from '../core/types';
import { exprShape } from '../parse/exprShape';
import { ANY, arr, obj, scalar, type Shape } from '../parse/shape';

/** Result types of the accumulators whose type does not follow from their argument. */
const ACC_TYPES: Record<string, string> = {
  $sum: 'number', $avg: 'double', $stdDevPop: 'double', $stdDevSamp: 'double', $count: 'int',
  $median: 'double', $percentile: 'array', $mergeObjects: 'object',
};

/** `_id` plus one field per accumulator, typed as far as the accumulator tells. */
function groupShape(input: Shape, arg: Value): Shape {
  const spec = isPlainObject(arg) ? arg : {};
  const fields: Record<string, Shape> = { _id: exprShape(spec['_id'], input) };
  for (const [k, acc] of Object.entries(spec)) {
    if (k === '_id') continue;
    const op = isPlainObject(acc) ? Object.keys(acc)[0] : undefined;
    const accArg = op && isPlainObject(acc) ? acc[op] : undefined;
    if (!op) fields[k] = ANY;
    else if (ACC_TYPES[op]) fields[k] = scalar(ACC_TYPES[op]!);
    else if (op === '$push' || op === '$addToSet') fields[k] = arr(exprShape(accArg, input));
    else if (/^\$(first|last|min|max|top|bottom)N$/.test(op)) fields[k] = arr(ANY);
    else if (op === '$top' || op === '$bottom') fields[k] = exprShape(isPlainObject(accArg) ? accArg['output'] : undefined, input);
    else fields[k] = exprShape(accArg, input);
  }
  return obj(fields);
}

export const group: StageSpec<GroupConfig> = {
  name: '$group',
  kind: 'windowOnly',
  placement: { main: false, window: true, payload: false },
  operatorName: 'GroupOperator',
  summary: 'Groups the documents of each window by `_id` and computes accumulators per group.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/group/',
  syntax: '{ $group: { _id: <expression>, <field>: { <accumulator>: <expression> }, ... } }',
  rootRole: 'group',
  rootType: 'object',
  examples: [
    {
      title: 'Average and maximum watts per device',
      stage: { $group: { _id: '$device_id', avgWatts: { $avg: '$obs.watts' }, maxWatts: { $max: '$obs.watts' } } },
      input: [
        { device_id: 'device_1', obs: { watts: 100 } },
        { device_id: 'device_1', obs: { watts: 300 } },
        { device_id: 'device_2', obs: { watts: 50 } },
      ],
      output: [
        { _id: 'device_1', avgWatts: 200, maxWatts: 300 },
        { _id: 'device_2', avgWatts: 50, maxWatts: 50 },
      ],
    },
  ],
  parse(arg, path, ctx) {
    const report = (message: string, p = path, code: Diagnostic['code'] = CODES.group, target?: 'key'): undefined => {
      ctx.report({ code, message, severity: 'error', path: p, ...(target ? { target } : {}) });
      return undefined;
    };
    if (!isPlainObject(arg)) return report('a group\'s fields must be specified in an object');
    if (!('_id' in arg)) return report('a group specification must include an _id');
    let ok = true;
    const id = ctx.compiler.expr(arg['_id'], [...path, '_id']);
    const names: string[] = [];
    const accs: Accumulator[] = [];
    const shareKeys: (string | undefined)[] = [];
    for (const name of Object.keys(arg)) {
      if (name === '_id') continue;
      const p = [...path, name];
      const spec = arg[name];
      if (name.startsWith('$')) {
        ok = report(`the group aggregate field name '${name}' cannot be an operator name`, p, CODES.group, 'key') ?? false;
        continue;
      }
      if (name.includes('.')) {
        ok = report(`the group aggregate field name '${name}' cannot contain '.'`, p, CODES.group, 'key') ?? false;
        continue;
      }
      if (!isPlainObject(spec)) {
        ok = report(`the group aggregate field '${name}' must be defined as an expression inside an object`, p) ?? false;
        continue;
      }
      const keys = Object.keys(spec);
      if (keys.length !== 1) {
        ok = report(`the computed aggregate '${name}' must specify exactly one operator`, p) ?? false;
        continue;
      }
      const op = keys[0]!;
      const accSpec = accumulatorRegistry.get(op);
      if (!accSpec) {
        ctx.report({ code: CODES.unknownAccumulator, message: `unknown group operator '${op}'`, severity: 'error', path: [...p, op], target: 'key', data: { name: op, found: typeName(spec[op]) } });
        ok = false;
        continue;
      }
      const acc = accSpec.compile(spec[op], ctx.compiler, [...p, op]);
      if (!acc) {
        ok = false;
        continue;
      }
      names.push(name);
      accs.push(acc);
      shareKeys.push(shareKey(spec[op]));
    }
    if (!ok) return undefined;
    return { plan: { id, names, accs, mergeable: accs.every((a) => a.merge !== undefined), update: rowUpdate(accs, shareKeys) } };
  },
  outputShape: groupShape,
  create(config, rt, next) {
    const ctx = newEvalCtx(rt.slotCount, rt.clock);
    const table = new GroupTable(config.plan);
    let outMeta: Meta | undefined;
    return {
      push(doc, meta) {
        outMeta ??= groupOutputMeta(meta);
        table.add(doc, meta, ctx);
      },
      flush() {
        if (outMeta === undefined) return;
        const m = outMeta;
        const docs = table.results();
        table.clear();
        outMeta = undefined;
        for (const d of docs) next(d, m);
      },
      tables: () => [
        {
          name: 'group',
          snapshot: () => ({ meta: outMeta ?? null, keys: table.snapshot() }),
          restore(data) {
            const o = data as { meta: Meta | null; keys: Doc[] };
            outMeta = o.meta ?? undefined;
            table.restore(o.keys);
          },
          size: () => table.size(),
        },
      ],
    };
  },
};

/** `$group` output carries only the source type and the window (asp-spec §5 output shape). */
export function groupOutputMeta(meta: Meta): Meta {
  const m: Meta = { ts: meta.window ? meta.window.start.getTime() : meta.ts, source: { type: meta.source['type'] } };
  if (meta.window) m.window = meta.window;
  return m;
}
