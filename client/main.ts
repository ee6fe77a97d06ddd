/** Extension entry: builds the Ctx, registers the command table, views and providers, starts the language client. */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { PipelineCodeLens } from './codeLens';
import { commandTable, registerCommands } from './commands';
import { Config, ENGINE_RESTART_KEYS, SERVER_RESTART_KEYS } from './config';
import { Ctx } from './ctx';
import { createLanguageClient } from './lsp';
import { StatusBar } from './statusBar';
import { deployedDocs } from './commands/targets';
import { DEPLOYED_SCHEME, DeployedDocs } from './deployedDocs';
import { CheckpointsView } from './views/checkpoints';
import { ConnectionsView } from './views/connections';
import { DlqView } from './views/dlq';
import { ProcessorsView } from './views/processors';
import { PipelineTests } from './testing/controller';
import { registerLmTools, type LmTools } from './lm/tools';
import { errorMessage } from '../engine/core/errors';

/** What activate returns: the pieces the end-to-end tests look at. */
export interface AspApi {
  ctx: Ctx;
  views: { connections: ConnectionsView; processors: ProcessorsView; checkpoints: CheckpointsView; dlq: DlqView };
  tests: PipelineTests;
  lmTools: LmTools;
}

let current: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): AspApi {
  const ctx = new Ctx(context);
  current = ctx;
  registerCommands(ctx, commandTable());
  const views = {
    connections: new ConnectionsView(ctx),
    processors: new ProcessorsView(ctx),
    checkpoints: new CheckpointsView(ctx),
    dlq: new DlqView(ctx),
  };
  for (const [id, provider] of Object.entries(views)) {
    const view = vscode.window.createTreeView(`asp.${id}`, { treeDataProvider: provider as vscode.TreeDataProvider<vscode.TreeItem>, showCollapseAll: id !== 'connections' });
    ctx.extCleanup(view);
    if (id === 'processors') {
      // Which target the list is of, next to the view's title.
      const describe = (): void => void (view.description = ctx.targets.selected === 'local' ? undefined : `on ${ctx.targets.selected}`);
      describe();
      ctx.extCleanup(ctx.targets.onDidChange(describe));
    }
  }
  const docs = new DeployedDocs();
  deployedDocs.current = docs;
  ctx.extCleanup(docs, vscode.workspace.registerTextDocumentContentProvider(DEPLOYED_SCHEME, docs));
  ctx.extCleanup(vscode.languages.registerCodeLensProvider({ language: 'asp-json' }, new PipelineCodeLens(ctx)));
  ctx.extCleanup(new StatusBar(ctx));
  ctx.extCleanup(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (Config.affects(e, ENGINE_RESTART_KEYS) && ctx.engine.isRunning) void vscode.commands.executeCommand('asp.restartEngine');
      if (Config.affects(e, SERVER_RESTART_KEYS)) void vscode.commands.executeCommand('asp.restartServer');
    }),
  );
  const tests = new PipelineTests(ctx);
  ctx.extCleanup(tests);
  const lmTools = registerLmTools(ctx, tests);
  startLanguageClient(ctx);
  return { ctx, views, tests, lmTools };
}

function startLanguageClient(ctx: Ctx): void {
  const serverModule = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'server.js').fsPath;
  if (!fs.existsSync(serverModule)) {
    ctx.log.error(`The language server is missing (${serverModule}); completion and diagnostics are off.`);
    return;
  }
  const client = createLanguageClient(serverModule, ctx.log);
  ctx.lsp = client;
  client.start().catch((e: unknown) => {
    ctx.log.error(`The ASP language server did not start: ${errorMessage(e)}`);
    void vscode.window.showErrorMessage(`The ASP language server did not start: ${errorMessage(e)}`);
  });
}

export async function deactivate(): Promise<void> {
  const ctx = current;
  current = undefined;
  if (!ctx) return;
  await Promise.allSettled([ctx.lsp?.stop(), ctx.engine.dispose()]);
}
