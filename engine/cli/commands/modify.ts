/** `asp modify NAME FILE [--no-resume]`: replace a stopped processor's pipeline and options. */
import * as P from '../../../shared/protocol';
import { parseCommand, withInstance } from '../instanceCommand';
import { configureFor, readProcessorFile } from '../processorFile';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp modify NAME FILE [--no-resume] [--state-dir DIR]', positional: 2, boolFlags: ['no-resume'] });
  const [name, file] = args.positional as [string, string];
  const f = readProcessorFile(file);
  return withInstance(args, async (conn) => {
    await configureFor(conn, f);
    const params: P.ModifyParams = { name, pipeline: f.pipeline, file: f.file, ...(f.options ?? {}) };
    if (args.flags.has('no-resume')) params.resumeFromCheckpoint = false;
    return conn.sendRequest(P.modifyStreamProcessor.method, params);
  });
}
