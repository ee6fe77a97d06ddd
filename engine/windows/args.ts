/**
 * Argument checks for the window stages, with the messages of MongoDB's IDL parser (the engine
 * parses these options with IDLParserContext("tumblingWindow") etc., hence the unprefixed
 * stage name in paths) and the planner's own messages (asp-spec §3.9).
 */
import type { Doc, JsonPath, Value } from '../core/types';
import type { ParseContext } from '../parse/types';
import { isPlainObject, typeName } from '../bson/types';
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

  /** The stage argument must be an object with only `allowed` keys and every `required` key. */
  object(arg: Value, allowed: readonly string[], required: readonly string[]): Doc | undefined {
    if (!isPlainObject(arg)) return this.error(CODES.notObject, `${this.stage} specification must be an object.`, this.path);
    this.fields(arg, allowed, required, this.idl, this.path);
    return arg;
  }

  fields(obj: Doc, allowed: readonly string[], required: readonly string[], idlPath: string, path: JsonPath): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) this.error(CODES.unknownField, `BSON field '${idlPath}.${k}' is an unknown field.`, [...path, k], 'key');
    }
    for (const k of required) {
      if (!(k in obj)) this.error(CODES.missingField, `BSON field '${idlPath}.${k}' is missing but a required field`, path);
    }
  }

  wrongType(v: Value, expected: string, idlPath: string, path: JsonPath): undefined {
    return this.error(CODES.wrongType, `BSON field '${idlPath}' is the wrong type '${typeName(v)}', expected type '${expected}'`, path);
  }

  /** An IDL `int`: integral and within 32 bits. */
  int(v: Value, idlPath: string, path: JsonPath): number | undefined {
    if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return v;
    const bt = isPlainObject(v) ? undefined : (v as { _bsontype?: string } | null)?._bsontype;
    if (bt === 'Int32') return (v as { valueOf(): number }).valueOf();
    return this.wrongType(v, 'int', idlPath, path);
  }

  enumValue(v: Value, values: readonly string[], idlPath: string, path: JsonPath): string | undefined {
    if (typeof v !== 'string') return this.wrongType(v, 'string', idlPath, path);
    if (!values.includes(v)) return this.error(CODES.badEnum, `Enumeration value '${v}' for field '${idlPath}' is not a valid value.`, path);
    return v;
  }

  /** `{size: int >= 0, unit}` in ms. */
  duration(v: Value, field: string, path: JsonPath): number | undefined {
    const idlPath = `${this.idl}.${field}`;
    if (!isPlainObject(v)) return this.wrongType(v, 'object', idlPath, path);
    const before = this.ok;
    this.ok = true;
    this.fields(v, ['size', 'unit'], ['size', 'unit'], idlPath, path);
    let size: number | undefined;
    let unit: string | undefined;
    if ('size' in v) {
      size = this.int(v['size'], `${idlPath}.size`, [...path, 'size']);
      if (size !== undefined && size < 0) {
        size = this.error(CODES.badValue, `BSON field '${idlPath}.size' value must be >= 0, actual value '${size}'`, [...path, 'size']);
      }
    }
    if ('unit' in v) unit = this.enumValue(v['unit'], Object.keys(DURATION_UNITS), `${idlPath}.unit`, [...path, 'unit']);
    const good = this.ok;
    this.ok = before && good;
    if (!good || size === undefined || unit === undefined) return undefined;
    return size * DURATION_UNITS[unit]!;
  }

  /**
   * allowedLateness / idleTimeout: a duration, or the integer 0 (`what` names the option in
   * "Must specify unit and size for non-zero <what> values").
   */
  durationOrZero(v: Value, field: string, what: string, path: JsonPath): number | undefined {
    if (typeof v === 'number') {
      if (v === 0) return 0;
      return this.error(CODES.badValue, `Must specify unit and size for non-zero ${what} values`, path);
    }
    return this.duration(v, field, path);
  }

  /** `{offsetFromUtc: int, unit}` in ms; negative offsets are accepted like the engine does. */
  offset(v: Value, path: JsonPath): number | undefined {
    const idlPath = `${this.idl}.offset`;
    if (!isPlainObject(v)) return this.wrongType(v, 'object', idlPath, path);
    const before = this.ok;
    this.ok = true;
    this.fields(v, ['offsetFromUtc', 'unit'], ['offsetFromUtc', 'unit'], idlPath, path);
    const n = 'offsetFromUtc' in v ? this.int(v['offsetFromUtc'], `${idlPath}.offsetFromUtc`, [...path, 'offsetFromUtc']) : undefined;
    const unit = 'unit' in v ? this.enumValue(v['unit'], Object.keys(OFFSET_UNITS), `${idlPath}.unit`, [...path, 'unit']) : undefined;
    const good = this.ok;
    this.ok = before && good;
    if (!good || n === undefined || unit === undefined) return undefined;
    return n * OFFSET_UNITS[unit]!;
  }
}
