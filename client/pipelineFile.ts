/**
 * Reads an `.asp.json` text into what the commands send to the local instance, with the
 * text ranges of each stage (for CodeLens, per-stage counts and "go to stage").
 * No VS Code import: unit-tested under node:test.
 */
import { parseTree, findNodeAtLocation, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';

export interface Range {
  offset: number;
  length: number;
}

export interface StageLocation extends Range {
  /** "$match", or "" when the element is not a one-key object. */
  name: string;
  /** Stages of a window's inner pipeline. */
  inner?: StageLocation[];
}

export interface PipelineFile {
  /** The `name` of a processor document. */
  name?: string;
  pipeline: unknown[];
  options?: Record<string, unknown>;
  /** The pipeline array itself. */
  pipelineRange: Range;
  stages: StageLocation[];
}

export type ReadResult = { ok: true; file: PipelineFile } | { ok: false; message: string; offset: number };

/** Parses `text`; never throws. Comments and trailing commas are tolerated like JSONC. */
export function readPipelineFile(text: string): ReadResult {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    return { ok: false, message: `JSON syntax error: ${e ? printParseErrorCode(e.error) : 'empty file'}`, offset: e?.offset ?? 0 };
  }
  let arrayNode: Node | undefined;
  let name: string | undefined;
  let options: Record<string, unknown> | undefined;
  if (root.type === 'array') {
    arrayNode = root;
  } else if (root.type === 'object') {
    arrayNode = findNodeAtLocation(root, ['pipeline']);
    const nameNode = findNodeAtLocation(root, ['name']);
    if (nameNode?.type === 'string') name = nameNode.value as string;
    const optNode = findNodeAtLocation(root, ['options']);
    if (optNode?.type === 'object') options = nodeValue(optNode) as Record<string, unknown>;
    if (!arrayNode || arrayNode.type !== 'array') {
      return { ok: false, message: 'A processor document needs a "pipeline" array.', offset: root.offset };
    }
  } else {
    return { ok: false, message: 'An .asp.json file holds a pipeline array or a processor document.', offset: root.offset };
  }
  const file: PipelineFile = {
    pipeline: nodeValue(arrayNode) as unknown[],
    pipelineRange: { offset: arrayNode.offset, length: arrayNode.length },
    stages: stageLocations(arrayNode),
  };
  if (name !== undefined) file.name = name;
  if (options !== undefined) file.options = options;
  return { ok: true, file };
}

function stageLocations(arrayNode: Node): StageLocation[] {
  return (arrayNode.children ?? []).map((el) => {
    const loc: StageLocation = { offset: el.offset, length: el.length, name: '' };
    const props = el.type === 'object' ? (el.children ?? []) : [];
    if (props.length === 1) {
      const [keyNode, valueNode] = props[0]!.children ?? [];
      if (keyNode?.type === 'string') loc.name = keyNode.value as string;
      const innerNode = valueNode && valueNode.type === 'object' ? findNodeAtLocation(valueNode, ['pipeline']) : undefined;
      if (innerNode?.type === 'array' && /Window$/.test(loc.name)) loc.inner = stageLocations(innerNode);
    }
    return loc;
  });
}

/** Like jsonc-parser's getNodeValue, but keeps object key order and builds no intermediate arrays. */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'array':
      return (node.children ?? []).map(nodeValue);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) out[k.value as string] = nodeValue(v);
      }
      return out;
    }
    default:
      return node.value;
  }
}

/** The processor name to use: the file's `name`, else the file's base name without `.asp.json`. */
export function processorNameFor(file: PipelineFile, fileName: string): string {
  if (file.name && file.name.trim() !== '') return file.name;
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.asp\.json$/i, '').replace(/[^A-Za-z0-9._*-]/g, '_') || 'processor';
}

/** The stage range for a DLQ entry or a trace row: top-level index, optionally inner index. */
export function stageRange(file: PipelineFile, index: number, innerIndex?: number): Range | undefined {
  const top = file.stages[index];
  if (!top) return undefined;
  if (innerIndex !== undefined && top.inner?.[innerIndex]) return top.inner[innerIndex];
  return top;
}
