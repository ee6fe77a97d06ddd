/**
 * Completion items under construction: the sink a completion provider fills, and the helpers
 * that turn a label into an edit replacing the token under the cursor. Shared by complete.ts and
 * the providers it calls (values, processor options, the connections file), which is why it is
 * not in complete.ts: they would import their own caller.
 */
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import type { Cursor } from './cursor';
import type { ParsedDoc } from './parseCache';

export interface ItemSink {
  cur: Cursor;
  parsed: ParsedDoc;
  items: CompletionItem[];
}

/** Add an item that replaces the token under the cursor with `newText`. */
export function push(out: ItemSink, item: CompletionItem, newText: string, snippet = false): void {
  const { parsed, cur } = out;
  const range = { start: parsed.doc.positionAt(cur.start), end: parsed.doc.positionAt(cur.end) };
  item.textEdit = { range, newText };
  item.filterText = cur.quoted || newText.startsWith('"') ? newText.replace(/\$\{\d+[:|][^}]*\}|\$\d+/g, '') : item.label;
  if (snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  out.items.push(item);
}

/** True when the key under the cursor already has a value, so only the key must be replaced. */
export function keyHasValue(cur: Cursor): boolean {
  const p = cur.token?.parent;
  return !!p && p.type === 'property' && (p.children?.length ?? 0) > 1 && p.children![0] === cur.token;
}
