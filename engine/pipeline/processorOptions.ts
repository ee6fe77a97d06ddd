/**
 * Processor options: `dlq`, `streamMetaFieldName` (asp-spec §6, §8), and the Atlas settings
 * (tier, failover, autoscaling) at either placement, checked by processorSettings.ts.
 */
import type { Diagnostic, JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { isClusterLike, type ConnectionRegistry } from '../connections/types';
import { fieldAt } from './processorFields';
import { checkShape, resolveSettings, type ProcessorSettings } from './processorSettings';

export interface DlqTarget {
  connectionName: string;
  db: string;
  coll: string;
}

export interface ProcessorOptions extends ProcessorSettings {
  dlq?: DlqTarget;
  /** `_stream_meta` by default; "" turns projection off. */
  streamMetaFieldName?: string;
}

/**
 * `v` is the options object at `path` (['options']). `doc` is the whole processor document when
 * there is one (a file), so top-level `tier`/`failoverEnabled` are resolved with their aliases;
 * over JSON-RPC and the wire only options travel.
 */
export function parseProcessorOptions(v: Value, path: JsonPath, conns: ConnectionRegistry, diags: Diagnostic[], doc?: Record<string, Value>): ProcessorOptions {
  const root = doc ?? { options: v };
  if (v === undefined) return resolveSettings(root, diags);
  if (!isPlainObject(v)) {
    diags.push({ code: 'ASP106', message: 'options must be an object', severity: 'error', path });
    return {};
  }
  checkShape(root, ['options'], diags);
  const out: ProcessorOptions = resolveSettings(root, diags);
  const dlq = v['dlq'];
  if (dlq !== undefined && !(isPlainObject(dlq) && Object.keys(dlq).length === 0)) {
    if (!isPlainObject(dlq)) {
      diags.push({ code: 'ASP107', message: 'options.dlq must be an object {connectionName, db, coll}', severity: 'error', path: [...path, 'dlq'] });
    } else {
      let ok = true;
      for (const f of ['connectionName', 'db', 'coll']) {
        if (typeof dlq[f] !== 'string' || (dlq[f] as string).length === 0) {
          diags.push({ code: 'ASP107', message: `BSON field 'options.dlq.${f}' is missing but a required field`, severity: 'error', path: [...path, 'dlq', ...(dlq[f] === undefined ? [] : [f])] });
          ok = false;
        }
      }
      const name = dlq['connectionName'];
      const want = fieldAt(['options', 'dlq', 'connectionName'])!.connectionTypes!;
      if (typeof name === 'string') {
        const c = conns.get(name);
        if (!c) {
          diags.push({ code: 'ASP510', message: `connection named ${name} does not exist. Check sp.listConnections() for available connections.`, severity: 'error', path: [...path, 'dlq', 'connectionName'], data: { name, want } });
          ok = false;
        } else if (!want.includes(c.type)) {
          diags.push({ code: 'ASP511', message: `The DLQ needs a Cluster connection; '${name}' is a ${c.type} connection`, severity: 'error', path: [...path, 'dlq', 'connectionName'], data: { name, type: c.type } });
          ok = false;
        }
      }
      if (ok) out.dlq = { connectionName: dlq['connectionName'] as string, db: dlq['db'] as string, coll: dlq['coll'] as string };
    }
  }
  const smf = v['streamMetaFieldName'];
  if (smf !== undefined) {
    if (typeof smf !== 'string' || smf.includes('.')) diags.push({ code: 'ASP108', message: 'streamMetaFieldName must be a top-level field name (or "" to turn projection off)', severity: 'error', path: [...path, 'streamMetaFieldName'] });
    else out.streamMetaFieldName = smf;
  }
  return out;
}

export function isClusterLikeName(conns: ConnectionRegistry, name: string): boolean {
  return isClusterLike(conns.get(name));
}

export { isPlainObject };
