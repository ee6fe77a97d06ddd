/**
 * $count inside a window: one document `{<field>: n}` per non-empty window.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/count/
 */
import type { Meta } from '../core/meta';
import { CODES } from '../windows/codes';
import { groupOutputMeta } from './group';
import type { StageSpec } from '../parse/types';
import { obj, scalar } from '../parse/shape';

export interface CountConfig {
  field: string;
}

export const count: StageSpec<CountConfig> = {
  name: '$count',
  kind: 'windowOnly',
  placement: { main: false, window: true, payload: false },
  // The engine rewrites $count into $group + $project.
  operatorName: 'GroupOperator',
  summary: 'Counts the documents of each window into one document `{<field>: n}`.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/count/',
  syntax: '{ $count: "<output field>" }',
  rootRole: 'fieldName',
  rootType: 'string',
  examples: [{ title: 'Count readings', stage: { $count: 'readings' }, input: [{ a: 1 }, { a: 2 }], output: [{ readings: 2 }] }],
  parse(arg, path, ctx) {
    const report = (message: string): undefined => {
      ctx.report({ code: CODES.count, message, severity: 'error', path });
      return undefined;
    };
    if (typeof arg !== 'string' || arg.length === 0) return report('the count field must be a non-empty string');
    if (arg.startsWith('$')) return report('the count field cannot be a $-prefixed path');
    if (arg.includes('.')) return report("the count field cannot contain '.'");
    if (arg.includes('\0')) return report('the count field cannot contain a null byte');
    return { field: arg };
  },
  outputShape: (_input, arg) => (typeof arg === 'string' && arg ? obj({ [arg]: scalar('int') }) : obj()),
  create(config, _rt, next) {
    let n = 0;
    let meta: Meta | undefined;
    return {
      push(_doc, m) {
        meta ??= groupOutputMeta(m);
        n++;
      },
      flush() {
        if (meta === undefined) return;
        const m = meta;
        const total = n;
        n = 0;
        meta = undefined;
        next({ [config.field]: total }, m);
      },
      tables: () => [
        {
          name: 'count',
          snapshot: () => ({ n, meta: meta ?? null }),
          restore(data) {
            const o = data as { n: number; meta: Meta | null };
            n = o.n;
            meta = o.meta ?? undefined;
          },
          size: () => 16,
        },
      ],
    };
  },
};
