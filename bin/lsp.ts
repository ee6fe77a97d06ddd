/** `asp lsp --stdio`: the language server for any LSP editor. */
import { UsageError } from '../engine/core/errors';

export async function run(argv: string[]): Promise<number> {
  if (!argv.includes('--stdio')) throw new UsageError('usage: asp lsp --stdio');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const server = require('../server/server') as { startServer(): void };
  server.startServer();
  // The connection keeps the process alive until the client disconnects.
  return new Promise<number>(() => undefined);
}
