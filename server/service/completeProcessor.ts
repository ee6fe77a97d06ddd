/**
 * Completion in the processor form outside the pipeline: top-level keys, `options` and their
 * values, read from the processor field table (engine/pipeline/processorFields.ts).
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { JsonPath } from '../../engine/core/types';
import { fieldAt, fieldsUnder, isLocalOnly, TIERS } from '../../engine/pipeline/processorFields';
import type { ServiceCtx } from './context';
import { keyHasValue, push, type ItemSink } from './items';
import { keysOf, nodeAt } from './jsonNav';

export function processorCompletions(ctx: ServiceCtx, out: ItemSink, path: JsonPath, atKey: boolean): void {
  const parent = path.slice(0, -1).join('.');
  if (atKey) {
    const list = fieldsUnder(parent === '' ? [] : parent.split('.')).filter((f) => !isLocalOnly(f));
    const tree = out.parsed.tree;
    const obj = tree ? nodeAt(tree, out.cur.offset) : undefined;
    const holder = obj?.type === 'object' ? obj : obj?.parent?.parent;
    const present = new Set(keysOf(holder));
    const keyOnly = keyHasValue(out.cur);
    for (const f of list) {
      const name = f.path[f.path.length - 1]!;
      if (present.has(name) && out.cur.token?.value !== name) continue;
      const item: CompletionItem = { label: name, kind: CompletionItemKind.Property, detail: f.detail };
      if (keyOnly) push(out, item, `"${name}"`);
      else push(out, item, `"${name}": ${f.snippet}`, true);
    }
    return;
  }
  const f = fieldAt(path.map(String));
  if (f?.connectionTypes) {
    for (const c of ctx.connections().list()) {
      if (!(f.connectionTypes as readonly string[]).includes(c.type)) continue;
      push(out, { label: c.name, kind: CompletionItemKind.Reference, detail: `${c.type} connection` }, `"${c.name}"`);
    }
    return;
  }
  if (f?.type === 'tier') {
    for (const v of TIERS) push(out, { label: v, kind: CompletionItemKind.EnumMember, detail: f.detail }, `"${v}"`);
  } else if (f?.type === 'boolean') {
    for (const v of ['true', 'false']) push(out, { label: v, kind: CompletionItemKind.Value, detail: f.detail }, v);
  }
}
