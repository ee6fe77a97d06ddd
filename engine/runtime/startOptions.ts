/**
 * The options of startStreamProcessor, stopStreamProcessor, dropStreamProcessor and the tier
 * settings of modifyStreamProcessor, checked with Atlas's rules in one place for both transports.
 * Options arrive at the top level (mongosh, the Admin API's `:startWith`) or nested in `options`
 * (the Node driver); both are read. What the local engine cannot honour (tiers, autoscaling,
 * workers, failover, drop ttl) is validated, recorded and answered with a warning naming it.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/autoscaling/
 */
import { Timestamp } from 'bson';
import type { Doc, Value } from '../core/types';
import { isNumber, isPlainObject, toNumber } from '../bson/types';
import { fromEJSON } from '../json/ejson';
import { PROCESSOR_TIERS, type ProcessorTier } from '../io/enums';
import { DURATION_UNITS } from '../time/duration';
import { invalid } from './errors';

/** What listWorkspaceDefaults reports for the local instance, and what autoscaling falls back to. */
export const WORKSPACE_DEFAULT_TIER: ProcessorTier = 'SP10';
export const WORKSPACE_MAX_TIER: ProcessorTier = 'SP50';

export interface Autoscaling {
  enabled: boolean;
  minTier?: ProcessorTier;
  maxTier?: ProcessorTier;
}

/** Tier settings set by start and modify; kept in the processor definition so a restart reuses them. */
export interface TierSettings {
  tier?: ProcessorTier;
  autoscaling?: Autoscaling;
  workers?: number;
  failover?: Doc;
}

/** Where a change-stream `$source` starts instead of its configured start, for one start. */
export type StartAt = { startAfter: Doc } | { startAtOperationTime: Timestamp };

export interface StartRequest {
  resumeFromCheckpoint?: boolean;
  clearCheckpoints?: boolean;
  startAt?: StartAt;
  /** The settings this start gives (merged over the recorded ones by the caller). */
  settings: TierSettings;
  warnings: string[];
}

const START_KEYS = ['resumeFromCheckpoint', 'clearCheckpoints', 'startAfter', 'startAtOperationTime', 'tier', 'autoscaling', 'enableAutoScaling', 'workers', 'failover'];
/** modify's own keys besides the tier settings (the pipeline, names, dlq...) are the manager's. */
export const TIER_KEYS = ['tier', 'autoscaling', 'enableAutoScaling', 'workers', 'failover'];

const WARN = {
  tier: (t: string) => `tier: the local engine runs every processor on one tier; '${t}' is recorded and shown as tier and effectiveTier`,
  autoscaling: 'autoscaling: validated and recorded; the local engine never changes a processor\'s tier',
  workers: 'workers: recorded; the local engine runs each processor in one worker',
  failover: 'failover: validated and recorded; the local engine has no regions to fail over to',
  ttl: 'ttl: the local engine deletes a dropped processor and its checkpoints at once',
};

/**
 * A command's options as engine values: the top-level fields merged with the nested `options`
 * (the same option at both places with different values is an error, as on the wire).
 */
export function commandOptions(cmd: string, params: object, skip: readonly string[]): Record<string, Value> {
  const copy = fromEJSON(JSON.parse(JSON.stringify(params ?? {})) as Value) as Record<string, Value>;
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(copy)) if (k !== 'options' && !skip.includes(k) && v !== undefined) out[k] = v;
  const nested = copy['options'];
  if (nested !== undefined && nested !== null) {
    if (!isPlainObject(nested)) throw invalid(`BSON field '${cmd}.options' is the wrong type, expected type 'object'`);
    for (const [k, v] of Object.entries(nested)) {
      if (v === undefined) continue;
      if (k in out && JSON.stringify(out[k]) !== JSON.stringify(v)) throw invalid(`Option '${k}' is given both at the top level and in 'options' with different values`);
      out[k] = v;
    }
  }
  return out;
}

function unknownFields(cmd: string, o: Record<string, Value>, known: readonly string[]): void {
  for (const k of Object.keys(o)) if (!known.includes(k)) throw invalid(`BSON field '${cmd}.${k}' is an unknown field.`);
}

/** A boolean option; MongoDB also takes a number, non-zero meaning true. */
function bool(cmd: string, o: Record<string, Value>, key: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (isNumber(v)) return toNumber(v) !== 0;
  throw invalid(`BSON field '${cmd}.${key}' is the wrong type, expected type 'bool'`);
}

function tierOf(field: string, v: Value): ProcessorTier {
  if (typeof v !== 'string' || !(PROCESSOR_TIERS as readonly string[]).includes(v)) {
    throw invalid(`Enumeration value '${typeof v === 'string' ? v : JSON.stringify(v)}' for field '${field}' is not a valid value; expected one of ${PROCESSOR_TIERS.join(', ')}`);
  }
  return v as ProcessorTier;
}

const rank = (t: ProcessorTier): number => PROCESSOR_TIERS.indexOf(t);

function autoscalingOf(cmd: string, v: Value): Partial<Autoscaling> {
  if (!isPlainObject(v)) throw invalid(`BSON field '${cmd}.autoscaling' is the wrong type, expected type 'object'`);
  unknownFields(`${cmd}.autoscaling`, v, ['enabled', 'minTier', 'maxTier']);
  const out: Partial<Autoscaling> = {};
  const enabled = bool(`${cmd}.autoscaling`, v, 'enabled');
  if (enabled !== undefined) out.enabled = enabled;
  if (v['minTier'] !== undefined) out.minTier = tierOf('autoscaling.minTier', v['minTier']);
  if (v['maxTier'] !== undefined) out.maxTier = tierOf('autoscaling.maxTier', v['maxTier']);
  return out;
}

function failoverOf(cmd: string, v: Value): Doc {
  if (!isPlainObject(v)) throw invalid(`BSON field '${cmd}.failover' is the wrong type, expected type 'object'`);
  unknownFields(`${cmd}.failover`, v, ['region', 'mode', 'dryRun', 'clearCheckpoint']);
  if (v['region'] !== undefined && (typeof v['region'] !== 'string' || v['region'].length === 0)) throw invalid(`BSON field '${cmd}.failover.region' must be a non-empty string`);
  if (v['mode'] !== undefined && v['mode'] !== 'GRACEFUL' && v['mode'] !== 'FORCED') throw invalid(`Enumeration value '${String(v['mode'])}' for field 'failover.mode' is not a valid value; expected GRACEFUL or FORCED`);
  bool(`${cmd}.failover`, v, 'dryRun');
  bool(`${cmd}.failover`, v, 'clearCheckpoint');
  return v;
}

function workersOf(cmd: string, v: Value): number {
  if (!isNumber(v) || !Number.isInteger(toNumber(v)) || toNumber(v) < 1) throw invalid(`BSON field '${cmd}.workers' must be a positive integer`);
  return toNumber(v);
}

/** A change-stream start position: a resume token, or a Timestamp, a date, or an ISO-8601 string (Admin API). */
function startAtOf(o: Record<string, Value>): StartAt | undefined {
  const after = o['startAfter'];
  const at = o['startAtOperationTime'];
  if (after !== undefined && at !== undefined) throw invalid('startAfter and startAtOperationTime cannot both be set');
  if (after !== undefined) {
    if (!isPlainObject(after)) throw invalid("BSON field 'startStreamProcessor.startAfter' must be a resume token (an object)");
    return { startAfter: after };
  }
  if (at === undefined) return undefined;
  if ((at as { _bsontype?: string })._bsontype === 'Timestamp') return { startAtOperationTime: at as Timestamp };
  const date = at instanceof Date ? at : typeof at === 'string' ? new Date(at) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw invalid("BSON field 'startStreamProcessor.startAtOperationTime' must be a timestamp, a date or an ISO-8601 date-time");
  // As in $source.config: a date is truncated to whole seconds.
  return { startAtOperationTime: new Timestamp({ t: Math.floor(date.getTime() / 1000), i: 0 }) };
}

/** The tier settings among `o` (start or modify), validated field by field; warnings name each. */
function tierSettings(cmd: string, o: Record<string, Value>, warnings: string[]): TierSettings {
  const s: TierSettings = {};
  if (o['tier'] !== undefined) {
    s.tier = tierOf(`${cmd}.tier`, o['tier']);
    warnings.push(WARN.tier(s.tier));
  }
  let auto: Partial<Autoscaling> | undefined = o['autoscaling'] !== undefined ? autoscalingOf(cmd, o['autoscaling']) : undefined;
  const legacy = bool(cmd, o, 'enableAutoScaling');
  if (legacy !== undefined) {
    if (auto?.enabled !== undefined && auto.enabled !== legacy) throw invalid('enableAutoScaling and autoscaling.enabled disagree');
    auto = { ...auto, enabled: legacy };
  }
  if (auto) {
    s.autoscaling = { enabled: auto.enabled ?? true, ...(auto.minTier ? { minTier: auto.minTier } : {}), ...(auto.maxTier ? { maxTier: auto.maxTier } : {}) };
    warnings.push(WARN.autoscaling);
  }
  if (o['workers'] !== undefined) {
    s.workers = workersOf(cmd, o['workers']);
    warnings.push(WARN.workers);
  }
  if (o['failover'] !== undefined) {
    s.failover = failoverOf(cmd, o['failover']);
    warnings.push(WARN.failover);
  }
  return s;
}

/**
 * Merge new settings over recorded ones ("changes only the values that you provide"), then check
 * the autoscaling rules: bounds default to the workspace's, minTier <= maxTier, and the tier a
 * processor starts on must lie within them.
 */
export function mergeTierSettings(recorded: TierSettings | undefined, next: TierSettings, createTier?: string): TierSettings {
  const out: TierSettings = { ...recorded, ...next };
  if (recorded?.autoscaling && next.autoscaling) out.autoscaling = { ...recorded.autoscaling, ...next.autoscaling };
  const a = out.autoscaling;
  if (a?.enabled) {
    const { min, max } = autoscalingBounds(out, createTier);
    if (rank(min) > rank(max)) throw invalid(`autoscaling minTier ${min} is above maxTier ${max}`);
    const tier = baseTier(out, createTier);
    if (rank(tier) < rank(min) || rank(tier) > rank(max)) throw invalid(`tier ${tier} is outside the autoscaling range ${min} to ${max}: the processor does not start`);
  }
  return out;
}

function baseTier(s: TierSettings | undefined, createTier?: string): ProcessorTier {
  if (s?.tier) return s.tier;
  if (createTier && (PROCESSOR_TIERS as readonly string[]).includes(createTier)) return createTier as ProcessorTier;
  return WORKSPACE_DEFAULT_TIER;
}

/** Atlas's defaults: minTier the lower of the workspace default and the start tier; maxTier the workspace maximum. */
function autoscalingBounds(s: TierSettings, createTier?: string): { min: ProcessorTier; max: ProcessorTier } {
  const tier = baseTier(s, createTier);
  const min = s.autoscaling?.minTier ?? (rank(WORKSPACE_DEFAULT_TIER) < rank(tier) ? WORKSPACE_DEFAULT_TIER : tier);
  return { min, max: s.autoscaling?.maxTier ?? WORKSPACE_MAX_TIER };
}

/** `tier`, `effectiveTier` and (when enabled) `autoscaling` as stats and list show them. */
export function tierView(s: TierSettings | undefined, createTier?: string): { tier: ProcessorTier; effectiveTier: ProcessorTier; autoscaling?: { minTier: ProcessorTier; maxTier: ProcessorTier } } {
  const tier = baseTier(s, createTier);
  // One tier locally: nothing ever scales, so the processor runs on its baseline.
  const view: ReturnType<typeof tierView> = { tier, effectiveTier: tier };
  if (s?.autoscaling?.enabled) {
    const { min, max } = autoscalingBounds(s, createTier);
    view.autoscaling = { minTier: min, maxTier: max };
  }
  return view;
}

export function parseStartOptions(params: object): StartRequest {
  const o = commandOptions('startStreamProcessor', params, ['name']);
  unknownFields('startStreamProcessor', o, START_KEYS);
  const warnings: string[] = [];
  const r: StartRequest = { settings: tierSettings('startStreamProcessor', o, warnings), warnings };
  const resume = bool('startStreamProcessor', o, 'resumeFromCheckpoint');
  const clear = bool('startStreamProcessor', o, 'clearCheckpoints');
  if (resume !== undefined) r.resumeFromCheckpoint = resume;
  if (clear !== undefined) r.clearCheckpoints = clear;
  const at = startAtOf(o);
  if (at) r.startAt = at;
  return r;
}

/** modify's tier settings (the rest of modify's options are the manager's). */
export function parseModifyTierSettings(o: Record<string, Value>, warnings: string[]): TierSettings {
  return tierSettings('modifyStreamProcessor', o, warnings);
}

export function parseStopOptions(params: object): { force: boolean; warnings: string[] } {
  const o = commandOptions('stopStreamProcessor', params, ['name']);
  unknownFields('stopStreamProcessor', o, ['force']);
  return { force: bool('stopStreamProcessor', o, 'force') ?? false, warnings: [] };
}

export function parseDropOptions(params: object): { force: boolean; warnings: string[] } {
  const o = commandOptions('dropStreamProcessor', params, ['name']);
  unknownFields('dropStreamProcessor', o, ['force', 'ttl']);
  const warnings: string[] = [];
  const ttl = o['ttl'];
  if (ttl !== undefined) {
    const size = isPlainObject(ttl) ? ttl['size'] : undefined;
    const unit = isPlainObject(ttl) ? ttl['unit'] : undefined;
    if (!isPlainObject(ttl) || !isNumber(size) || toNumber(size) <= 0 || typeof unit !== 'string' || DURATION_UNITS[unit] === undefined || Object.keys(ttl).some((k) => k !== 'size' && k !== 'unit')) {
      throw invalid(`dropStreamProcessor.ttl must be {size: <positive number>, unit: ${Object.keys(DURATION_UNITS).join('|')}}`);
    }
    warnings.push(WARN.ttl);
  }
  return { force: bool('dropStreamProcessor', o, 'force') ?? false, warnings };
}

/**
 * The pipeline with its change-stream `$source` starting at `at` instead of its configured start
 * (one start only: the stored definition keeps its own). Undefined when the `$source` is not a
 * change stream, which cannot honour a start position.
 */
export function applyStartAt(pipeline: Value[], at: StartAt, isChangeStream: boolean): Value[] | undefined {
  const first = pipeline[0];
  if (!isChangeStream || !isPlainObject(first) || !isPlainObject(first['$source'])) return undefined;
  const src = first['$source'];
  const config: Doc = isPlainObject(src['config']) ? { ...src['config'] } : {};
  delete config['startAfter'];
  delete config['startAtOperationTime'];
  Object.assign(config, at);
  return [{ $source: { ...src, config } }, ...pipeline.slice(1)];
}
