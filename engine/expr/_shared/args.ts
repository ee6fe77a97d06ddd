/** Argument-shape helpers shared by expression operators: arity checks and named-argument objects. */
import type { JsonPath, Value } from '../../core/types';
import { isPlainObject, typeName } from '../../bson/types';
import type { Compiler, Expr } from '../types';

/** Fallback closure returned after a compile error has been reported. */
export const NULL_EXPR: Expr = () => null;

export const NOT_CONSTANT = Symbol('not constant');

/** The value of an argument spec that is a constant (no field path, variable, operator or literal array/object). */
export function constantOf(spec: Value): Value | typeof NOT_CONSTANT {
  if (typeof spec === 'string') return spec.startsWith('$') ? NOT_CONSTANT : spec;
  if (Array.isArray(spec) || isPlainObject(spec)) return NOT_CONSTANT;
  return spec;
}

/** MongoDB accepts `{$op: x}` as shorthand for `{$op: [x]}`. */
export function argList(arg: Value): Value[] {
  return Array.isArray(arg) ? arg : [arg];
}

export function arityMessage(name: string, n: number, min: number, max: number): string {
  if (min === max) return `Expression ${name} takes exactly ${min} arguments. ${n} were passed in.`;
  if (max === Infinity) return `Expression ${name} takes at least ${min} arguments, but ${n} were passed in.`;
  return `Expression ${name} takes at least ${min} arguments, and at most ${max}, but ${n} were passed in.`;
}

/**
 * Compile positional arguments, reporting ASP410 when their count is outside [min, max].
 * Returns null after reporting, so the caller can return NULL_EXPR.
 */
export function compileArgs(c: Compiler, path: JsonPath, arg: Value, name: string, min: number, max = min): Expr[] | null {
  const list = argList(arg);
  if (list.length < min || list.length > max) {
    c.error(path, arityMessage(name, list.length, min, max), 'ASP410');
    return null;
  }
  const isArr = Array.isArray(arg);
  return list.map((s, i) => c.expr(s, isArr ? [...path, i] : path));
}

export interface NamedArgMessages {
  notObject?: (type: string) => string;
  unknown?: (key: string) => string;
  missing?: (key: string) => string;
}

/**
 * Validate an object of named arguments (`{input, as, cond}`) against the allowed and
 * required keys. Every problem is reported (ASP411); returns null if there was any.
 */
export function namedArgs(
  c: Compiler,
  path: JsonPath,
  arg: Value,
  name: string,
  allowed: readonly string[],
  required: readonly string[],
  msgs: NamedArgMessages = {},
): Record<string, Value> | null {
  if (!isPlainObject(arg)) {
    const msg = msgs.notObject ? msgs.notObject(typeName(arg)) : `${name} requires an object as an argument, found: ${typeName(arg)}`;
    c.error(path, msg, 'ASP411');
    return null;
  }
  let ok = true;
  for (const k of Object.keys(arg)) {
    if (!allowed.includes(k)) {
      c.report({ code: 'ASP411', severity: 'error', path: [...path, k], target: 'key', message: msgs.unknown ? msgs.unknown(k) : `${name} found an unknown argument: ${k}` });
      ok = false;
    }
  }
  for (const k of required) {
    if (arg[k] === undefined) {
      c.error(path, msgs.missing ? msgs.missing(k) : `${name} requires '${k}' to be specified`, 'ASP411');
      ok = false;
    }
  }
  return ok ? arg : null;
}

/** Compile a named argument if present. */
export function optExpr(c: Compiler, path: JsonPath, args: Record<string, Value>, key: string): Expr | undefined {
  return args[key] === undefined ? undefined : c.expr(args[key], [...path, key]);
}

/**
 * User variable names must start with a lowercase ASCII letter or a non-ASCII character and
 * hold only letters, digits and underscores (MongoDB's rule for $let, $map, $filter `as`).
 * `allowCurrent`: the binder may also rebind CURRENT ($let vars, $map/$filter `as`).
 */
export function checkVarName(c: Compiler, path: JsonPath, name: Value, allowCurrent = false): name is string {
  if (allowCurrent && name === 'CURRENT') return true;
  if (typeof name !== 'string' || name.length === 0) {
    c.error(path, 'empty variable names are not allowed', 'ASP411');
    return false;
  }
  const first = name.charCodeAt(0);
  if (!((first >= 97 && first <= 122) || first > 127)) {
    c.error(path, `'${name}' starts with an invalid character for a user variable name`, 'ASP411');
    return false;
  }
  for (let i = 1; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    const ok = (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch > 127;
    if (!ok) {
      c.error(path, `'${name}' contains an invalid character for a variable name: '${name[i]}'`, 'ASP411');
      return false;
    }
  }
  return true;
}
