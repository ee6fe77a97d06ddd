/** Go to definition: connectionName → its registry entry; `$field` → the stage that introduced it. */
import type { Location, Position } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node } from 'jsonc-parser';
import type { ServiceCtx } from './context';
import type { ParsedDoc, StageNode } from './parseCache';
import { keyNodeOf, nodeAt, prop, props } from './jsonNav';
import { cursorAt } from './cursor';

export function definition(ctx: ServiceCtx, parsed: ParsedDoc, pos: Position): Location | null {
  const offset = parsed.doc.offsetAt(pos);
  const node = parsed.tree ? nodeAt(parsed.tree, offset) : undefined;
  if (!node || node.type !== 'string') return null;
  const key = keyNodeOf(node)?.value;
  const value = node.value as string;
  if (key === 'connectionName') return connectionLocation(ctx, value);
  if (value.startsWith('$') && !value.startsWith('$$') && keyNodeOf(node) !== node) {
    const slot = cursorAt(parsed, node.offset + 1).slot;
    if (slot.k !== 'value') return null;
    const def = fieldOrigin(slot.stage, value.slice(1).split('.')[0]!);
    return def ? locationOf(parsed.doc, def) : null;
  }
  return null;
}

export function connectionLocation(ctx: ServiceCtx, name: string): Location | null {
  const file = ctx.connectionsFile();
  const r = file?.names.get(name);
  if (!file || !r) return null;
  const doc = TextDocument.create(file.uri, 'json', 0, file.text);
  return locationOf(doc, { offset: r.offset, length: r.length });
}

function locationOf(doc: TextDocument, n: { offset: number; length: number }): Location {
  return { uri: doc.uri, range: { start: doc.positionAt(n.offset), end: doc.positionAt(n.offset + n.length) } };
}

const DEFINING = new Set(['$addFields', '$set', '$project', '$group']);

/** The key node, in an earlier stage, that last defined the top-level field `name`. */
export function fieldOrigin(stage: StageNode, name: string): Node | undefined {
  let s: StageNode | undefined = stage;
  let before = stage.index;
  while (s) {
    const earlier = s.pipeline.stages.filter((x) => x.index < before).reverse();
    for (const e of earlier) {
      const hit = definedIn(e, name);
      if (hit) return hit;
      if (e.name === '$group' || e.name === '$replaceRoot' || e.name === '$replaceWith') return undefined;
    }
    const owner: StageNode | undefined = s.pipeline.owner;
    before = owner ? owner.index : -1;
    s = owner;
  }
  return undefined;
}

function definedIn(s: StageNode, name: string): Node | undefined {
  if (DEFINING.has(s.name)) {
    for (const p of props(s.argNode)) {
      const k = p.children?.[0];
      if (typeof k?.value === 'string' && k.value.split('.')[0] === name) return k;
    }
  }
  if (s.name === '$source') {
    const first = prop(s.argNode, 'documents')?.children?.[0];
    for (const p of props(first)) if (p.children?.[0]?.value === name) return p.children[0];
  }
  if (s.name === '$lookup' || s.name === '$https' || s.name === '$externalFunction' || s.name === '$cachedLookup') {
    const as = prop(s.argNode, 'as');
    if (as?.value === name) return as;
  }
  return undefined;
}
