/** Small helpers over jsonc-parser trees; they never throw on partial or broken documents. */
import type { Node } from 'jsonc-parser';
import type { JsonPath } from '../../engine/core/types';

/** The value node of `key` in an object node. */
export function prop(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  for (const p of obj.children) {
    const k = p.children?.[0];
    if (k && k.value === key) return p.children?.[1];
  }
  return undefined;
}

/** The property nodes of an object (empty for anything else). */
export function props(obj: Node | undefined): Node[] {
  return obj && obj.type === 'object' && obj.children ? obj.children : [];
}

/** Key names present in an object node. */
export function keysOf(obj: Node | undefined): string[] {
  const out: string[] = [];
  for (const p of props(obj)) {
    const k = p.children?.[0];
    if (k && typeof k.value === 'string') out.push(k.value);
  }
  return out;
}

/** The key node of a property whose value is `value`. */
export function keyNodeOf(value: Node): Node | undefined {
  const p = value.parent;
  return p && p.type === 'property' && p.children?.[1] === value ? p.children[0] : undefined;
}

/** JSON path of a node from the root (object keys and array indices). */
export function pathOf(node: Node): JsonPath {
  const path: JsonPath = [];
  let n: Node | undefined = node;
  while (n && n.parent) {
    const parent: Node = n.parent;
    if (parent.type === 'property') {
      const k = parent.children?.[0];
      if (k !== n) path.unshift(String(k?.value ?? ''));
    } else if (parent.type === 'array') {
      path.unshift(parent.children ? parent.children.indexOf(n) : 0);
    }
    n = parent;
  }
  return path;
}

/** The innermost node whose range contains `offset` (right bound included, as editors expect). */
export function nodeAt(root: Node | undefined, offset: number): Node | undefined {
  let n = root;
  if (!n || offset < n.offset || offset > n.offset + n.length) return undefined;
  for (;;) {
    const kids: Node[] | undefined = n.children;
    if (!kids) return n;
    let next: Node | undefined;
    for (const c of kids) {
      if (offset >= c.offset && offset <= c.offset + c.length) {
        next = c;
        // a boundary shared by two siblings belongs to the later one, unless the first ends there exactly
        if (offset < c.offset + c.length) break;
      }
    }
    if (!next) return n;
    n = next;
  }
}

export function isInside(n: Node, offset: number): boolean {
  return offset > n.offset && offset < n.offset + n.length;
}

export function stringValue(n: Node | undefined): string | undefined {
  return n && n.type === 'string' && typeof n.value === 'string' ? n.value : undefined;
}
