/**
 * `asp run FILE`: run a pipeline on this machine. Output documents and `{"_dlqMessage": ...}`
 * records go to stdout as relaxed Extended JSON lines, like sp.process. A composition root: it
 * opens the connector services (loading the drivers) only when the file names a connection.
 */
import { analyzeText } from '../../pipeline/analyze';
import { PipelineRun } from '../../pipeline/run';
import { toRelaxedJSON } from '../../json/ejson';
import type { Doc } from '../../core/types';
import { intFlag, parseArgs } from '../../core/argv';
import { formatDiagnostic, loadRegistry, readPipelineFile } from '../context';
import { resolveStateDir } from '../../daemon/paths';
import { UsageError } from '../../core/errors';
import { needsServices } from '../needsServices';
import { StdoutLines } from '../stdout';
import { DlqSink } from '../../runtime/dlq';
import { dlqCollection } from '../../runtime/dlqTargets';
import { runOnTarget } from '../remoteRun';
import { isLocalTarget } from '../targetCommand';

const USAGE = 'usage: asp run FILE [--connections PATH] [--limit N] [--timeout-ms N] [--no-drain] [--rate N] [--seed N] [--no-stream-meta] [--target NAME [--targets FILE]]';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['connections', 'limit', 'timeout-ms', 'rate', 'seed', 'state-dir', 'target', 'targets'], ['no-drain', 'no-stream-meta']);
  const file = args.positional[0];
  if (!file || args.positional.length > 1) throw new UsageError(USAGE);
  // On another target the run is sp.process there; `local` (the default) runs in this process.
  if (!isLocalTarget(args)) return runOnTarget(file, args);
  const limit = intFlag(args, 'limit');
  const timeoutMs = intFlag(args, 'timeout-ms');
  const rate = intFlag(args, 'rate');
  const seed = intFlag(args, 'seed');
  const text = readPipelineFile(file);
  const reg = loadRegistry(args.flags.get('connections') as string | undefined, file);
  const regErrors = reg.diagnostics.filter((d) => d.severity === 'error');
  const a = analyzeText(text, { connections: reg.registry, file });
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (regErrors.length || errors.length || !a.processor || !a.validated) {
    for (const d of regErrors) process.stderr.write(formatDiagnostic(reg.registry.source ?? 'asp.connections.json', d) + '\n');
    for (const d of errors) process.stderr.write(formatDiagnostic(file, d) + '\n');
    return 1;
  }
  const out = new StdoutLines();
  const services = needsServices(a)
    ? (await import('../../connectors/services')).createServices(reg.registry, { stateDir: resolveStateDir(args.flags.get('state-dir') as string | undefined) })
    : undefined;
  // With options.dlq the records also go to that collection, as a processor's would.
  const dlqOpt = a.processor.options.dlq;
  let dlqError: unknown;
  const dlqSink = dlqOpt && services
    ? new DlqSink({ target: dlqCollection(services.collection(dlqOpt.connectionName, dlqOpt.db, dlqOpt.coll)), onError: (e) => { dlqError = e; } })
    : undefined;
  const runner = new PipelineRun(a.processor, a.validated, {
    connections: reg.registry,
    limit,
    timeoutMs,
    drain: !args.flags.has('no-drain'),
    processorName: a.processor.name ?? 'preview',
    projectStreamMeta: !args.flags.has('no-stream-meta'),
    sample: { rate, seed },
    services,
    onOutput: (d: Doc) => out.write(toRelaxedJSON(d)),
    onDlq: (r: Doc) => {
      out.write(toRelaxedJSON({ _dlqMessage: r }));
      dlqSink?.push(r);
    },
  });
  const stop = (): void => runner.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  out.onClosed(stop);
  try {
    await runner.run();
    await dlqSink?.drain();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await out.end();
    await services?.close();
  }
  if (dlqError) throw new Error(`writing the DLQ to ${dlqOpt!.connectionName}/${dlqOpt!.db}.${dlqOpt!.coll} failed: ${(dlqError as Error).message}`);
  return 0;
}
