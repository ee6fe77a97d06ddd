/**
 * Avro names and namespaces (spec "Names"): a name component is [A-Za-z_][A-Za-z0-9_]*, a full
 * name is dot-separated components, a name without a dot takes the enclosing namespace, and a
 * primitive type name is never qualified and cannot be redefined.
 */
import { PRIMITIVES } from './types';

const COMPONENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isPrimitiveName(s: string): boolean {
  return (PRIMITIVES as readonly string[]).includes(s);
}

/** Why `s` is not a valid name (dotted when `dotted`), or undefined when it is. */
export function nameProblem(s: string, dotted: boolean): string | undefined {
  const parts = s.split('.');
  if (!dotted && parts.length > 1) return `'${s}' is not a valid name (no dots allowed here)`;
  if (parts.some((p) => !COMPONENT.test(p))) return `'${s}' is not a valid Avro name (each part must match [A-Za-z_][A-Za-z0-9_]*)`;
  return undefined;
}

/** The full name of `name` in namespace `ns` ('' is the null namespace). */
export function qualify(name: string, ns: string): string {
  if (name.includes('.') || ns === '' || isPrimitiveName(name)) return name;
  return `${ns}.${name}`;
}

/** The namespace part of a full name ('' when it has none). */
export function namespaceOf(fullName: string): string {
  const i = fullName.lastIndexOf('.');
  return i < 0 ? '' : fullName.slice(0, i);
}
