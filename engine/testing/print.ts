/**
 * Stable, readable relaxed Extended JSON for fixtures and reports: a value that fits the line
 * is printed on it (`{ "a": 1, "t": { "$date": "..." } }`), a longer one is broken one member
 * per line. The same value always prints the same way, so `--update` makes clean diffs.
 */
import type { Value } from '../core/types';
import { toRelaxedJSON } from '../json/ejson';

export const LINE_WIDTH = 100;

/** Engine value -> plain JSON value of its relaxed Extended JSON form. */
export function plainEJSON(v: Value): unknown {
  return JSON.parse(toRelaxedJSON(v));
}

/** One line: `{ "a": 1, "b": [1, 2] }`. */
export function inlineJSON(v: Value): string {
  return inline(plainEJSON(v));
}

function inline(v: unknown): string {
  if (Array.isArray(v)) return v.length ? `[${v.map(inline).join(', ')}]` : '[]';
  if (v !== null && typeof v === 'object') {
    const e = Object.entries(v as Record<string, unknown>);
    return e.length ? `{ ${e.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(v);
}

/** Multi-line when needed; `indent` is the column the value starts at (continuation lines use it). */
export function prettyJSON(v: Value, indent = '', width = LINE_WIDTH): string {
  return pretty(plainEJSON(v), indent, width);
}

/** `used`: columns already taken on the first line (indent plus a member's key). */
function pretty(v: unknown, indent: string, width: number, used = indent.length): string {
  const one = inline(v);
  if (used + one.length <= width || v === null || typeof v !== 'object') return one;
  const inner = indent + '  ';
  if (Array.isArray(v)) return `[\n${v.map((x) => inner + pretty(x, inner, width)).join(',\n')}\n${indent}]`;
  const e = Object.entries(v as Record<string, unknown>);
  return `{\n${e.map(([k, x]) => {
    const key = `${inner}${JSON.stringify(k)}: `;
    return key + pretty(x, inner, width, key.length);
  }).join(',\n')}\n${indent}}`;
}

/** An array of documents, one per line (or broken when long), as fixtures hold them. */
export function documentList(docs: Value[], indent: string, width = LINE_WIDTH): string {
  if (docs.length === 0) return '[]';
  const inner = indent + '  ';
  return `[\n${docs.map((d) => inner + prettyJSON(d, inner, width)).join(',\n')}\n${indent}]`;
}
