/**
 * $sort inside a window: buffers the window's documents and emits them sorted when it closes.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/sort/
 */
import type { Doc, Value } from '../core/types';
import type { Meta } from '../core/meta';
import { compileSortKeys, sortSpecError, type SortKeys } from '../accumulators/sortKeys';
import { CODES } from '../windows/codes';
import type { StageSpec } from '../parse/types';

export interface SortConfig {
  keys: SortKeys;
}

interface Row {
  k: Value[];
  doc: Doc;
  meta: Meta;
}

export const sort: StageSpec<SortConfig> = {
  name: '$sort',
  kind: 'windowOnly',
  placement: { main: false, window: true, payload: false },
  operatorName: 'SortOperator',
  summary: 'Sorts the documents of each window (stable; ties keep arrival order).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/sort/',
  syntax: '{ $sort: { <field>: 1 | -1, ... } }',
  rootRole: 'sort',
  rootType: 'object',
  examples: [
    {
      title: 'Highest watts first',
      stage: { $sort: { watts: -1 } },
      input: [{ watts: 1 }, { watts: 3 }, { watts: 2 }],
      output: [{ watts: 3 }, { watts: 2 }, { watts: 1 }],
    },
  ],
  parse(arg, path, ctx) {
    const bad = sortSpecError(arg);
    if (bad) {
      ctx.report({ code: CODES.sort, message: bad, severity: 'error', path });
      return undefined;
    }
    return { keys: compileSortKeys(arg as Record<string, Value>) };
  },
  create(config, _rt, next) {
    let rows: Row[] = [];
    const { keys } = config;
    return {
      push(doc, meta) {
        rows.push({ k: keys.keys(doc), doc, meta });
      },
      flush() {
        const out = rows;
        rows = [];
        out.sort((a, b) => keys.cmp(a.k, b.k));
        for (const r of out) next(r.doc, r.meta);
      },
      tables: () => [
        {
          name: 'sort',
          snapshot: () => rows.map((r) => ({ doc: r.doc, meta: r.meta })),
          restore(data) {
            rows = (data as { doc: Doc; meta: Meta }[]).map((r) => ({ k: keys.keys(r.doc), doc: r.doc, meta: r.meta }));
          },
          size: () => rows.length * 256,
        },
      ],
    };
  },
};
