/**
 * asp.connections.json itself: its index (names → ranges), validation (the loader's) and
 * completion of types, fields and values, all read from the connection kinds' field tables.
 */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { Node } from 'jsonc-parser';
import type { LocatedDiagnostic } from '../../engine/core/types';
import type { ConnectionRegistry, ConnectionType } from '../../engine/connections/types';
import type { Value } from '../../engine/core/types';
import { isPlainObject } from '../../engine/bson/types';
import type { FieldSpec } from '../../engine/parse/fieldSpec';
import { CONNECTION_KINDS, entryFields, fieldAt, FILE_TYPES, kindOf } from '../../engine/connectors/catalog/index';
import { loadConnectionRegistryText } from '../../engine/connectors/catalog/registry';
import { cursorAt } from './cursor';
import { keyHasValue, push, type ItemSink } from './items';
import { keysOf, nodeAt, prop, stringValue } from './jsonNav';
import type { ParsedDoc } from './parseCache';

export interface ConnectionsFileIndex {
  uri: string;
  text: string;
  registry: ConnectionRegistry;
  diagnostics: LocatedDiagnostic[];
  /** Range of each entry's `name` value. */
  names: Map<string, { offset: number; length: number }>;
  /** The array holding the entries (undefined when the file is empty or not yet created). */
  list: Node | undefined;
}

export function indexConnectionsFile(uri: string, text: string, tree: Node | undefined, file?: string): ConnectionsFileIndex {
  const { registry, diagnostics } = loadConnectionRegistryText(text, file);
  const list = tree?.type === 'array' ? tree : prop(tree, 'connections');
  const names = new Map<string, { offset: number; length: number }>();
  for (const el of list?.type === 'array' ? list.children ?? [] : []) {
    const n = prop(el, 'name');
    const name = stringValue(n);
    if (n && name && !names.has(name)) names.set(name, { offset: n.offset, length: n.length });
  }
  return { uri, text, registry, diagnostics, names, list: list?.type === 'array' ? list : undefined };
}

/** The completion snippet of a field's value, from its table entry. */
function valueSnippet(f: FieldSpec): string {
  if (f.secret === true) return '"\\${env:${1:SECRET_NAME}}"';
  if (f.enum) return `"\${1|${f.enum.join(',')}|}"`;
  const t = Array.isArray(f.type) ? f.type[0] : f.type;
  if (f.fields || t === 'object') return '{ $1 }';
  if (t === 'array') return '[ $1 ]';
  if (t === 'number' || t === 'int' || t === 'bool') return '$1';
  return '"$1"';
}

/** What completion says about a field: its description, and what the local engine does with it. */
function fieldDetail(f: FieldSpec): string {
  const notes = [f.secret ? 'secret: ${env:NAME} only' : '', f.localOnly ? 'local only' : '', f.localNote ?? ''].filter(Boolean);
  return notes.length ? `${f.description} (${notes.join('; ')})` : f.description;
}

const ENTRY_KEYS: readonly FieldSpec[] = [
  { name: 'name', role: 'literal', type: 'string', required: true, description: 'The connection name stages use as connectionName.' },
  { name: 'type', role: 'literal', type: 'string', required: true, enum: FILE_TYPES, description: 'The connection type.' },
];

export function completeConnectionsFile(parsed: ParsedDoc, pos: Position): CompletionList {
  const cur = cursorAt(parsed, parsed.doc.offsetAt(pos));
  const out: ItemSink = { cur, parsed, items: [] };
  const path = cur.loc.path;
  const base = parsed.tree?.type === 'object' || path[0] === 'connections' ? 1 : 0;
  if (base === 1 && path.length === 1 && cur.loc.isAtPropertyKey) {
    push(out, { label: 'connections', kind: CompletionItemKind.Property }, '"connections": [\n\t$0\n]', true);
  } else if (path.length === base + 1 && !cur.loc.isAtPropertyKey && typeof path[base] === 'number') {
    for (const t of FILE_TYPES) entrySnippet(out, t);
  } else if (path.length >= base + 2 && typeof path[base] === 'number') {
    const entry = entryNode(parsed, cur.offset, base);
    const type = stringValue(prop(entry, 'type')) ?? '';
    const rel = path.slice(base + 1).map(String);
    if (cur.loc.isAtPropertyKey) fieldKeys(out, type, rel.slice(0, -1));
    else if (rel.length === 1 && rel[0] === 'type') for (const k of CONNECTION_KINDS.filter((x) => x.inFile !== false)) push(out, { label: k.type, kind: CompletionItemKind.EnumMember, detail: k.summary }, `"${k.type}"`);
    else {
      const kind = kindOf(type);
      const f = kind ? fieldAt(kind, rel) : undefined;
      for (const v of f?.enum ?? []) {
        const atlasOnly = f?.localEnum !== undefined && !f.localEnum.includes(v);
        push(out, { label: String(v), kind: CompletionItemKind.EnumMember, detail: atlasOnly ? 'Atlas only: the local engine does not run it' : undefined }, JSON.stringify(v));
      }
    }
  }
  return { isIncomplete: false, items: out.items };
}

function entryNode(parsed: ParsedDoc, offset: number, base: number): Node | undefined {
  let n = parsed.tree ? nodeAt(parsed.tree, offset) : undefined;
  while (n && n.parent && !(n.type === 'object' && n.parent.type === 'array' && depth(n) === base + 1)) n = n.parent;
  return n?.type === 'object' ? n : undefined;
}

function depth(n: Node): number {
  let d = 0;
  for (let p = n.parent; p; p = p.parent) if (p.type !== 'property') d++;
  return d;
}

function fieldKeys(out: ItemSink, type: string, rel: string[]): void {
  const kind = kindOf(type);
  const fields = rel.length === 0 ? [...ENTRY_KEYS, ...(kind ? entryFields(kind) : [])] : kind ? fieldAt(kind, rel)?.fields : undefined;
  const tree = out.parsed.tree;
  const here = tree ? nodeAt(tree, out.cur.offset) : undefined;
  const holder = here?.type === 'object' ? here : here?.parent?.parent;
  const present = new Set(keysOf(holder));
  const keyOnly = keyHasValue(out.cur);
  for (const f of fields ?? []) {
    if (f.readOnly || (present.has(f.name) && out.cur.token?.value !== f.name)) continue;
    const item: CompletionItem = { label: f.name, kind: CompletionItemKind.Property, detail: fieldDetail(f) };
    if (keyOnly) push(out, item, `"${f.name}"`);
    else push(out, item, `"${f.name}": ${valueSnippet(f)}`, true);
  }
}

/** A snippet body for a template value: strings become placeholders, the rest stays as JSON. */
function templateSnippet(v: Value, next: { n: number }): string {
  if (typeof v === 'string') return `"\${${next.n++}:${v.replace(/[$}\\]/g, (c) => `\\${c}`)}}"`;
  if (Array.isArray(v)) return `[ ${v.map((x) => templateSnippet(x, next)).join(', ')} ]`;
  if (isPlainObject(v)) return `{ ${Object.entries(v).map(([k, x]) => `"${k}": ${templateSnippet(x, next)}`).join(', ')} }`;
  return JSON.stringify(v);
}

function entrySnippet(out: ItemSink, type: ConnectionType): void {
  const kind = kindOf(type)!;
  const next = { n: 2 };
  const body = Object.entries(kind.template ?? {}).map(([k, v]) => `, "${k}": ${templateSnippet(v, next)}`).join('');
  const name = kind.builtins?.[0]?.name ?? `my${type}`;
  push(out, { label: `${type} connection`, kind: CompletionItemKind.Snippet, detail: kind.summary },
    `{ "name": "\${1:${name}}", "type": "${type}"${body} }`, true);
}
