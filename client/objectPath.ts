/**
 * Dotted paths (`auth.password`) into plain JSON objects: the connection form and the secret
 * split both read and write a connection entry's fields by the path its kind's field table gives.
 */

/** The value at a dotted path, or undefined when a step is missing or not an object. */
export function getPath(v: unknown, path: string): unknown {
  let cur = v;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Sets the value at a dotted path, creating objects on the way; undefined deletes the key. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    cur[k] = next !== null && typeof next === 'object' ? next : {};
    cur = cur[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}
