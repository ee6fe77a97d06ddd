/** asp.connections.json itself: its index (names → ranges), validation and completion of types and fields. */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { Node } from 'jsonc-parser';
import type { LocatedDiagnostic } from '../../engine/core/types';
import type { ConnectionRegistry } from '../../engine/connections/types';
import { loadConnectionRegistryText } from '../../engine/connections/registry';
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

interface FieldDoc {
  detail: string;
  snippet: string;
  values?: string[];
  fields?: Record<string, FieldDoc>;
}

const S = (detail: string, values?: string[]): FieldDoc =>
  ({ detail, snippet: values ? `"\${1|${values.join(',')}|}"` : '"$1"', values });
const O = (detail: string, fields: Record<string, FieldDoc>): FieldDoc => ({ detail, snippet: '{ $1 }', fields });

/** Fields per connection type (asp-spec §9); secrets as `${env:NAME}` references. */
export const CONNECTION_FIELDS: Record<string, Record<string, FieldDoc>> = {
  Kafka: {
    bootstrapServers: S('comma-separated host:port list'),
    security: O('TLS / SASL transport', { protocol: S('security protocol', ['PLAINTEXT', 'SASL_PLAINTEXT', 'SASL_SSL', 'SSL']), brokerPublicCertificate: S('CA certificate (PEM) as ${env:NAME}') }),
    authentication: O('SASL credentials', {
      mechanism: S('SASL mechanism', ['PLAIN', 'SCRAM-256', 'SCRAM-512', 'OAUTHBEARER', 'AWS_MSK_IAM']),
      username: S('user name'), password: { detail: 'a ${env:NAME} reference, never the secret', snippet: '"\\${env:${1:KAFKA_PASSWORD}}"' },
    }),
    config: O('allow-listed Kafka client settings', {}),
    networking: O('Atlas networking (ignored locally)', { access: O('access type', { type: S('network access', ['PUBLIC', 'VPC', 'PRIVATE_LINK']), connectionId: S('connection id') }) }),
  },
  Cluster: {
    uri: { detail: 'local only: mongodb:// URI; put passwords in ${env:NAME}', snippet: '"${1:mongodb://127.0.0.1:27017}"' },
    clusterName: S('Atlas cluster name'),
    clusterProjectId: S('Atlas project id of the cluster'),
    dbRoleToExecute: O('database role', { role: S('role name'), type: S('role type', ['BUILT_IN', 'CUSTOM']) }),
  },
  Sample: {},
  Https: { url: S('base URL'), headers: O('request headers (string values)', {}) },
};

const TYPES = Object.keys(CONNECTION_FIELDS);

export function completeConnectionsFile(parsed: ParsedDoc, pos: Position): CompletionList {
  const cur = cursorAt(parsed, parsed.doc.offsetAt(pos));
  const out: ItemSink = { cur, parsed, items: [] };
  const path = cur.loc.path;
  const base = parsed.tree?.type === 'object' || path[0] === 'connections' ? 1 : 0;
  if (base === 1 && path.length === 1 && cur.loc.isAtPropertyKey) {
    push(out, { label: 'connections', kind: CompletionItemKind.Property }, '"connections": [\n\t$0\n]', true);
  } else if (path.length === base + 1 && !cur.loc.isAtPropertyKey && typeof path[base] === 'number') {
    for (const t of TYPES) entrySnippet(out, t);
  } else if (path.length >= base + 2 && typeof path[base] === 'number') {
    const entry = entryNode(parsed, cur.offset, base);
    const type = stringValue(prop(entry, 'type')) ?? '';
    const rel = path.slice(base + 1).map(String);
    if (cur.loc.isAtPropertyKey) fieldKeys(out, type, rel.slice(0, -1));
    else if (rel.length === 1 && rel[0] === 'type') for (const t of TYPES) push(out, { label: t, kind: CompletionItemKind.EnumMember }, `"${t}"`);
    else {
      const f = fieldAt(type, rel);
      for (const v of f?.values ?? []) push(out, { label: v, kind: CompletionItemKind.EnumMember }, `"${v}"`);
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

function fieldAt(type: string, rel: string[]): FieldDoc | undefined {
  let fields: Record<string, FieldDoc> | undefined = CONNECTION_FIELDS[type];
  let f: FieldDoc | undefined;
  for (const k of rel) {
    f = fields?.[k];
    fields = f?.fields;
  }
  return f;
}

function fieldKeys(out: ItemSink, type: string, rel: string[]): void {
  const fields = rel.length === 0 ? { name: S('connection name, used as connectionName'), type: S('connection type', TYPES), ...CONNECTION_FIELDS[type] } : fieldAt(type, rel)?.fields;
  const tree = out.parsed.tree;
  const here = tree ? nodeAt(tree, out.cur.offset) : undefined;
  const holder = here?.type === 'object' ? here : here?.parent?.parent;
  const present = new Set(keysOf(holder));
  const keyOnly = keyHasValue(out.cur);
  for (const [name, f] of Object.entries(fields ?? {})) {
    if (present.has(name) && out.cur.token?.value !== name) continue;
    const item: CompletionItem = { label: name, kind: CompletionItemKind.Property, detail: f.detail };
    if (keyOnly) push(out, item, `"${name}"`);
    else push(out, item, `"${name}": ${f.snippet}`, true);
  }
}

function entrySnippet(out: ItemSink, type: string): void {
  const body: Record<string, string> = {
    Kafka: '"bootstrapServers": "${2:localhost:9092}"',
    Cluster: '"uri": "${2:mongodb://127.0.0.1:27017}"',
    Sample: '',
    Https: '"url": "${2:https://example.com}"',
  };
  const extra = body[type] ? `, ${body[type]}` : '';
  const name = type === 'Sample' ? 'sample_stream_solar' : `my${type}`;
  push(out, { label: `${type} connection`, kind: CompletionItemKind.Snippet, detail: `new ${type} connection` },
    `{ "name": "\${1:${name}}", "type": "${type}"${extra} }`, true);
}

