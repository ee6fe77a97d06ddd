/**
 * $sessionWindow: per-partition windows that stay open while documents keep arriving within `gap`.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-session/
 */
import type { Value } from '../core/types';
import { ArgReader } from '../windows/args';
import { CODES } from '../windows/codes';
import { parseCommon } from '../windows/windowArgs';
import { readsWindowMeta } from '../windows/innerPlan';
import { SessionWindowOperator, type SessionConfig } from '../windows/session';
import { WINDOW_COMMON } from '../windows/fields';
import { durationField } from '../parse/duration';
import { isPlainObject } from '../bson/types';
import { windowShape } from '../windows/shape';
import type { StageSpec } from '../parse/types';

const PREFIX = "The $sessionWindow.pipeline isn't supported,";

export const sessionWindow: StageSpec<SessionConfig> = {
  name: '$sessionWindow',
  kind: 'window',
  placement: { main: true, window: false, payload: false },
  operatorName: 'SessionWindowOperator',
  summary: 'Groups documents per partitionBy value into sessions separated by gaps of inactivity.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-session/',
  syntax: '{ $sessionWindow: { partitionBy: <expression>, gap: { size: <int>, unit: "<unit>" }, pipeline: [ <stage>, ... ], allowedLateness?, boundary? } }',
  idlName: 'sessionWindow',
  fields: [
    { name: 'partitionBy', role: 'expr', required: true, description: 'Expression whose value separates sessions' },
    durationField('gap', 'Inactivity that ends a session', { required: true }),
    ...WINDOW_COMMON,
  ],
  outputShape: windowShape,
  examples: [
    {
      title: 'Readings per user session (gap 5 minutes)',
      stage: {
        $sessionWindow: {
          partitionBy: '$user',
          gap: { size: 5, unit: 'minute' },
          allowedLateness: 0,
          pipeline: [{ $group: { _id: '$user', clicks: { $count: {} } } }],
        },
      },
      input: [
        { user: 'a', _ts: new Date('2024-01-01T00:00:00Z') },
        { user: 'a', _ts: new Date('2024-01-01T00:03:00Z') },
        { user: 'a', _ts: new Date('2024-01-01T00:20:00Z') },
      ],
      output: [
        { _id: 'a', clicks: 2 },
        { _id: 'a', clicks: 1 },
      ],
    },
  ],
  parse(arg, path, ctx) {
    const r = new ArgReader('$sessionWindow', path, ctx);
    if (!isPlainObject(arg)) return undefined;
    const obj = arg;
    let gap: number | undefined;
    if ('gap' in obj) {
      gap = r.duration(obj['gap'], 'gap', [...path, 'gap']);
      if (gap === 0) gap = r.error(CODES.badValue, 'Window gap size must be greater than 0.', [...path, 'gap', 'size']);
    }
    const partitionBy = 'partitionBy' in obj ? ctx.compiler.expr(obj['partitionBy'], [...path, 'partitionBy']) : undefined;
    const common = parseCommon(r, obj, path, ctx, false);
    if (Array.isArray(obj['pipeline'])) checkSessionPipeline(r, obj['pipeline'] as Value[], [...path, 'pipeline']);
    if (!r.ok || gap === undefined || partitionBy === undefined) return undefined;
    const firstStateful = common.stages.find((s) => s.spec.kind === 'windowOnly');
    return {
      partitionBy,
      gap,
      allowedLateness: common.allowedLateness,
      processingTime: common.processingTime,
      stages: common.stages,
      operatorName: firstStateful?.spec.operatorName ?? 'SessionWindowOperator',
    };
  },
  create: (config, rt, next) => new SessionWindowOperator(config, rt, next),
};

/** The engine's extra rules for session pipelines (asp-spec §3.9). */
function checkSessionPipeline(r: ArgReader, raw: Value[], path: (string | number)[]): void {
  const names = raw.map((s) => (s !== null && typeof s === 'object' && !Array.isArray(s) ? Object.keys(s)[0] : undefined));
  const g = names.findIndex((n) => n === '$group' || n === '$sort');
  if (g < 0) {
    r.error(CODES.sessionPipeline, `${PREFIX} there must be a $group or $sort in the pipeline.`, path);
    return;
  }
  const before = raw.slice(0, g);
  if (readsWindowMeta(before)) {
    r.error(CODES.sessionPipeline, `${PREFIX} the pipeline cannot use _stream_meta.window until after the first $group or $sort.`, path);
  }
  const lim = names.slice(0, g).indexOf('$limit');
  if (lim >= 0) r.error(CODES.sessionPipeline, `${PREFIX} there cannot be a $limit before the first $group or $sort.`, [...path, lim]);
}
