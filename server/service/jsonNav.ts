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

/** Edit distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

/** The closest candidate within a distance proportional to the word's length, case-insensitively. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
