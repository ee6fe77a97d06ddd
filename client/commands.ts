/**
 * The command table: `asp.<name>` -> handler. main.ts registers every entry in one loop;
 * each handler reports its own failure as a message (never a stack trace).
 */
import * as vscode from 'vscode';
import { connectionCommands } from './commands/connections';
import { inspectCommands } from './commands/inspect';
import { processorCommands } from './commands/processors';
import { runCommands } from './commands/run';
import { testingCommands } from './testing/commands';
import { targetCommands } from './commands/targets';
import { UserFacingError, type CommandTable, type Ctx } from './ctx';
import { errorMessage } from '../engine/core/errors';

export function commandTable(): CommandTable {
  return {
    ...runCommands,
    ...processorCommands,
    ...connectionCommands,
    ...inspectCommands,
    ...testingCommands,
    ...targetCommands,
    showOutput: (ctx) => ctx.panel.show(),
    restartEngine: async (ctx) => {
      await ctx.engine.restart();
      void vscode.window.showInformationMessage('ASP local instance restarted.');
    },
    restartServer: async (ctx) => {
      if (!ctx.lsp) throw new UserFacingError('The ASP language server is not running.');
      await ctx.lsp.restart();
    },
  };
}

/** Registers `asp.<name>` for every entry; failures become one error message each. */
export function registerCommands(ctx: Ctx, table: CommandTable): void {
  for (const [name, handler] of Object.entries(table)) {
    ctx.extCleanup(
      vscode.commands.registerCommand(`asp.${name}`, async (...args: unknown[]) => {
        try {
          return await handler(ctx, ...args);
        } catch (e) {
          const first = e instanceof UserFacingError ? e.data?.diagnostics?.[0] : undefined;
          const where = first ? ` (line ${first.line}, column ${first.col})` : '';
          ctx.log.error(`asp.${name}: ${errorMessage(e)}${where}`);
          void vscode.window.showErrorMessage(`${errorMessage(e)}${where}`);
          return undefined;
        }
      }),
    );
  }
}
