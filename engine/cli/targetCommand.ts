/**
 * `--target NAME` for the processor commands: `local` (the default) is the instance of the state
 * directory over JSON-RPC, started if needed; any other name is an asp.targets.json entry reached
 * with the wire client (engine/targets/wireTarget.ts), credentials from its `${env:…}` references.
 */
import type { MessageConnection, RequestType } from 'vscode-jsonrpc/node';
import { ResponseError } from 'vscode-jsonrpc/node';
import { UsageError } from '../core/errors';
import * as P from '../../shared/protocol';
import { connectOrStart } from '../daemon/client';
import { resolveStateDir } from '../daemon/paths';
import { CommandError } from '../runtime/errors';
import type { TargetApi } from '../targets/api';
import { credentialsFromEnv, findTargetsFile, loadTargetsFile, LOCAL_TARGET } from '../targets/targetsFile';
import type { ParsedArgs } from '../core/argv';

/** The flags every target-aware command takes. */
export const TARGET_FLAGS = ['target', 'targets', 'state-dir'] as const;
export const TARGET_USAGE = '[--target NAME] [--targets FILE] [--state-dir DIR]';

/** The local instance over its socket, as a target. */
export class RpcTarget implements TargetApi {
  readonly name = LOCAL_TARGET;
  constructor(readonly conn: MessageConnection) {}

  async request<Q, R>(type: RequestType<Q, R, void>, params: Q): Promise<R> {
    try {
      return await this.conn.sendRequest<R>(type.method, params);
    } catch (e) {
      // The same error class the wire client throws, so callers handle one kind.
      if (e instanceof ResponseError) throw new CommandError(e.message, e.code, e.data as P.InvalidPipelineData | undefined);
      throw e;
    }
  }

  async close(): Promise<void> {
    this.conn.dispose();
  }
}

export function isLocalTarget(args: ParsedArgs): boolean {
  return ((args.flags.get('target') as string | undefined) ?? LOCAL_TARGET) === LOCAL_TARGET;
}

/** The target named by --target (default local); `near` is where to look for asp.targets.json. */
export async function openTarget(args: ParsedArgs, near = process.cwd()): Promise<TargetApi> {
  const name = (args.flags.get('target') as string | undefined) ?? LOCAL_TARGET;
  if (name === LOCAL_TARGET) return new RpcTarget(await connectOrStart(resolveStateDir(args.flags.get('state-dir') as string | undefined)));
  const file = findTargetsFile(args.flags.get('targets') as string | undefined, near);
  if (!file) throw new UsageError(`--target ${name}: no asp.targets.json found from ${near} upwards (or give --targets FILE)`);
  const loaded = loadTargetsFile(file);
  const spec = loaded.targets.find((t) => t.name === name);
  if (!spec) {
    const problems = loaded.errors.length ? `\n${loaded.errors.join('\n')}` : '';
    throw new UsageError(`--target ${name}: ${file} has no target named "${name}" (it has: ${[LOCAL_TARGET, ...loaded.targets.map((t) => t.name)].join(', ')})${problems}`);
  }
  let credentials;
  try {
    credentials = credentialsFromEnv(spec);
  } catch (e) {
    throw new UsageError(`--target ${name}: ${(e as Error).message}`);
  }
  // Loaded here so local commands (and sample runs) never load the driver.
  const { WireTarget } = await import('../targets/wireTarget');
  return new WireTarget(spec, credentials);
}

/** Run `fn` on the target and print its result as JSON; exit 1 when the target refuses. */
export async function withTarget(args: ParsedArgs, fn: (api: TargetApi) => Promise<unknown>, near?: string): Promise<number> {
  const api = await openTarget(args, near);
  try {
    const result = await fn(api);
    if (result !== undefined) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CommandError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await api.close();
  }
}
