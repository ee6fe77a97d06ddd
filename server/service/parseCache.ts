/**
 * One parse per document version, shared by every feature. The pipeline model (which nodes are
 * stages, in which context) is built with the parse; the engine analysis and the inferred field
 * shapes are computed lazily, so completion never pays for validation.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { StageKind, StageSpec } from '../../engine/parse/types';
import type { AnalysisLike, Catalog, DocKind } from './types';
import { keyNodeOf, prop, props } from './jsonNav';

export type PipelineContext = 'main' | 'window' | 'payload' | 'lookup';

export interface StageNode {
  /** The stage operator, e.g. `$match`; '' while the user has not typed a key yet. */
  name: string;
  /** The catalog's spec of the stage; undefined for an unknown name. */
  spec: StageSpec | undefined;
  kind: StageKind | undefined;
  index: number;
  node: Node;
  keyNode: Node | undefined;
  argNode: Node | undefined;
  pipeline: PipelineNode;
  inner?: PipelineNode;
}

export interface PipelineNode {
  node: Node;
  context: PipelineContext;
  stages: StageNode[];
  owner?: StageNode;
}

export interface DocModel {
  form: 'array' | 'processor' | undefined;
  main: PipelineNode | undefined;
  /** Every stage in document order, inner pipelines included. */
  stages: StageNode[];
  options: Node | undefined;
  nameNode: Node | undefined;
}

/** Which key of a stage holds an inner pipeline, and what context it is. */
const INNER: Record<string, [string, PipelineContext]> = {
  $https: ['payload', 'payload'],
  $externalFunction: ['payload', 'payload'],
  $lookup: ['pipeline', 'lookup'],
  $cachedLookup: ['pipeline', 'lookup'],
};

const FALLBACK_KINDS: Record<string, StageKind> = {
  $source: 'source', $merge: 'sink', $emit: 'sink',
  $tumblingWindow: 'window', $hoppingWindow: 'window', $sessionWindow: 'window',
  $group: 'windowOnly', $sort: 'windowOnly', $limit: 'windowOnly', $count: 'windowOnly',
};

export function stageKind(catalog: Catalog, name: string): StageKind | undefined {
  return catalog.stages.get(name)?.kind ?? FALLBACK_KINDS[name];
}

export class ParsedDoc {
  /**
   * The text and version parsed. `doc` is the live document: TextDocuments applies edits to the
   * same object, so its text and version move on while this parse stays what it was.
   */
  readonly text: string;
  readonly version: number;
  readonly tree: Node | undefined;
  readonly errors: ParseError[] = [];
  readonly model: DocModel;
  private analysisCache: { key: unknown; value: AnalysisLike } | undefined;
  /** Feature-specific lazily computed data (field shapes, tokens), dropped with the version. */
  readonly memo = new Map<string, unknown>();

  constructor(readonly doc: TextDocument, readonly kind: DocKind, catalog: Catalog) {
    this.text = doc.getText();
    this.version = doc.version;
    this.tree = parseTree(this.text, this.errors, { allowTrailingComma: true, disallowComments: false });
    this.model = kind === 'pipeline' ? buildModel(this.tree, catalog) : emptyModel();
  }

  /** True while `doc` still holds the text this parse was built from. */
  matches(doc: TextDocument): boolean {
    return this.version === doc.version && this.text === doc.getText();
  }

  /** The engine analysis, computed once per version and registry generation. */
  analysis(key: unknown, run: () => AnalysisLike): AnalysisLike {
    if (this.analysisCache && this.analysisCache.key === key) return this.analysisCache.value;
    const value = run();
    this.analysisCache = { key, value };
    return value;
  }

  memoize<T>(name: string, f: () => T): T {
    if (this.memo.has(name)) return this.memo.get(name) as T;
    const v = f();
    this.memo.set(name, v);
    return v;
  }

  /** The innermost stage whose object contains `offset`. */
  stageAt(offset: number): StageNode | undefined {
    let best: StageNode | undefined;
    for (const s of this.model.stages) {
      if (offset >= s.node.offset && offset <= s.node.offset + s.node.length) {
        if (!best || s.node.length <= best.node.length) best = s;
      }
    }
    return best;
  }

  /** The innermost pipeline array containing `offset`. */
  pipelineAt(offset: number): PipelineNode | undefined {
    let best: PipelineNode | undefined;
    const visit = (p: PipelineNode | undefined): void => {
      if (!p) return;
      if (offset > p.node.offset && offset < p.node.offset + p.node.length) {
        best = p;
        for (const s of p.stages) if (s.inner) visit(s.inner);
      }
    };
    visit(this.model.main);
    return best;
  }
}

function emptyModel(): DocModel {
  return { form: undefined, main: undefined, stages: [], options: undefined, nameNode: undefined };
}

function buildModel(tree: Node | undefined, catalog: Catalog): DocModel {
  const model = emptyModel();
  if (!tree) return model;
  let pipeline: Node | undefined;
  if (tree.type === 'array') {
    model.form = 'array';
    pipeline = tree;
  } else if (tree.type === 'object') {
    model.form = 'processor';
    pipeline = prop(tree, 'pipeline');
    model.options = prop(tree, 'options');
    model.nameNode = prop(tree, 'name');
  }
  if (pipeline && pipeline.type === 'array') model.main = buildPipeline(pipeline, 'main', undefined, model, catalog);
  return model;
}

function buildPipeline(node: Node, context: PipelineContext, owner: StageNode | undefined, model: DocModel, catalog: Catalog): PipelineNode {
  const p: PipelineNode = { node, context, stages: [], owner };
  (node.children ?? []).forEach((el, index) => {
    if (el.type !== 'object') return;
    const first = props(el)[0];
    const keyNode = first?.children?.[0];
    const argNode = first?.children?.[1];
    const name = typeof keyNode?.value === 'string' ? keyNode.value : '';
    const s: StageNode = { name, spec: catalog.stages.get(name), kind: stageKind(catalog, name), index, node: el, keyNode, argNode, pipeline: p };
    p.stages.push(s);
    model.stages.push(s);
    const innerKey = s.kind === 'window' ? 'pipeline' : INNER[name]?.[0];
    const innerCtx: PipelineContext = s.kind === 'window' ? 'window' : INNER[name]?.[1] ?? 'payload';
    const innerNode = innerKey ? prop(argNode, innerKey) : undefined;
    if (innerNode && innerNode.type === 'array') s.inner = buildPipeline(innerNode, innerCtx, s, model, catalog);
  });
  return p;
}

/** Keeps the latest parse of each open document. */
export class ParseCache {
  private readonly docs = new Map<string, ParsedDoc>();
  constructor(private readonly catalog: Catalog, private readonly kindOf: (uri: string) => DocKind) {}

  get(doc: TextDocument): ParsedDoc {
    const cur = this.docs.get(doc.uri);
    // Compare with what was parsed, not with cur.doc: an edit may have changed that very object.
    if (cur?.matches(doc)) return cur;
    const parsed = new ParsedDoc(doc, this.kindOf(doc.uri), this.catalog);
    this.docs.set(doc.uri, parsed);
    return parsed;
  }

  delete(uri: string): void {
    this.docs.delete(uri);
  }
}

/** The stage whose key node is `n`, if any. */
export function stageOfKey(parsed: ParsedDoc, n: Node): StageNode | undefined {
  return parsed.model.stages.find((s) => s.keyNode === n);
}

export { keyNodeOf };
