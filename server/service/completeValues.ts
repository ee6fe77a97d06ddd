/** Value completions: connection names, enum values, field paths, $$ variables, $meta paths, units. */
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Node } from 'jsonc-parser';
import type { JsonPath } from '../../engine/core/types';
import type { ServiceCtx } from './context';
import type { StageNode } from './parseCache';
import type { Role } from './roles';
import { connectionTypesAt, fieldAt, typesOf } from '../../engine/parse/fields';
import { pathsOf } from '../../engine/parse/shape';
import { keysOf, nodeAt, prop, stringValue } from './jsonNav';
import { kindOf } from '../../engine/connectors/catalog/index';
import { push, type ItemSink } from './items';
import { argSnippet } from './snippets';

/** `$meta` paths (asp-spec §4.3); window paths only make sense after a window. */
export const META_PATHS: [string, string][] = [
  ['stream', 'all stream metadata'], ['stream.source', 'source metadata'], ['stream.source.type', 'source type'],
  ['stream.source.ts', 'source event time'], ['stream.source.topic', 'Kafka topic'], ['stream.source.partition', 'Kafka partition'],
  ['stream.source.offset', 'Kafka offset'], ['stream.source.key', 'Kafka key'], ['stream.source.headers', 'Kafka headers'],
  ['stream.source.operationType', 'change event type'], ['stream.source.ns', 'change event namespace'],
  ['stream.source.ns.db', 'database'], ['stream.source.ns.coll', 'collection'], ['stream.source.documentKey._id', 'changed document _id'],
  ['stream.window', 'window bounds'], ['stream.window.start', 'window start (Date)'], ['stream.window.end', 'window end (Date)'],
  ['stream.window.partition', 'session window partition'], ['stream.https', '$https response metadata'],
  ['stream.https.url', 'request URL'], ['stream.https.method', 'HTTP method'], ['stream.https.httpStatusCode', 'HTTP status'],
  ['stream.https.responseTimeMs', 'response time (ms)'],
];

const BUILTIN_VARS: [string, string][] = [
  ['ROOT', 'the top-level document'], ['CURRENT', 'the current document (default for $field)'], ['REMOVE', 'removes the field'],
];
const REDACT_VARS = ['DESCEND', 'PRUNE', 'KEEP'];

export function valueCompletions(ctx: ServiceCtx, out: ItemSink, stage: StageNode, rel: JsonPath, role: Role): void {
  const spec = ctx.catalog.stages.get(stage.name);
  const allowed = connectionTypesAt(spec?.fields, rel);
  if (allowed) return connectionItems(ctx, out, allowed);
  switch (role.k) {
    case 'options': {
      // `$unwind: "$tags"`: the argument's short form is a field path
      if (rel.length === 0 && spec?.shorthand?.role === 'fieldPath') return fieldPathItems(ctx, out, stage, '$');
      const field = fieldAt(spec?.fields, rel);
      const values: unknown[] = [...(field?.enum ?? [])];
      if (values.length === 0 && typesOf(field?.type).includes('bool')) values.push(true, false);
      for (const v of values) push(out, { label: JSON.stringify(v), kind: CompletionItemKind.EnumMember }, JSON.stringify(v));
      return;
    }
    case 'metaPath':
      for (const [p, d] of META_PATHS) {
        if (p.startsWith('stream.window') && !afterWindow(stage)) continue;
        push(out, { label: p, kind: CompletionItemKind.Constant, detail: d }, `"${p}"`);
      }
      return;
    case 'fieldPath':
      return fieldPathItems(ctx, out, stage, '$');
    case 'fieldName':
      return fieldPathItems(ctx, out, stage, '');
    case 'accumulator':
      if (out.cur.quoted) return;
      for (const op of ctx.catalog.accumulators.values()) {
        push(out, { label: op.name, kind: CompletionItemKind.Function, detail: op.summary }, `{ "${op.name}": ${argSnippet(op)} }`, true);
      }
      return;
    case 'expr':
      return exprValueItems(ctx, out, stage);
  }
}

function exprValueItems(ctx: ServiceCtx, out: ItemSink, stage: StageNode): void {
  const { cur } = out;
  if (cur.quoted) {
    if (cur.prefix.startsWith('$$')) return variableItems(out, stage);
    if (cur.prefix === '' || cur.prefix.startsWith('$')) {
      fieldPathItems(ctx, out, stage, '$');
      if (cur.prefix.length <= 1) variableItems(out, stage);
    }
    return;
  }
  if (cur.token) return;
  fieldPathItems(ctx, out, stage, '$');
  for (const op of ctx.catalog.exprOperators.values()) {
    const item: CompletionItem = {
      label: op.name, kind: CompletionItemKind.Function, detail: op.summary,
      documentation: { kind: MarkupKind.Markdown, value: `\`${op.syntax}\`` }, sortText: `1${op.name}`,
    };
    push(out, item, `{ "${op.name}": ${argSnippet(op)} }`, true);
  }
}

function fieldPathItems(ctx: ServiceCtx, out: ItemSink, stage: StageNode, sigil: string): void {
  const shape = ctx.shapes(out.parsed).input(stage);
  for (const f of pathsOf(shape)) {
    const label = sigil + f.path;
    push(out, { label, kind: CompletionItemKind.Field, detail: f.type, sortText: `0${f.path}` }, `"${label}"`);
  }
}

function variableItems(out: ItemSink, stage: StageNode): void {
  const vars: [string, string][] = [...BUILTIN_VARS];
  if (stage.name === '$redact') for (const v of REDACT_VARS) vars.push([v, '$redact decision']);
  const tree = out.parsed.tree;
  for (let n = tree ? nodeAt(tree, out.cur.offset) : undefined; n; n = n.parent) {
    for (const v of scopeVars(n)) vars.push([v, 'variable in scope']);
  }
  for (const [v, d] of vars) push(out, { label: `$$${v}`, kind: CompletionItemKind.Variable, detail: d }, `"$$${v}"`);
}

/** Variables an operator object binds for its sub-expressions. */
export function scopeVars(n: Node): string[] {
  if (n.type !== 'object') return [];
  const op = keysOf(n)[0];
  const arg = op ? prop(n, op) : undefined;
  switch (op) {
    case '$let':
      return keysOf(prop(arg, 'vars'));
    case '$map':
    case '$filter':
      return [stringValue(prop(arg, 'as')) ?? 'this'];
    case '$reduce':
      return ['value', 'this'];
    default:
      return [];
  }
}

function afterWindow(stage: StageNode): boolean {
  if (stage.pipeline.context === 'window') return true;
  return stage.pipeline.stages.some((s) => s.kind === 'window' && s.index < stage.index);
}

function connectionItems(ctx: ServiceCtx, out: ItemSink, allowed: readonly string[]): void {
  for (const c of ctx.connections().list()) {
    if (!allowed.includes(c.type)) continue;
    const item: CompletionItem = {
      label: c.name,
      kind: CompletionItemKind.Reference,
      detail: `${c.type} connection${kindOf(c.type)?.atlasOnly ? ' (Atlas only)' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: kindOf(c.type)?.usedFor ?? c.type },
      sortText: `${c.name.startsWith('__') ? 1 : 0}${c.name}`,
    };
    push(out, item, `"${c.name}"`);
  }
}
