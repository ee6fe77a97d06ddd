/**
 * The ASP language service: transport-free, one parse per document version shared by every
 * feature. server.ts wires it to LSP; tests and the benchmark call it directly.
 */
import type {
  CodeAction, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, FormattingOptions, Hover, Location, Position,
  Range, SemanticTokens, SignatureHelp, TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseTree } from 'jsonc-parser';
import type { ConnectionRegistry } from '../../engine/connections/types';
import { builtinRegistry } from '../../engine/connectors/catalog/registry';
import type { AnalyzeFn, Catalog } from './types';
import type { ServiceCtx } from './context';
import { ParseCache, type ParsedDoc } from './parseCache';
import { shapesFor } from './fieldPaths';
import { ObservedStore } from './observed';
import type { ObservedShapesParams } from '../../shared/protocol/observed';
import { validate } from './validate';
import { complete } from './complete';
import { hover } from './hover';
import { documentSymbols, foldingRanges } from './symbols';
import { format } from './format';
import { definition } from './definition';
import { semanticTokens, TOKEN_LEGEND } from './semanticTokens';
import { signatureHelp } from './signature';
import { codeActions } from './codeActions';
import { completeConnectionsFile, indexConnectionsFile, type ConnectionsFileIndex } from './connectionsFile';

export { TOKEN_LEGEND };
export type { Catalog, AnalyzeFn };

export interface LanguageServiceDeps {
  catalog: Catalog;
  analyze: AnalyzeFn;
}

export const CONNECTIONS_FILE_NAME = 'asp.connections.json';

export interface AspLanguageService {
  /** Load the registry from its text; `undefined` text means the file does not exist (built-ins only). */
  setConnections(uri: string | undefined, text: string | undefined, file?: string): void;
  /** What the last Run or Debug of a file observed per stage (asp/observedShapes). */
  setObserved(p: ObservedShapesParams): void;
  connections(): ConnectionRegistry;
  isConnectionsFile(uri: string): boolean;
  parse(doc: TextDocument): ParsedDoc;
  validate(doc: TextDocument): Diagnostic[];
  complete(doc: TextDocument, pos: Position): CompletionList;
  hover(doc: TextDocument, pos: Position): Hover | null;
  documentSymbols(doc: TextDocument): DocumentSymbol[];
  foldingRanges(doc: TextDocument): FoldingRange[];
  format(doc: TextDocument, options: FormattingOptions, range?: Range): TextEdit[];
  definition(doc: TextDocument, pos: Position): Location | null;
  semanticTokens(doc: TextDocument): SemanticTokens;
  signatureHelp(doc: TextDocument, pos: Position): SignatureHelp | null;
  codeActions(doc: TextDocument, range: Range, diagnostics: Diagnostic[]): CodeAction[];
  close(uri: string): void;
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return undefined;
  }
}

export function createLanguageService(deps: LanguageServiceDeps): AspLanguageService {
  let registry: ConnectionRegistry = builtinRegistry();
  let index: ConnectionsFileIndex | undefined;
  let registryUri: string | undefined;
  let generation = 0;
  const observed = new ObservedStore();

  const isConnectionsFile = (uri: string): boolean => uri === registryUri || uri.endsWith('/' + CONNECTIONS_FILE_NAME);
  const cache = new ParseCache(deps.catalog, (uri) => (isConnectionsFile(uri) ? 'connections' : 'pipeline'));

  const ctx: ServiceCtx = {
    catalog: deps.catalog,
    connections: () => registry,
    connectionsFile: () => index,
    connectionsFileUri: () => registryUri,
    shapes: (parsed) => shapesFor(parsed, {
      catalog: deps.catalog,
      connections: registry,
      observed: (s) => {
        const o = observed.forStage(parsed, s);
        return o && !o.stale ? o.stage.shape : undefined;
      },
    }, generation),
    observed,
  };

  const parse = (doc: TextDocument): ParsedDoc => cache.get(doc);

  return {
    setConnections(uri, text, file) {
      registryUri = uri;
      if (text === undefined) {
        index = undefined;
        registry = builtinRegistry();
      } else {
        index = indexConnectionsFile(uri ?? '', text, parseTree(text, [], { allowTrailingComma: true }), file ?? (uri ? uriToPath(uri) : undefined));
        registry = index.registry;
      }
      generation++;
    },
    setObserved(p) {
      observed.set(p);
      generation++;
    },
    connections: () => registry,
    isConnectionsFile,
    parse,
    validate: (doc) => validate(ctx, parse(doc), { analyze: deps.analyze, generation, file: uriToPath(doc.uri) }),
    complete: (doc, pos) => {
      const p = parse(doc);
      return p.kind === 'connections' ? completeConnectionsFile(p, pos) : complete(ctx, p, pos);
    },
    hover: (doc, pos) => (isConnectionsFile(doc.uri) ? null : hover(ctx, parse(doc), pos)),
    documentSymbols: (doc) => documentSymbols(parse(doc)),
    foldingRanges: (doc) => foldingRanges(parse(doc)),
    format: (doc, options, range) => format(parse(doc), options, range),
    definition: (doc, pos) => (isConnectionsFile(doc.uri) ? null : definition(ctx, parse(doc), pos)),
    semanticTokens: (doc) => (isConnectionsFile(doc.uri) ? { data: [] } : semanticTokens(ctx, parse(doc))),
    signatureHelp: (doc, pos) => (isConnectionsFile(doc.uri) ? null : signatureHelp(ctx, parse(doc), pos)),
    codeActions: (doc, range, diagnostics) => codeActions(ctx, parse(doc), range, diagnostics),
    close: (uri) => {
      cache.delete(uri);
      observed.delete(uri);
    },
  };
}
