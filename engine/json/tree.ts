/** One never-throwing parse of a JSON document with offsets, shared by validator and editor. */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic, JsonPath, LocatedDiagnostic, Value } from '../core/types';
import { fromEJSON, numberToken } from './ejson';

export type { Node as JsonNode };

export interface ParsedJson {
  tree: Node | undefined;
  /** The plain value (before Extended JSON conversion); undefined if nothing parsed. */
  value: Value;
  syntax: Diagnostic[];
  /** Offsets of syntax errors (parallel to `syntax`). */
  syntaxRanges: { offset: number; length: number }[];
}

/** Parse JSON text. Comments and trailing commas are reported but tolerated. */
export function parseJsonText(text: string): ParsedJson {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const syntax: Diagnostic[] = [];
  const syntaxRanges: { offset: number; length: number }[] = [];
  for (const e of errors) {
    syntax.push({ code: 'ASP101', message: `Invalid JSON: ${printParseErrorCode(e.error)}`, severity: 'error', path: [] });
    syntaxRanges.push({ offset: e.offset, length: Math.max(1, e.length) });
  }
  return { tree, value: tree ? nodeValue(tree, text) : undefined, syntax, syntaxRanges };
}

/**
 * Value of a parse-tree node (jsonc-parser's getNodeValue without the recursion limit issues).
 * With the source `text`, a number JSON cannot type by value alone (`24.0`, a 16+ digit
 * integer) becomes its Extended JSON wrapper, so that toEngineValue keeps its BSON type.
 */
export function nodeValue(n: Node, text?: string): Value {
  switch (n.type) {
    case 'object': {
      const o: Record<string, Value> = {};
      for (const p of n.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) o[k.value as string] = nodeValue(v, text);
      }
      return o;
    }
    case 'array':
      return (n.children ?? []).map((c) => nodeValue(c, text));
    case 'number': {
      if (text === undefined) return n.value;
      const raw = text.slice(n.offset, n.offset + n.length);
      const wrapped = numberToken(raw, /[.eE]/.test(raw));
      return wrapped === undefined ? n.value : JSON.parse(wrapped);
    }
    default:
      return n.value;
  }
}

/** Plain value -> engine value (Extended JSON types). */
export function toEngineValue(v: Value): Value {
  return fromEJSON(v);
}

/** Line/col (1-based) of an offset. `lineStarts` from lineStartsOf(text). */
export function lineCol(lineStarts: number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Resolve a diagnostic's JSON path to the deepest node that exists on it. */
export function locate(tree: Node | undefined, text: string, d: Diagnostic, lineStarts: number[]): LocatedDiagnostic {
  let offset = 0;
  let length = text.length > 0 ? 1 : 0;
  if (tree) {
    let path: JsonPath = d.path;
    let node: Node | undefined;
    while (!(node = findNodeAtLocation(tree, path)) && path.length > 0) path = path.slice(0, -1);
    node ??= tree;
    if (d.target === 'key' && node.parent?.type === 'property' && path.length === d.path.length) {
      const key = node.parent.children?.[0];
      if (key) node = key;
    }
    offset = node.offset;
    length = node.length;
  }
  return { ...d, offset, length, ...lineCol(lineStarts, offset) };
}
