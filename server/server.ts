/**
 * The ASP language server: LSP wiring only. Features live in server/service (transport-free).
 * Started by the VS Code client over IPC (dist/server.js) or by `asp lsp --stdio`.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures, TextDocuments, type Connection } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver-types';

/** TextDocumentSyncKind.Incremental (the protocol package's typings do not resolve under node10). */
const INCREMENTAL_SYNC = 2;
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEngineLanguageService } from './service/catalog';
import { CONNECTIONS_FILE_NAME, TOKEN_LEGEND, type AspLanguageService } from './service';
import { validateDocument, type ServerSettings, type ValidateDocumentParams, type ValidateDocumentResult } from './protocol';
import { errorMessage } from '../engine/core/errors';
import { observedShapes, type ObservedShapesParams } from '../shared/protocol/observed';

/** The subset of InitializeParams the server reads. */
interface InitParams {
  rootUri?: string | null;
  rootPath?: string | null;
  workspaceFolders?: { uri: string }[] | null;
  initializationOptions?: unknown;
  capabilities: { workspace?: { didChangeWatchedFiles?: { dynamicRegistration?: boolean }; configuration?: boolean } };
}

export interface StartOptions {
  /** Force a transport; by default it is taken from argv (`--stdio`, `--node-ipc`, `--socket=`). */
  transport?: 'stdio' | 'ipc';
}

function connect(opts: StartOptions): Connection {
  if (opts.transport === 'stdio' || (!opts.transport && process.argv.includes('--stdio'))) {
    return createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  }
  return createConnection(ProposedFeatures.all);
}

/** Start the server on this process's transport; returns the connection (already listening). */
export function startServer(opts: StartOptions = {}): Connection {
  const conn = connect(opts);
  const service: AspLanguageService = createEngineLanguageService();
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, NodeJS.Timeout>();
  let root: string | undefined;
  let settings: ServerSettings = {};
  let canWatch = false;
  let canConfigure = false;

  const registryPath = (): string | undefined => {
    const rel = settings.connectionsFile || CONNECTIONS_FILE_NAME;
    if (path.isAbsolute(rel)) return rel;
    return root ? path.join(root, rel) : undefined;
  };

  const safe = <A extends unknown[], R>(what: string, f: (...a: A) => R, fallback: R) => (...a: A): R => {
    try {
      return f(...a);
    } catch (e) {
      conn.console.error(`${what} failed: ${errorMessage(e)}`);
      return fallback;
    }
  };

  const publish = (doc: TextDocument): void => {
    const diagnostics = safe('validation', () => service.validate(doc), [])();
    // never publish for a version the user has already moved past
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return;
    void conn.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };

  const schedule = (doc: TextDocument): void => {
    const prev = timers.get(doc.uri);
    if (prev) clearTimeout(prev);
    const version = doc.version;
    timers.set(doc.uri, setTimeout(() => {
      timers.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (current && current.version === version) publish(current);
    }, settings.validationDelayMs ?? 250));
  };

  const revalidateAll = (): void => {
    for (const d of documents.all()) schedule(d);
  };

  const loadRegistry = async (): Promise<void> => {
    const file = registryPath();
    const uri = file ? pathToFileURL(file).toString() : undefined;
    const open = uri ? documents.get(uri) : undefined;
    let text: string | undefined = open?.getText();
    if (text === undefined && file) {
      try {
        text = await readFile(file, 'utf8');
      } catch {
        text = undefined; // a missing registry means built-ins only
      }
    }
    service.setConnections(uri, text, file);
    revalidateAll();
  };

  const loadSettings = async (): Promise<void> => {
    if (!canConfigure) return;
    const cfg = (await conn.workspace.getConfiguration('asp')) as ServerSettings | null;
    if (cfg) settings = { ...settings, ...pick(cfg) };
  };

  conn.onInitialize((params: InitParams) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    root = folder && folder.startsWith('file:') ? fileURLToPath(folder) : params.rootPath ?? undefined;
    settings = pick((params.initializationOptions ?? {}) as ServerSettings);
    canWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canConfigure = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: INCREMENTAL_SYNC,
        completionProvider: { triggerCharacters: ['"', '$', '.', ':'] },
        hoverProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        definitionProvider: true,
        signatureHelpProvider: { triggerCharacters: ['[', ',', '{'], retriggerCharacters: [','] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor] },
        semanticTokensProvider: { legend: TOKEN_LEGEND, full: true },
      },
      serverInfo: { name: 'asp-language-server' },
    };
  });

  conn.onInitialized(async () => {
    if (canWatch) {
      await conn.client.register('workspace/didChangeWatchedFiles', { watchers: [{ globPattern: `**/${CONNECTIONS_FILE_NAME}` }] });
    }
    await loadSettings();
    await loadRegistry();
  });

  conn.onDidChangeConfiguration(async (change: { settings?: unknown }) => {
    const fromPush = (change.settings as { asp?: ServerSettings } | undefined)?.asp;
    if (fromPush) settings = { ...settings, ...pick(fromPush) };
    else await loadSettings();
    await loadRegistry();
  });

  conn.onDidChangeWatchedFiles(() => loadRegistry());

  documents.onDidChangeContent((e: { document: TextDocument }) => {
    if (service.isConnectionsFile(e.document.uri)) {
      service.setConnections(e.document.uri, e.document.getText(), fileOf(e.document.uri));
      for (const d of documents.all()) if (d.uri !== e.document.uri) schedule(d);
    }
    schedule(e.document);
  });

  documents.onDidClose((e: { document: TextDocument }) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    service.close(e.document.uri);
    void conn.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    if (service.isConnectionsFile(e.document.uri)) void loadRegistry();
  });

  const withDoc = <P extends { textDocument: { uri: string } }, R>(what: string, f: (doc: TextDocument, p: P) => R, fallback: R) =>
    (p: P): R => {
      const doc = documents.get(p.textDocument.uri);
      return doc ? safe(what, f, fallback)(doc, p) : fallback;
    };

  conn.onCompletion(withDoc('completion', (d, p) => service.complete(d, p.position), null));
  conn.onHover(withDoc('hover', (d, p) => service.hover(d, p.position), null));
  conn.onDocumentSymbol(withDoc('symbols', (d) => service.documentSymbols(d), []));
  conn.onFoldingRanges(withDoc('folding', (d) => service.foldingRanges(d), []));
  conn.onDocumentFormatting(withDoc('formatting', (d, p) => service.format(d, p.options), []));
  conn.onDocumentRangeFormatting(withDoc('formatting', (d, p) => service.format(d, p.options, p.range), []));
  conn.onDefinition(withDoc('definition', (d, p) => service.definition(d, p.position), null));
  conn.onSignatureHelp(withDoc('signature help', (d, p) => service.signatureHelp(d, p.position), null));
  conn.onCodeAction(withDoc('code actions', (d, p) => service.codeActions(d, p.range, p.context.diagnostics), []));
  conn.languages.semanticTokens.on(withDoc('semantic tokens', (d) => service.semanticTokens(d), { data: [] }));

  conn.onRequest(validateDocument.method, (p: ValidateDocumentParams): ValidateDocumentResult => {
    const doc = documents.get(p.uri);
    if (!doc) return { diagnostics: [], hasErrors: false, version: null };
    const diagnostics = safe('validation', () => service.validate(doc), [])();
    return { diagnostics, hasErrors: diagnostics.some((d) => d.severity === 1), version: doc.version };
  });

  conn.onNotification(observedShapes.method, (p: ObservedShapesParams) => {
    safe('observed shapes', () => service.setObserved(p), undefined)();
  });

  conn.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  documents.listen(conn);
  conn.listen();
  return conn;
}

function pick(s: ServerSettings): ServerSettings {
  const out: ServerSettings = {};
  if (typeof s.connectionsFile === 'string') out.connectionsFile = s.connectionsFile;
  if (typeof s.validationDelayMs === 'number' && s.validationDelayMs >= 0) out.validationDelayMs = s.validationDelayMs;
  return out;
}

function fileOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

if (require.main === module) startServer();
