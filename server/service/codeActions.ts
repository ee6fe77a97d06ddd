/** Quick fixes and refactors for pipelines: sinks, windows, connections, $out, DLQ, misspelt names. */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { applyEdits, modify, type FormattingOptions as JsonFormat } from 'jsonc-parser';
import { nodeValue } from '../../engine/json/tree';
import type { JsonPath } from '../../engine/core/types';
import type { ServiceCtx } from './context';
import type { ParsedDoc, StageNode } from './parseCache';
import { keyNodeOf, nodeAt, pathOf, prop, stringValue } from './jsonNav';
import { stagePaths } from './cursor';
import { connectionTypesAt } from '../../engine/parse/fields';
import { fieldAt as processorFieldAt } from '../../engine/pipeline/processorFields';
import { newConnectionEdit } from './codeActionsConnections';
import { kindOf } from '../../engine/connectors/catalog/index';

export function codeActions(ctx: ServiceCtx, parsed: ParsedDoc, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  if (parsed.kind !== 'pipeline') return [];
  const d = parsed.doc;
  const start = d.offsetAt(range.start);
  const end = d.offsetAt(range.end);
  const out: CodeAction[] = [];
  for (const diag of diagnostics) suggestionFix(parsed, diag, out);
  const touched = parsed.model.stages.filter((s) => s.node.offset <= end && s.node.offset + s.node.length >= start);
  const fmt = formatOf(parsed.text);
  const main = parsed.model.main;
  if (main && main.stages.length > 0) {
    const last = main.stages[main.stages.length - 1]!;
    if (last.kind !== 'sink' && touched.includes(last)) addSinkFixes(parsed, last, fmt, out, diagnostics);
  }
  for (const s of touched) {
    if (s.kind === 'windowOnly' && s.pipeline.context === 'main') out.push(moveIntoWindow(parsed, s, fmt));
    if (s.name === '$out') out.push(outToMerge(parsed, s, fmt));
    if (s.name === '$validate' && stringValue(prop(s.argNode, 'validationAction')) === 'dlq' && !prop(parsed.model.options, 'dlq')) {
      out.push(addDlq(parsed, fmt));
    }
  }
  const conn = connectionFix(ctx, parsed, start);
  if (conn) out.push(conn);
  return out;
}

function formatOf(text: string): JsonFormat {
  const m = /\n([ \t]+)\S/.exec(text);
  const indent = m?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function edits(parsed: ParsedDoc, path: JsonPath, value: unknown, fmt: JsonFormat, insert = false): TextEdit[] {
  const d = parsed.doc;
  return modify(parsed.text, path, value, { formattingOptions: fmt, isArrayInsertion: insert }).map((e) => ({
    range: { start: d.positionAt(e.offset), end: d.positionAt(e.offset + e.length) },
    newText: e.content,
  }));
}

/** One edit turning the document into `after`: the changed middle between a common prefix and suffix. */
function diffEdit(parsed: ParsedDoc, after: string): TextEdit {
  const before = parsed.text;
  let a = 0;
  while (a < before.length && a < after.length && before[a] === after[a]) a++;
  let b = 0;
  while (b < before.length - a && b < after.length - a && before[before.length - 1 - b] === after[after.length - 1 - b]) b++;
  const d = parsed.doc;
  return { range: { start: d.positionAt(a), end: d.positionAt(before.length - b) }, newText: after.slice(a, after.length - b) };
}

function action(title: string, uri: string, changes: TextEdit[], diagnostics?: Diagnostic[], kind: string = CodeActionKind.QuickFix): CodeAction {
  const a: CodeAction = { title, kind, edit: { changes: { [uri]: changes } } };
  if (diagnostics?.length) a.diagnostics = diagnostics;
  return a;
}

function suggestionFix(parsed: ParsedDoc, diag: Diagnostic, out: CodeAction[]): void {
  const s = (diag.data as { suggestion?: unknown } | undefined)?.suggestion;
  if (typeof s !== 'string') return;
  const off = parsed.doc.offsetAt(diag.range.start);
  const n = parsed.tree ? nodeAt(parsed.tree, off + 1) : undefined;
  if (!n || n.type !== 'string') return;
  const range = { start: parsed.doc.positionAt(n.offset), end: parsed.doc.positionAt(n.offset + n.length) };
  const a = action(`Change to '${s}'`, parsed.doc.uri, [{ range, newText: JSON.stringify(s) }], [diag]);
  a.isPreferred = true;
  out.push(a);
}

function sinkName(parsed: ParsedDoc): string {
  const name = stringValue(parsed.model.nameNode);
  if (name) return name;
  const base = parsed.doc.uri.split('/').pop() ?? 'output';
  return base.replace(/\.asp\.json$/, '').replace(/\W+/g, '_') || 'output';
}

function addSinkFixes(parsed: ParsedDoc, last: StageNode, fmt: JsonFormat, out: CodeAction[], diagnostics: Diagnostic[]): void {
  const path = stagePaths(parsed).get(last)!;
  const at = [...path.slice(0, -1), last.index + 1];
  const related = diagnostics.filter((x) => /sink|\$merge|\$emit|last stage/i.test(typeof x.message === "string" ? x.message : x.message.value));
  const merge = { $merge: { into: { connectionName: 'local', db: 'asp', coll: sinkName(parsed) } } };
  out.push(action('Add a $merge sink (local store)', parsed.doc.uri, edits(parsed, at, merge, fmt, true), related));
  const emit = { $emit: { connectionName: '__testLog' } };
  out.push(action('Add an $emit sink to __testLog', parsed.doc.uri, edits(parsed, at, emit, fmt, true), related));
}

function moveIntoWindow(parsed: ParsedDoc, s: StageNode, fmt: JsonFormat): CodeAction {
  const paths = stagePaths(parsed);
  const uri = parsed.doc.uri;
  const value = nodeValue(s.node);
  const window = s.pipeline.stages.find((w) => w.kind === 'window');
  const inner = window?.inner;
  if (window && inner) {
    // the two edits touch neighbouring text, so apply them in turn and send one edit for the change
    const innerPath = pathOf(inner.node);
    const removed = applyEdits(parsed.text, modify(parsed.text, paths.get(s)!, undefined, { formattingOptions: fmt }));
    const moved = applyEdits(removed, modify(removed, [...innerPath, inner.stages.length], value, { formattingOptions: fmt, isArrayInsertion: true }));
    return action(`Move ${s.name} into the ${window.name} pipeline`, uri, [diffEdit(parsed, moved)]);
  }
  const wrapped = { $tumblingWindow: { interval: { size: 1, unit: 'minute' }, pipeline: [value] } };
  return action(`Wrap ${s.name} in a $tumblingWindow`, uri, edits(parsed, paths.get(s)!, wrapped, fmt));
}

function outToMerge(parsed: ParsedDoc, s: StageNode, fmt: JsonFormat): CodeAction {
  const arg = s.argNode ? nodeValue(s.argNode) : undefined;
  const into: Record<string, unknown> = { connectionName: 'local', db: 'asp', coll: sinkName(parsed) };
  if (typeof arg === 'string') into['coll'] = arg;
  else if (arg && typeof arg === 'object') Object.assign(into, arg as object);
  const a = action('Convert $out to $merge', parsed.doc.uri, edits(parsed, stagePaths(parsed).get(s)!, { $merge: { into } }, fmt));
  a.isPreferred = true;
  return a;
}

const DLQ = (name: string): Record<string, string> => ({ connectionName: 'local', db: 'asp', coll: `${name}_dlq` });

function addDlq(parsed: ParsedDoc, fmt: JsonFormat): CodeAction {
  const uri = parsed.doc.uri;
  const name = sinkName(parsed);
  if (parsed.model.form === 'processor') return action('Add a DLQ to the processor options', uri, edits(parsed, ['options', 'dlq'], DLQ(name), fmt));
  // a bare array has nowhere to hold options: convert it to the processor form
  const pipeline = parsed.tree ? nodeValue(parsed.tree) : [];
  const text = JSON.stringify({ name, pipeline, options: { dlq: DLQ(name) } }, null, fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t');
  const d = parsed.doc;
  return action('Add a DLQ (converts the file to the processor form)', uri, [{ range: { start: d.positionAt(0), end: d.positionAt(parsed.text.length) }, newText: text + '\n' }]);
}

function connectionFix(ctx: ServiceCtx, parsed: ParsedDoc, offset: number): CodeAction | undefined {
  const n = parsed.tree ? nodeAt(parsed.tree, offset) : undefined;
  if (!n || n.type !== 'string' || keyNodeOf(n)?.value !== 'connectionName') return undefined;
  const name = n.value as string;
  if (ctx.connections().get(name)) return undefined;
  let stage: StageNode | undefined;
  let rel: JsonPath = [];
  const full = pathOf(n);
  for (const [s, p] of stagePaths(parsed)) {
    if (p.length + 1 < full.length && p.every((x, i) => full[i] === x) && p.length >= rel.length) {
      stage = s;
      rel = full.slice(p.length + 1);
    }
  }
  const allowed = stage ? connectionTypesAt(stage.spec?.fields, rel) : processorFieldAt(full.map(String))?.connectionTypes;
  // The first accepted type a user writes entries for (built-in types come with their entries).
  const type = allowed?.find((t) => !kindOf(t)?.builtins) ?? 'Cluster';
  const edit: WorkspaceEdit | undefined = newConnectionEdit(ctx, name, type);
  return edit ? { title: `Create connection '${name}' (${type}) in the registry`, kind: CodeActionKind.QuickFix, edit } : undefined;
}
