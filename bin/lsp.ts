/**
 * `asp lsp --stdio`: the language server for any LSP editor. Wired here, in the top-level
 * composition root, because engine/ never imports server/ (docs/architecture.md).
 */
import { UsageError } from '../engine/core/errors';

export async function run(argv: string[]): Promise<number> {
  if (!argv.includes('--stdio')) throw new UsageError('usage: asp lsp --stdio');
  const { startServer } = await import('../server/server');
  startServer();
  // The connection keeps the process alive until the client disconnects.
  return new Promise<number>(() => undefined);
}
