/**
 * Text helpers of the editor's pipeline tests, free of VS Code so node:test covers them: where
 * a pipeline's fixture lives, Test Explorer ids for test names, the smallest edit between two
 * texts (so an update or a capture is one small undoable change), and the edit that puts
 * captured documents into a pipeline's `$source`.
 */
import * as path from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

export const FIXTURE_SUFFIX = '.asp.test.json';

export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

export function isFixtureFile(file: string): boolean {
  return file.endsWith(FIXTURE_SUFFIX);
}

/** `orders.asp.json` -> `orders.asp.test.json`, in the same folder. */
export function fixtureFileFor(pipelineFile: string): string {
  const dir = path.dirname(pipelineFile);
  const base = path.basename(pipelineFile).replace(/\.asp\.json$/i, '').replace(/\.json$/i, '');
  return path.join(dir, `${base}${FIXTURE_SUFFIX}`);
}

/** Ids for tests in file order: their names, numbered when a name repeats (ids must be unique). */
export function testIds(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n} #${k}`;
  });
}

/** The one replacement that turns `before` into `after` (common start and end left alone). */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { offset: start, length: before.length - start - end, text: after.slice(start, after.length - end) };
}

/** The leading whitespace of the line `offset` is on. */
export function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** `$source` options that still apply to inline documents: event time and its field. */
const KEPT = ['timeField', 'tsFieldName'];

function sourceValue(text: string): { node: Node } | { error: string } {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const pipeline = root?.type === 'array' ? root : root?.type === 'object' ? findNodeAtLocation(root, ['pipeline']) : undefined;
  if (!pipeline || pipeline.type !== 'array') return { error: 'the file has no pipeline array' };
  const first = pipeline.children?.[0];
  const prop = first?.type === 'object' && first.children?.length === 1 ? first.children[0] : undefined;
  const value = prop?.children?.[1];
  if (prop?.children?.[0]?.value !== '$source' || value?.type !== 'object') return { error: 'the pipeline does not start with a $source stage' };
  return { node: value };
}

/**
 * The edit that replaces a pipeline's `$source` options with `{"documents": [...]}` (keeping
 * timeField and tsFieldName). `documents(indent)` prints the array with continuation lines at
 * that indent. The edit is one change, so Undo restores the source as it was.
 */
export function sourceDocumentsEdit(text: string, documents: (indent: string) => string): TextEdit | { error: string } {
  const found = sourceValue(text);
  if ('error' in found) return found;
  const node = found.node;
  const outer = lineIndent(text, node.offset);
  const inner = `${outer}  `;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const members = [`${inner}"documents": ${documents(inner).replace(/\r?\n/g, eol)}`];
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v && KEPT.includes(k.value as string)) members.push(`${inner}${JSON.stringify(k.value)}: ${text.slice(v.offset, v.offset + v.length)}`);
  }
  return { offset: node.offset, length: node.length, text: `{${eol}${members.join(`,${eol}`)}${eol}${outer}}` };
}
