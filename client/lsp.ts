/** Starts the ASP language server (dist/server.js) over IPC and restarts it after a crash. */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 180_000;

/** Restarts a crashed server a few times, then says so and stops trying. */
function errorHandler(log: vscode.LogOutputChannel): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const now = Date.now();
      while (crashes.length > 0 && now - crashes[0]! > RESTART_WINDOW_MS) crashes.shift();
      crashes.push(now);
      if (crashes.length <= MAX_RESTARTS) {
        log.warn('The ASP language server stopped unexpectedly; restarting it.');
        return { action: CloseAction.Restart, message: 'The ASP language server stopped unexpectedly; restarting it.', handled: true };
      }
      return {
        action: CloseAction.DoNotRestart,
        message: `The ASP language server stopped ${crashes.length} times in 3 minutes and will not be restarted. Run "ASP: Restart Language Server" after fixing the cause (see the ASP Studio log).`,
      };
    },
  };
}

export function createLanguageClient(serverModule: string, log: vscode.LogOutputChannel): LanguageClient {
  const run = { module: serverModule, transport: TransportKind.ipc };
  const serverOptions: ServerOptions = { run, debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6019'] } } };
  const clientOptions: LanguageClientOptions = {
    // The registry file is plain JSON to VS Code; the server validates and completes it too.
    documentSelector: [{ language: 'asp-json' }, { scheme: 'file', pattern: '**/asp.connections.json' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/asp.connections.json') },
    outputChannel: log,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: errorHandler(log),
  };
  return new LanguageClient('asp', 'ASP Language Server', serverOptions, clientOptions);
}
