/** What the instance-talking CLI commands share: find the instance, send one request, print JSON. */
import { ResponseError, type MessageConnection } from 'vscode-jsonrpc/node';
import { UsageError } from '../core/errors';
import { parseArgs, type ParsedArgs } from './args';
import { connectOrStart } from '../daemon/client';
import { resolveStateDir } from '../daemon/paths';

export interface CommandSpec {
  usage: string;
  positional: number;
  valueFlags?: readonly string[];
  boolFlags?: readonly string[];
}

export function parseCommand(argv: string[], spec: CommandSpec): ParsedArgs {
  const args = parseArgs(argv, ['state-dir', ...(spec.valueFlags ?? [])], spec.boolFlags ?? []);
  if (args.positional.length !== spec.positional) throw new UsageError(`usage: ${spec.usage}`);
  return args;
}

/** Run `fn` against the instance for this state dir and print its result as JSON. Exit 1 on a refused request. */
export async function withInstance(args: ParsedArgs, fn: (conn: MessageConnection) => Promise<unknown>): Promise<number> {
  const stateDir = resolveStateDir(args.flags.get('state-dir') as string | undefined);
  const conn = await connectOrStart(stateDir);
  try {
    const result = await fn(conn);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ResponseError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    conn.dispose();
  }
}
