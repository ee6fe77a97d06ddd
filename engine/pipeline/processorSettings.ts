/**
 * The Atlas settings of a processor document, checked with Atlas's rules: `tier`, `failoverEnabled`
 * and `options.autoscaling` where the Admin API puts them, or at their mongosh/driver placements
 * (`options.tier`, `options.failover`, `options.enableAutoScaling`), read through the field table
 * (processorFields.ts). The local engine has one tier, so these are checked and kept, not acted on.
 */
import type { Diagnostic, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { fieldAt, fieldNames, fieldsUnder, PROCESSOR_FIELDS, tierRank, TIERS, type ProcessorField, type Tier } from './processorFields';

export interface AutoscalingSetting {
  enabled?: boolean;
  minTier?: Tier;
  maxTier?: Tier;
}

export interface ProcessorSettings {
  tier?: Tier;
  failoverEnabled?: boolean;
  autoscaling?: AutoscalingSetting;
}

type Doc = Record<string, Value>;

function valueAt(root: Doc, path: readonly string[]): Value {
  let cur: Value = root;
  for (const k of path) {
    if (!isPlainObject(cur)) return undefined;
    cur = (cur as Doc)[k];
  }
  return cur;
}

const dotted = (p: readonly string[]): string => p.join('.');

function unknownKey(parent: readonly string[], k: string): Diagnostic {
  const path = [...parent, k];
  if (parent.length === 0) {
    return { code: 'ASP103', message: `Unknown field '${k}' in a processor document (expected ${fieldNames([]).join(', ')})`, severity: 'error', path, target: 'key' };
  }
  return { code: 'ASP106', message: `BSON field '${dotted(path)}' is an unknown field.`, severity: 'error', path, target: 'key' };
}

function typeError(f: ProcessorField, v: Value): Diagnostic | undefined {
  const at = dotted(f.path);
  const bad = (what: string): Diagnostic => ({ code: 'ASP109', message: `BSON field '${at}' ${what}, got ${JSON.stringify(v) ?? String(v)}`, severity: 'error', path: [...f.path] });
  switch (f.type) {
    case 'tier':
      return typeof v === 'string' && tierRank(v) >= 0 ? undefined : bad(`must be one of ${TIERS.join(', ')}`);
    case 'boolean':
      return typeof v === 'boolean' ? undefined : bad('must be a boolean');
    case 'string':
      return typeof v === 'string' ? undefined : bad('must be a string');
    default:
      return undefined;
  }
}

/**
 * Unknown keys (ASP103 at the top, ASP106 inside options) and the types of the Atlas settings
 * (ASP109). `name`, `pipeline`, `dlq` and `streamMetaFieldName` keep their own checks (analyze.ts,
 * processorOptions.ts), with their older codes.
 */
export function checkShape(root: Doc, from: readonly string[], diags: Diagnostic[]): void {
  const v = valueAt(root, from);
  if (!isPlainObject(v)) return;
  const children = fieldsUnder(from);
  if (children.length === 0) return;
  for (const [k, x] of Object.entries(v as Doc)) {
    const f = fieldAt([...from, k]);
    if (!f) {
      diags.push(unknownKey(from, k));
      continue;
    }
    if (!f.atlasOnly || x === undefined) continue;
    if (f.type === 'object') {
      if (!isPlainObject(x)) diags.push({ code: 'ASP109', message: `BSON field '${dotted(f.path)}' must be an object {${fieldsUnder(f.path).map((c) => c.path[c.path.length - 1]).join(', ')}}`, severity: 'error', path: [...f.path] });
      else checkShape(root, f.path, diags);
      continue;
    }
    const e = typeError(f, x);
    if (e) diags.push(e);
  }
}

/** One setting with where it was read from, for located messages. */
interface Read<T> {
  value: T;
  path: readonly string[];
}

/**
 * The canonical value of a setting from its Admin API placement or its alias; both given with
 * different values is ASP111. Only well-typed values are read (checkShape reports the rest).
 */
function readSetting<T extends Value>(root: Doc, canonical: readonly string[], sub: string | undefined, ok: (v: Value) => v is T, diags: Diagnostic[]): Read<T> | undefined {
  const target = sub ? [...canonical, sub] : canonical;
  const main = valueAt(root, target);
  let out: Read<T> | undefined = ok(main) ? { value: main, path: target } : undefined;
  for (const f of PROCESSOR_FIELDS) {
    if (!f.aliasOf || dotted(f.aliasOf.path) !== dotted(canonical) || f.aliasOf.sub !== sub) continue;
    const a = valueAt(root, f.path);
    if (!ok(a)) continue;
    if (out && JSON.stringify(out.value) !== JSON.stringify(a)) {
      diags.push({ code: 'ASP111', message: `'${dotted(f.path)}' (${JSON.stringify(a)}) and '${dotted(out.path)}' (${JSON.stringify(out.value)}) set the same thing to different values: keep one`, severity: 'error', path: [...f.path], target: 'key' });
      continue;
    }
    out ??= { value: a, path: f.path };
  }
  return out;
}

const isTier = (v: Value): v is Tier => typeof v === 'string' && tierRank(v) >= 0;
const isBool = (v: Value): v is boolean => typeof v === 'boolean';

/**
 * Resolve the settings of `root` (a processor document, or `{options}` when only options are
 * given, as over JSON-RPC and the wire) and check them together: minTier ≤ maxTier, the tier
 * inside the autoscaling range, failover on SP10 and up (docs: Vertical Autoscaling, tiers).
 */
export function resolveSettings(root: Doc, diags: Diagnostic[]): ProcessorSettings {
  const out: ProcessorSettings = {};
  const tier = readSetting(root, ['tier'], undefined, isTier, diags);
  const failover = readSetting(root, ['failoverEnabled'], undefined, isBool, diags);
  const enabled = readSetting(root, ['options', 'autoscaling'], 'enabled', isBool, diags);
  const min = readSetting(root, ['options', 'autoscaling'], 'minTier', isTier, diags);
  const max = readSetting(root, ['options', 'autoscaling'], 'maxTier', isTier, diags);
  if (tier) out.tier = tier.value;
  if (failover) out.failoverEnabled = failover.value;
  if (enabled || min || max) {
    out.autoscaling = {};
    if (enabled) out.autoscaling.enabled = enabled.value;
    if (min) out.autoscaling.minTier = min.value;
    if (max) out.autoscaling.maxTier = max.value;
  }
  const on = out.autoscaling !== undefined && out.autoscaling.enabled !== false;
  if (min && max && tierRank(min.value) > tierRank(max.value)) {
    diags.push({ code: 'ASP110', message: `options.autoscaling.minTier (${min.value}) is above maxTier (${max.value})`, severity: 'error', path: [...min.path] });
  } else if (on && tier && ((min && tierRank(tier.value) < tierRank(min.value)) || (max && tierRank(tier.value) > tierRank(max.value)))) {
    diags.push({ code: 'ASP110', message: `tier ${tier.value} is outside the autoscaling range ${min?.value ?? 'SP2'}..${max?.value ?? 'SP50'}: Atlas refuses to start the processor`, severity: 'error', path: [...tier.path] });
  }
  if (failover?.value === true) {
    if (tier && tierRank(tier.value) < tierRank('SP10')) {
      diags.push({ code: 'ASP110', message: `failover needs tier SP10 or above, the tier is ${tier.value}`, severity: 'error', path: [...tier.path] });
    } else if (on && min && tierRank(min.value) < tierRank('SP10')) {
      diags.push({ code: 'ASP110', message: `failover needs SP10 or above: autoscaling may scale this processor down to ${min.value}`, severity: 'warning', path: [...min.path] });
    }
  }
  return out;
}
