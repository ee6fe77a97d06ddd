/** Parsing shared by $tumblingWindow and $hoppingWindow (asp-spec §3.9). */
import type { JsonPath, Value } from '../core/types';
import type { ParseContext, ParsedStage } from '../parse/types';
import { isPlainObject } from '../bson/types';
import { ArgReader } from './args';
import { CODES } from './codes';
import { planInner, type InnerPlan } from './innerPlan';

export interface WindowConfig {
  size: number;
  hop: number;
  offset: number;
  allowedLateness: number;
  /** ms; undefined = off. */
  idleTimeout: number | undefined;
  processingTime: boolean;
  inner: InnerPlan;
  /** Name used in DLQ records when no inner stage is stateful. */
  operatorName: string;
}

/** allowedLateness upper bound (ENGINE planner.cpp). */
export const MAX_ALLOWED_LATENESS_MS = 30 * 60_000;
export const DEFAULT_ALLOWED_LATENESS_MS = 3000;

/** Shared by all three window stages: lateness, boundary, inner pipeline. */
export function parseCommon(r: ArgReader, arg: Record<string, Value>, path: JsonPath, ctx: ParseContext, withIdle: boolean) {
  let processingTime = false;
  if ('boundary' in arg) processingTime = arg['boundary'] === 'processingTime';
  let allowedLateness = DEFAULT_ALLOWED_LATENESS_MS;
  if ('allowedLateness' in arg) {
    const p = [...path, 'allowedLateness'];
    if (processingTime) r.error(CODES.processingTime, 'Cannot specify allowed lateness value for a processing time window', p);
    const v = r.durationOrZero(arg['allowedLateness'], 'allowedLateness', 'allowed lateness', p);
    if (v !== undefined && v > MAX_ALLOWED_LATENESS_MS) r.error(CODES.badValue, 'Maximum allowedLateness is 30 minutes', p);
    if (v !== undefined) allowedLateness = v;
  }
  if (processingTime) allowedLateness = 0;
  let idleTimeout: number | undefined;
  if (withIdle && 'idleTimeout' in arg) {
    const p = [...path, 'idleTimeout'];
    if (processingTime) r.error(CODES.processingTime, 'Cannot specify idle timeout value for a processing time window', p);
    const v = r.durationOrZero(arg['idleTimeout'], 'idleTimeout', 'idle timeout', p);
    if (v !== undefined && v > 0) idleTimeout = v;
  }
  let stages: ParsedStage[] = [];
  const pipeline = arg['pipeline'];
  if (Array.isArray(pipeline)) {
    stages = ctx.parsePipeline(pipeline, [...path, 'pipeline'], 'window');
    // A stage that failed to parse was reported already; the window cannot run without it.
    if (stages.length !== pipeline.length || stages.some((s) => s.config === undefined)) r.ok = false;
  }
  return { processingTime, allowedLateness, idleTimeout, stages, raw: Array.isArray(pipeline) ? (pipeline as Value[]) : [] };
}

export function parseFixedWindow(stage: '$tumblingWindow' | '$hoppingWindow', operatorName: string, arg: Value, path: JsonPath, ctx: ParseContext): WindowConfig | undefined {
  const hopping = stage === '$hoppingWindow';
  const r = new ArgReader(stage, path, ctx);
  if (!isPlainObject(arg)) return undefined;
  const obj = arg;
  let size: number | undefined;
  if ('interval' in obj) {
    size = r.duration(obj['interval'], 'interval', [...path, 'interval']);
    if (size === 0) size = r.error(CODES.badValue, 'Window interval size must be greater than 0.', [...path, 'interval', 'size']);
  }
  let hop = size;
  if (hopping && 'hopSize' in obj) {
    hop = r.duration(obj['hopSize'], 'hopSize', [...path, 'hopSize']);
    if (hop === 0) hop = r.error(CODES.badValue, 'Window hopSize size must be greater than 0.', [...path, 'hopSize', 'size']);
  }
  const offset = 'offset' in obj ? r.offset(obj['offset']) : 0;
  const common = parseCommon(r, obj, path, ctx, true);
  if (!r.ok || size === undefined || hop === undefined || offset === undefined) return undefined;
  return {
    size,
    hop,
    offset,
    allowedLateness: common.allowedLateness,
    idleTimeout: common.idleTimeout,
    processingTime: common.processingTime,
    inner: planInner(common.stages, common.raw, operatorName, hopping),
    operatorName,
  };
}
