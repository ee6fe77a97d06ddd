/** Outline (stages named by operator, with source and sink targets) and folding ranges. */
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { Node } from 'jsonc-parser';
import type { ParsedDoc, PipelineNode, StageNode } from './parseCache';
import { prop, stringValue } from './jsonNav';

export function documentSymbols(parsed: ParsedDoc): DocumentSymbol[] {
  const m = parsed.model;
  const stages = m.main ? pipelineSymbols(parsed, m.main) : [];
  if (m.form !== 'processor' || !parsed.tree) return stages;
  const out: DocumentSymbol[] = [];
  const name = stringValue(m.nameNode);
  const pipelineNode = m.main?.node;
  if (pipelineNode) out.push(symbol(parsed, name ? `pipeline (${name})` : 'pipeline', undefined, SymbolKind.Array, pipelineNode, pipelineNode, stages));
  if (m.options) out.push(symbol(parsed, 'options', detailOf(m.options), SymbolKind.Object, m.options, m.options, []));
  return out;
}

function pipelineSymbols(parsed: ParsedDoc, p: PipelineNode): DocumentSymbol[] {
  return p.stages.map((s) => {
    const children = s.inner ? pipelineSymbols(parsed, s.inner) : [];
    return symbol(parsed, s.name || '(stage)', target(s), kindOf(s), s.node, s.keyNode ?? s.node, children);
  });
}

function symbol(parsed: ParsedDoc, name: string, detail: string | undefined, kind: SymbolKind, node: Node, sel: Node, children: DocumentSymbol[]): DocumentSymbol {
  const d = parsed.doc;
  return {
    name,
    detail,
    kind,
    range: { start: d.positionAt(node.offset), end: d.positionAt(node.offset + node.length) },
    selectionRange: { start: d.positionAt(sel.offset), end: d.positionAt(sel.offset + sel.length) },
    children,
  };
}

function kindOf(s: StageNode): SymbolKind {
  switch (s.kind) {
    case 'source':
      return SymbolKind.Event;
    case 'sink':
      return SymbolKind.Interface;
    case 'window':
      return SymbolKind.Namespace;
    default:
      return SymbolKind.Function;
  }
}

function dbColl(n: Node | undefined): string | undefined {
  const db = stringValue(prop(n, 'db'));
  const coll = stringValue(prop(n, 'coll'));
  return db || coll ? `${db ?? '?'}.${coll ?? '?'}` : undefined;
}

/** "sample_stream_solar", "kafka1 → topicA", "local → db.coll", "1 minute". */
function target(s: StageNode): string | undefined {
  const a = s.argNode;
  const join = (...parts: (string | undefined)[]): string | undefined => parts.filter(Boolean).join(' → ') || undefined;
  switch (s.name) {
    case '$source': {
      const topic = prop(a, 'topic');
      const t = stringValue(topic) ?? (topic?.type === 'array' ? (topic.children ?? []).map(stringValue).join(', ') : undefined);
      return join(stringValue(prop(a, 'connectionName')) ?? (prop(a, 'documents') ? 'documents' : undefined), t ?? dbColl(a));
    }
    case '$merge': {
      const into = prop(a, 'into');
      return join(stringValue(prop(into, 'connectionName')), dbColl(into));
    }
    case '$emit':
      return join(stringValue(prop(a, 'connectionName')), stringValue(prop(a, 'topic')) ?? dbColl(a));
    case '$lookup':
    case '$cachedLookup': {
      const from = prop(a, 'from');
      return join(stringValue(prop(from, 'connectionName')), dbColl(from) ?? stringValue(from));
    }
    case '$https':
      return stringValue(prop(a, 'connectionName'));
    default:
      if (s.kind === 'window') return duration(prop(a, 'interval') ?? prop(a, 'gap'));
      return undefined;
  }
}

function duration(n: Node | undefined): string | undefined {
  const size = prop(n, 'size')?.value;
  const unit = stringValue(prop(n, 'unit'));
  return size !== undefined && unit ? `${String(size)} ${unit}` : undefined;
}

function detailOf(options: Node): string | undefined {
  const dlq = prop(options, 'dlq');
  return dlq ? `dlq → ${[stringValue(prop(dlq, 'connectionName')), dbColl(dlq)].filter(Boolean).join(' ')}` : undefined;
}

export function foldingRanges(parsed: ParsedDoc): FoldingRange[] {
  const out: FoldingRange[] = [];
  const d = parsed.doc;
  const walk = (n: Node): void => {
    if (n.type === 'object' || n.type === 'array') {
      const start = d.positionAt(n.offset).line;
      const end = d.positionAt(n.offset + n.length).line;
      if (end - 1 > start) out.push({ startLine: start, endLine: end - 1 });
    }
    for (const c of n.children ?? []) walk(c);
  };
  if (parsed.tree) walk(parsed.tree);
  return out;
}
