/**
 * Reading the window stages' checked arguments: durations and offsets in ms, and the rules the
 * field tables cannot say (sizes >= 0, a bare number only for 0), with the planner's own
 * messages (asp-spec §3.9). Unknown, missing and wrongly typed fields were reported by the
 * shared checker from the tables in ./fields.ts; these readers return undefined for them.
 */
import type { JsonPath, Value } from '../core/types';
import type { ParseContext } from '../parse/types';
import { isPlainObject } from '../bson/types';
import { numberArg } from '../parse/fields';
import { DURATION_UNITS, OFFSET_UNITS } from '../time/duration';
import { CODES } from './codes';
import type { DiagnosticCode } from '../core/codes';

export class ArgReader {
  ok = true;
  /** IDL context name: `$tumblingWindow` -> `tumblingWindow`. */
  readonly idl: string;

  constructor(readonly stage: string, readonly path: JsonPath, readonly ctx: ParseContext) {
    this.idl = stage.slice(1);
  }

  error(code: DiagnosticCode, message: string, path: JsonPath, target?: 'key' | 'value'): undefined {
    this.ok = false;
    this.ctx.report({ code, message, severity: 'error', path, ...(target ? { target } : {}) });
    return undefined;
  }

  /** `{size: int >= 0, unit}` in ms. */
  duration(v: Value, field: string, path: JsonPath): number | undefined {
    if (!isPlainObject(v)) return undefined;
    const size = numberArg(v['size']);
    const unit = v['unit'];
    if (size === undefined || typeof unit !== 'string' || DURATION_UNITS[unit] === undefined) return undefined;
    if (size < 0) return this.error(CODES.badValue, `BSON field '${this.idl}.${field}.size' value must be >= 0, actual value '${size}'`, [...path, 'size']);
    return size * DURATION_UNITS[unit]!;
  }

  /**
   * allowedLateness / idleTimeout: a duration, or the integer 0 (`what` names the option in
   * "Must specify unit and size for non-zero <what> values").
   */
  durationOrZero(v: Value, field: string, what: string, path: JsonPath): number | undefined {
    if (numberArg(v) !== undefined) {
      if (numberArg(v) === 0) return 0;
      return this.error(CODES.badValue, `Must specify unit and size for non-zero ${what} values`, path);
    }
    return this.duration(v, field, path);
  }

  /** `{offsetFromUtc: int, unit}` in ms; negative offsets are accepted like the engine does. */
  offset(v: Value): number | undefined {
    if (!isPlainObject(v)) return undefined;
    const n = numberArg(v['offsetFromUtc']);
    const unit = v['unit'];
    if (n === undefined || typeof unit !== 'string' || OFFSET_UNITS[unit] === undefined) return undefined;
    return n * OFFSET_UNITS[unit]!;
  }
}
