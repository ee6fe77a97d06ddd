/** Processor options: `dlq`, `streamMetaFieldName` (asp-spec §6, §8). */
import type { Diagnostic, JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { isClusterLike, type ConnectionRegistry } from '../connections/types';

export interface DlqTarget {
  connectionName: string;
  db: string;
  coll: string;
}

export interface ProcessorOptions {
  dlq?: DlqTarget;
  /** `_stream_meta` by default; "" turns projection off. */
  streamMetaFieldName?: string;
  tier?: string;
}

const FIELDS = ['dlq', 'streamMetaFieldName', 'tier', 'failover', 'enableAutoScaling'];

export function parseProcessorOptions(v: Value, path: JsonPath, conns: ConnectionRegistry, diags: Diagnostic[]): ProcessorOptions {
  if (v === undefined) return {};
  if (!isPlainObject(v)) {
    diags.push({ code: 'ASP106', message: 'options must be an object', severity: 'error', path });
    return {};
  }
  const out: ProcessorOptions = {};
  for (const k of Object.keys(v)) {
    if (!FIELDS.includes(k)) diags.push({ code: 'ASP106', message: `BSON field 'options.${k}' is an unknown field.`, severity: 'error', path: [...path, k], target: 'key' });
  }
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
      if (typeof name === 'string') {
        const c = conns.get(name);
        if (!c) {
          diags.push({ code: 'ASP510', message: `connection named ${name} does not exist. Check sp.listConnections() for available connections.`, severity: 'error', path: [...path, 'dlq', 'connectionName'], data: { name, want: ['Cluster', 'Local'] } });
          ok = false;
        } else if (!isClusterLike(c)) {
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
  if (typeof v['tier'] === 'string') out.tier = v['tier'];
  return out;
}

export function isClusterLikeName(conns: ConnectionRegistry, name: string): boolean {
  return isClusterLike(conns.get(name));
}

export { isPlainObject };
