/** Completion: stages valid at the cursor, options from the stages' field tables, operators, connections, field paths. */
import {
  CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type Position,
} from 'vscode-languageserver-types';
import type { StageSpec } from '../../engine/parse/types';
import type { ServiceCtx } from './context';
import { cursorAt } from './cursor';
import type { ParsedDoc, PipelineNode, StageNode } from './parseCache';
import type { Node } from 'jsonc-parser';
import { keysOf } from './jsonNav';
import { pathsOf } from '../../engine/parse/shape';
import type { Role } from './roles';
import type { OperatorDoc } from './types';
import type { FieldSpec } from '../../engine/parse/fieldSpec';
import { fieldsAt } from '../../engine/parse/fields';
import { operatorMarkdown, stageMarkdown } from './markdown';
import { valueCompletions } from './completeValues';
import { argSnippet, fieldDoc, stageArgSnippet, valueSnippet } from './snippets';
import { processorCompletions } from './completeProcessor';
import { keyHasValue, push, type ItemSink } from './items';

export function complete(ctx: ServiceCtx, parsed: ParsedDoc, pos: Position): CompletionList {
  const offset = parsed.doc.offsetAt(pos);
  const cur = cursorAt(parsed, offset);
  const out: ItemSink = { cur, parsed, items: [] };
  const slot = cur.slot;
  switch (slot.k) {
    case 'stageKey':
      stageItems(ctx, out, slot.stage.pipeline, slot.stage.index, true);
      break;
    case 'stageElement':
      if (slot.pipeline) stageItems(ctx, out, slot.pipeline, slot.index, false);
      else templateItems(out);
      break;
    case 'key':
      keyItems(ctx, out, slot.stage, slot);
      break;
    case 'value':
      valueCompletions(ctx, out, slot.stage, slot.rel, slot.role);
      break;
    case 'processor':
      processorCompletions(ctx, out, slot.path, slot.atKey);
      break;
  }
  return { isIncomplete: false, items: out.items };
}

/** Which stages may stand at `index` of `pipeline` (asp-spec §1.2). */
export function stagesAllowedAt(ctx: ServiceCtx, pipeline: PipelineNode, index: number): StageSpec[] {
  const objects = pipeline.stages;
  const isLast = !objects.some((s) => s.index > index);
  const hasWindow = objects.some((s) => s.kind === 'window' && s.index !== index);
  const out: StageSpec[] = [];
  for (const spec of ctx.catalog.stages.values()) {
    const p = spec.placement;
    if (pipeline.context === 'main') {
      if (!p.main) continue;
      if (index === 0 ? spec.kind !== 'source' : spec.kind === 'source') continue;
      if (spec.kind === 'sink' && !isLast) continue;
      if (spec.kind === 'window' && hasWindow) continue;
    } else if (pipeline.context === 'window') {
      if (!p.window) continue;
    } else if (pipeline.context === 'payload') {
      if (!p.payload) continue;
    } else if (spec.kind !== 'transform' || !p.main) {
      continue;
    }
    out.push(spec);
  }
  return out;
}

function stageItems(ctx: ServiceCtx, out: ItemSink, pipeline: PipelineNode, index: number, atKey: boolean): void {
  const keyOnly = atKey && keyHasValue(out.cur);
  const siblings = atKey ? keysOf(pipeline.stages.find((s) => s.index === index)?.node) : [];
  if (atKey && siblings.length > 1) return;
  for (const spec of stagesAllowedAt(ctx, pipeline, index)) {
    const item: CompletionItem = {
      label: spec.name,
      kind: CompletionItemKind.Module,
      detail: spec.summary,
      documentation: { kind: MarkupKind.Markdown, value: stageMarkdown(spec, false) },
      sortText: `${spec.kind === 'source' || spec.kind === 'sink' ? 0 : 1}${spec.name}`,
    };
    const arg = stageArgSnippet(spec);
    if (keyOnly) push(out, item, `"${spec.name}"`);
    else if (atKey) push(out, item, `"${spec.name}": ${arg}`, true);
    else push(out, item, `{ "${spec.name}": ${arg} }`, true);
  }
}

function templateItems(out: ItemSink): void {
  push(out, { label: 'pipeline (array)', kind: CompletionItemKind.Snippet, detail: 'A bare pipeline array' },
    '[\n\t{ "\\$source": { "connectionName": "${1:sample_stream_solar}" } },\n\t$0\n]', true);
  push(out, { label: 'processor', kind: CompletionItemKind.Snippet, detail: 'A processor document: name, pipeline, options' },
    '{\n\t"name": "${1:myProcessor}",\n\t"pipeline": [\n\t\t{ "\\$source": { "connectionName": "${2:sample_stream_solar}" } },\n\t\t$0\n\t]\n}', true);
}

function keyItems(ctx: ServiceCtx, out: ItemSink, stage: StageNode, slot: { role: Role }): void {
  const role = slot.role;
  const container = containerNode(out);
  const present = new Set(keysOf(container));
  const typed = typeof out.cur.token?.value === 'string' ? out.cur.token.value : undefined;
  if (typed !== undefined) present.delete(typed);
  const keyOnly = keyHasValue(out.cur);
  switch (role.k) {
    case 'options': {
      const fields = fieldsAt(ctx.catalog.stages.get(stage.name)?.fields, role.schemaPath);
      for (const f of fields ?? []) if (!present.has(f.name)) optionItem(out, f, keyOnly);
      return;
    }
    case 'expr':
      if (present.size > 0) return;
      for (const op of ctx.catalog.exprOperators.values()) operatorItem(out, op, keyOnly);
      return;
    case 'accumulator':
      if (present.size > 0) return;
      for (const op of ctx.catalog.accumulators.values()) operatorItem(out, op, keyOnly);
      return;
    case 'group':
      if (!present.has('_id')) push(out, { label: '_id', kind: CompletionItemKind.Property, detail: 'group key expression', sortText: '0' }, keyOnly ? '"_id"' : '"_id": ${1:null}', !keyOnly);
      fieldKeyItems(ctx, out, stage, present, keyOnly);
      return;
    case 'query':
      fieldKeyItems(ctx, out, stage, present, keyOnly);
      for (const op of ctx.catalog.queryOperators.values()) {
        if (isTopLevelQueryOp(op)) operatorItem(out, op, keyOnly);
      }
      return;
    case 'queryField':
      for (const op of ctx.catalog.queryOperators.values()) {
        if (!isTopLevelQueryOp(op)) operatorItem(out, op, keyOnly);
      }
      return;
    case 'fieldMap':
    case 'projection':
    case 'sort':
      fieldKeyItems(ctx, out, stage, present, keyOnly);
      return;
  }
}

const TOP_LEVEL_QUERY = new Set(['$and', '$or', '$nor', '$expr', '$comment', '$jsonSchema', '$where', '$text']);

function isTopLevelQueryOp(op: OperatorDoc): boolean {
  return op.level ? op.level === 'top' : TOP_LEVEL_QUERY.has(op.name);
}

/** The object that holds the key under the cursor. */
function containerNode(out: ItemSink): Node | undefined {
  const t = out.cur.token;
  if (t?.parent?.type === 'property') return t.parent.parent;
  const n = out.parsed.tree ? nodeAtOffset(out.parsed.tree, out.cur.offset) : undefined;
  return n?.type === 'object' ? n : n?.parent?.type === 'object' ? n.parent : undefined;
}

function nodeAtOffset(root: Node, offset: number): Node | undefined {
  let n: Node | undefined = root;
  for (;;) {
    const next: Node | undefined = n?.children?.find((c) => offset > c.offset && offset < c.offset + c.length);
    if (!next) return n;
    n = next;
  }
}

function optionItem(out: ItemSink, f: FieldSpec, keyOnly: boolean): void {
  const item: CompletionItem = {
    label: f.name,
    kind: CompletionItemKind.Property,
    detail: typeof f.type === 'string' ? f.type : f.type?.join(' | '),
    sortText: `${f.required ? 0 : 1}${f.name}`,
    documentation: { kind: MarkupKind.Markdown, value: fieldDoc(f) },
  };
  if (keyOnly) push(out, item, `"${f.name}"`);
  else push(out, item, `"${f.name}": ${valueSnippet(f, 1)}`, true);
}

function operatorItem(out: ItemSink, op: OperatorDoc, keyOnly: boolean): void {
  const item: CompletionItem = {
    label: op.name,
    kind: CompletionItemKind.Function,
    detail: op.summary,
    documentation: { kind: MarkupKind.Markdown, value: operatorMarkdown(op, false) },
  };
  if (keyOnly) push(out, item, `"${op.name}"`);
  else push(out, item, `"${op.name}": ${argSnippet(op)}`, true);
}

function fieldKeyItems(ctx: ServiceCtx, out: ItemSink, stage: StageNode, present: Set<string>, keyOnly: boolean): void {
  const shape = ctx.shapes(out.parsed).input(stage);
  for (const f of pathsOf(shape)) {
    if (present.has(f.path)) continue;
    const item: CompletionItem = { label: f.path, kind: CompletionItemKind.Field, detail: f.type, sortText: `0${f.path}` };
    if (keyOnly) push(out, item, `"${f.path}"`);
    else push(out, item, `"${f.path}": $1`, true);
  }
}

