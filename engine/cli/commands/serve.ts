/** `asp serve [--state-dir DIR] [--connections FILE] [--checkpoints CONNECTION/DB.COLL] [--stdio] [--wire [HOST:]PORT [--wire-user NAME --wire-password ${env:NAME}] [--wire-tls-cert FILE --wire-tls-key FILE]]`: run the local instance in the foreground. */
import { UsageError } from '../../core/errors';
import { parseDaemonArgs, startDaemon } from '../../daemon/main';
import { InstanceRunningError } from '../../daemon/lock';

export async function run(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseDaemonArgs(argv, false);
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nusage: asp serve [--state-dir DIR] [--connections FILE] [--checkpoints CONNECTION/DB.COLL] [--stdio] [--wire [HOST:]PORT [--wire-user NAME --wire-password \${env:NAME}] [--wire-tls-cert FILE --wire-tls-key FILE]]`);
  }
  try {
    const d = await startDaemon(opts);
    if (!opts.stdio) process.stderr.write(`asp: local instance on ${opts.stateDir} (pid ${process.pid})${d.wire ? `, MongoDB wire protocol on ${d.wire.host}:${d.wire.port}` : ''}\n`);
    await d.closed;
    return 0;
  } catch (e) {
    if (e instanceof InstanceRunningError) throw new UsageError(e.message, 1);
    throw e;
  }
}
