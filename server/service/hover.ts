/** Hover: stage and operator docs from the catalog, connections (never a secret), field paths with their type. */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { Connection } from '../../engine/connections/types';
import { kindOf, unreachableReason } from '../../engine/connectors/catalog/index';
import type { ServiceCtx } from './context';
import type { ParsedDoc, StageNode } from './parseCache';
import { cursorAt } from './cursor';
import { keyNodeOf, nodeAt } from './jsonNav';
import { operatorMarkdown, stageMarkdown } from './markdown';
import { describe, lookup, pathsOf, type Shape } from '../../engine/parse/shape';
import { fieldAt } from '../../engine/parse/fields';
import { fieldDoc } from './snippets';
import { META_PATHS } from './completeValues';
import { observedMarkdown } from './observed';

export function hover(ctx: ServiceCtx, parsed: ParsedDoc, pos: Position): Hover | null {
  const offset = parsed.doc.offsetAt(pos);
  const node = parsed.tree ? nodeAt(parsed.tree, offset) : undefined;
  if (!node || node.type !== 'string') return null;
  const range = { start: parsed.doc.positionAt(node.offset), end: parsed.doc.positionAt(node.offset + node.length) };
  const md = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  const value = node.value as string;
  const cur = cursorAt(parsed, node.offset + 1);
  const slot = cur.slot;
  if (isKey) {
    const stage = parsed.model.stages.find((s) => s.keyNode === node);
    if (stage) {
      const spec = ctx.catalog.stages.get(stage.name);
      if (!spec) return null;
      const seen = ctx.observed.forStage(parsed, stage);
      return md(stageMarkdown(spec) + outputSection(ctx, parsed, stage) + (seen ? observedMarkdown(seen) : ''));
    }
    if (value.startsWith('$')) {
      const role = slot.k === 'key' ? slot.role.k : '';
      const cat = ctx.catalog;
      const op = role === 'accumulator' ? cat.accumulators.get(value) ?? cat.exprOperators.get(value)
        : role === 'query' || role === 'queryField' ? cat.queryOperators.get(value) ?? cat.exprOperators.get(value)
          : cat.exprOperators.get(value) ?? cat.accumulators.get(value) ?? cat.queryOperators.get(value);
      return op ? md(operatorMarkdown(op)) : null;
    }
    if (slot.k === 'key' && slot.role.k === 'options') {
      const f = fieldAt(ctx.catalog.stages.get(slot.stage.name)?.fields, [...slot.role.schemaPath, value]);
      return f ? md(`**${value}**${f.required ? ' (required)' : ''}\n\n${fieldDoc(f)}`) : null;
    }
    return null;
  }
  const key = keyNodeOf(node)?.value;
  if (key === 'connectionName') {
    const c = ctx.connections().get(value);
    return md(c ? connectionMarkdown(c) : `Unknown connection \`${value}\`: not in the registry.`);
  }
  if (key === '$meta') {
    const m = META_PATHS.find(([p]) => p === value);
    return m ? md(`\`{ $meta: "${m[0]}" }\`: ${m[1]}`) : null;
  }
  if (value.startsWith('$$')) return md(`Variable \`${value}\``);
  if (value.startsWith('$') && value.length > 1 && (slot.k === 'value' || slot.k === 'key')) {
    const role = slot.role.k;
    const shortPath = slot.stage.spec?.shorthand?.role === 'fieldPath';
    if (role !== 'expr' && role !== 'fieldPath' && !shortPath) return null;
    const shape = ctx.shapes(parsed).input(slot.stage);
    const t = lookup(shape, value.slice(1));
    return md(`Field \`${value}\`: ${t ? describe(t) : 'not known at this stage'}`);
  }
  return null;
}

function outputSection(ctx: ServiceCtx, parsed: ParsedDoc, stage: StageNode): string {
  if (stage.kind === 'sink') return '';
  const out: Shape | undefined = ctx.shapes(parsed).output(stage);
  const fields = pathsOf(out).filter((f) => !f.path.includes('.'));
  if (fields.length === 0) return '';
  const list = fields.slice(0, 15).map((f) => `\`${f.path}\`: ${f.type}`).join(', ');
  return `\n\n**Output fields** (inferred): ${list}${fields.length > 15 ? ', …' : ''}`;
}

/** Type, use and target of a connection, from its kind; credentials and secrets are never shown. */
export function connectionMarkdown(c: Connection): string {
  const kind = kindOf(c.type);
  const lines = [`**${c.name}**: ${c.type} connection${kind?.atlasOnly ? ' (Atlas only)' : ''}`, `Used for: ${kind?.usedFor ?? c.type}`, ...(kind?.describe(c) ?? [])];
  const why = unreachableReason(c);
  if (why) lines.push(`Locally: ${why}.`);
  return lines.join('\n\n');
}
