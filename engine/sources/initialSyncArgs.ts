/**
 * `$source.initialSync` of a change stream: `{enable: <bool, required>, parallelism: <int, 1>}`
 * (Atlas's $source reference). `enable: false` is the same as no initialSync. The scan and its
 * rules (window stages refused, `_id` kinds) are in engine/connectors/mongo/initialSync.ts and
 * engine/pipeline/validate.ts.
 */
import type { JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { err, missing, noUnknownFields, optBool, wrongType } from '../parse/args';
import type { ParseContext } from '../parse/types';

export const INITIAL_SYNC_FIELDS = ['enable', 'parallelism'] as const;

/** `{parallelism}` when enabled, null when disabled, undefined when malformed (reported). */
export function parseInitialSync(v: Value, path: JsonPath, ctx: ParseContext): { parallelism: number } | null | undefined {
  const P = '$source.initialSync';
  if (!isPlainObject(v)) {
    wrongType('$source', 'initialSync', v, 'object', path, ctx);
    return undefined;
  }
  noUnknownFields(v, INITIAL_SYNC_FIELDS, P, path, ctx);
  if (v['enable'] === undefined) {
    missing(P, 'enable', path, ctx);
    return undefined;
  }
  const enable = optBool(v, 'enable', P, path, ctx);
  if (enable === undefined) return undefined;
  let parallelism = 1;
  const par = v['parallelism'];
  if (par !== undefined) {
    // Atlas's maximum depends on the tier; the local engine has one tier and scans one at a time.
    if (typeof par !== 'number' || !Number.isInteger(par) || par < 1) {
      err(ctx, [...path, 'parallelism'], `${P}.parallelism must be a positive integer`, 'ASP304');
      return undefined;
    }
    parallelism = par;
  }
  return enable ? { parallelism } : null;
}
