/**
 * The options of startStreamProcessor, stopStreamProcessor, dropStreamProcessor and the tier
 * settings of modifyStreamProcessor, for both transports. Options arrive at the top level
 * (mongosh, the Admin API's `:startWith`) or nested in `options` (the Node driver); both are read.
 * `tier`, `autoscaling`, `enableAutoScaling` and a boolean `failover` are the processor's Atlas
 * settings: they are written into its options at their mongosh placement and checked there by the
 * one processor-options table (engine/pipeline/processorSettings.ts), so the rules exist once.
 * What the local engine cannot honour (tiers, autoscaling, workers, failover, drop ttl) is
 * validated, recorded and answered with a warning naming it.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/autoscaling/
 */
import { Timestamp } from 'bson';
import type { Diagnostic, Doc, Value } from '../core/types';
import { isNumber, isPlainObject, toNumber } from '../bson/types';
import { fromEJSON } from '../json/ejson';
import { tierRank, type Tier } from '../pipeline/processorFields';
import { checkShape, resolveSettings } from '../pipeline/processorSettings';
import { DURATION_UNITS } from '../time/duration';
import { invalid } from './errors';

/** What listWorkspaceDefaults reports for the local instance, and what autoscaling falls back to. */
export const WORKSPACE_DEFAULT_TIER: Tier = 'SP10';
export const WORKSPACE_MAX_TIER: Tier = 'SP50';

/** Start settings that are not processor options; kept in the definition so a restart reuses them. */
export interface RecordedSettings {
  workers?: number;
}

/** Where a change-stream `$source` starts instead of its configured start, for one start. */
export type StartAt = { startAfter: Doc } | { startAtOperationTime: Timestamp };

/** The settings a start or modify gives: the processor's new options (when a setting changed) and workers. */
export interface SettingsChange {
  options?: Doc;
  settings: RecordedSettings;
}

export interface StartRequest extends SettingsChange {
  resumeFromCheckpoint?: boolean;
  clearCheckpoints?: boolean;
  startAt?: StartAt;
  warnings: string[];
}

/** The Atlas settings start and modify take, as the processor-options table names them inside `options`. */
const SETTING_KEYS = ['tier', 'autoscaling', 'enableAutoScaling', 'failover'];
const START_KEYS = ['resumeFromCheckpoint', 'clearCheckpoints', 'startAfter', 'startAtOperationTime', 'workers', ...SETTING_KEYS];
/** modify's own keys besides these (the pipeline, names, dlq...) are the manager's. */
export const TIER_KEYS = [...SETTING_KEYS, 'workers'];

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

/** A start's failover request (an object: fail over now, to a region); a boolean is the failoverEnabled setting. */
function failoverRequest(cmd: string, v: Value): void {
  if (!isPlainObject(v)) throw invalid(`BSON field '${cmd}.failover' is the wrong type, expected type 'bool' or 'object'`);
  unknownFields(`${cmd}.failover`, v, ['region', 'mode', 'dryRun', 'clearCheckpoint']);
  if (v['region'] !== undefined && (typeof v['region'] !== 'string' || v['region'].length === 0)) throw invalid(`BSON field '${cmd}.failover.region' must be a non-empty string`);
  if (v['mode'] !== undefined && v['mode'] !== 'GRACEFUL' && v['mode'] !== 'FORCED') throw invalid(`Enumeration value '${String(v['mode'])}' for field 'failover.mode' is not a valid value; expected GRACEFUL or FORCED`);
  bool(`${cmd}.failover`, v, 'dryRun');
  bool(`${cmd}.failover`, v, 'clearCheckpoint');
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

/**
 * The processor options after the settings among `o` (start or modify): only the values given
 * change ("changes only the values that you provide"), autoscaling bounds merge into the recorded
 * ones. The result is checked by the processor-options table; its first error refuses the command.
 */
function changeSettings(cmd: string, options: Doc, o: Record<string, Value>, warnings: string[]): SettingsChange {
  const out: SettingsChange = { settings: {} };
  const next: Doc = { ...options };
  let changed = false;
  if (o['tier'] !== undefined) {
    next['tier'] = o['tier'];
    warnings.push(WARN.tier(typeof o['tier'] === 'string' ? o['tier'] : JSON.stringify(o['tier'])));
    changed = true;
  }
  const auto = o['autoscaling'];
  const legacy = bool(cmd, o, 'enableAutoScaling');
  if (auto !== undefined || legacy !== undefined) {
    if (auto !== undefined) next['autoscaling'] = isPlainObject(auto) && isPlainObject(options['autoscaling']) ? { ...options['autoscaling'], ...auto } : auto;
    if (legacy !== undefined) next['enableAutoScaling'] = legacy;
    // A recorded driver-placement switch follows a new autoscaling.enabled (and the other way round),
    // so the two placements never disagree because of an earlier command.
    const enabled = isPlainObject(auto) ? auto['enabled'] : undefined;
    if (legacy === undefined && typeof enabled === 'boolean' && next['enableAutoScaling'] !== undefined) next['enableAutoScaling'] = enabled;
    if (legacy !== undefined && enabled === undefined && isPlainObject(next['autoscaling']) && next['autoscaling']['enabled'] !== undefined) next['autoscaling'] = { ...next['autoscaling'], enabled: legacy };
    warnings.push(WARN.autoscaling);
    changed = true;
  }
  if (o['workers'] !== undefined) {
    out.settings.workers = workersOf(cmd, o['workers']);
    warnings.push(WARN.workers);
  }
  const failover = o['failover'];
  if (failover !== undefined) {
    if (typeof failover === 'boolean') {
      next['failover'] = failover;
      changed = true;
    } else if (cmd === 'startStreamProcessor') {
      failoverRequest(cmd, failover);
    } else {
      throw invalid(`BSON field '${cmd}.failover' is the wrong type, expected type 'bool'`);
    }
    warnings.push(WARN.failover);
  }
  if (!changed) return out;
  const diags: Diagnostic[] = [];
  checkShape({ options: next }, ['options'], diags);
  resolveSettings({ options: next }, diags);
  const error = diags.find((d) => d.severity === 'error');
  if (error) throw invalid(`${cmd}: ${error.message}`);
  for (const d of diags) warnings.push(`${d.path?.join('.') ?? 'options'}: ${d.message}`);
  out.options = next;
  return out;
}

export interface TierView {
  tier: Tier;
  effectiveTier: Tier;
  autoscaling?: { minTier: Tier; maxTier: Tier };
}

/**
 * `tier`, `effectiveTier` and (when enabled) `autoscaling` as stats and list show them, from the
 * processor's options. Unset bounds are Atlas's defaults: minTier the lower of the workspace
 * default and the tier, maxTier the workspace maximum.
 */
export function tierView(options: Doc): TierView {
  const s = resolveSettings({ options }, []);
  const tier = s.tier ?? WORKSPACE_DEFAULT_TIER;
  // One tier locally: nothing ever scales, so the processor runs on its baseline.
  const view: TierView = { tier, effectiveTier: tier };
  if (s.autoscaling && s.autoscaling.enabled !== false) {
    const min = s.autoscaling.minTier ?? (tierRank(WORKSPACE_DEFAULT_TIER) < tierRank(tier) ? WORKSPACE_DEFAULT_TIER : tier);
    view.autoscaling = { minTier: min, maxTier: s.autoscaling.maxTier ?? WORKSPACE_MAX_TIER };
  }
  return view;
}

/** `options` are the processor's recorded options, the base the start's settings change. */
export function parseStartOptions(params: object, options: Doc = {}): StartRequest {
  const o = commandOptions('startStreamProcessor', params, ['name']);
  unknownFields('startStreamProcessor', o, START_KEYS);
  const warnings: string[] = [];
  const r: StartRequest = { ...changeSettings('startStreamProcessor', options, o, warnings), warnings };
  const resume = bool('startStreamProcessor', o, 'resumeFromCheckpoint');
  const clear = bool('startStreamProcessor', o, 'clearCheckpoints');
  if (resume !== undefined) r.resumeFromCheckpoint = resume;
  if (clear !== undefined) r.clearCheckpoints = clear;
  const at = startAtOf(o);
  if (at) r.startAt = at;
  return r;
}

/** modify's tier settings over the processor's options (the rest of modify's options are the manager's). */
export function parseModifySettings(options: Doc, o: Record<string, Value>, warnings: string[]): SettingsChange {
  return changeSettings('modifyStreamProcessor', options, o, warnings);
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
