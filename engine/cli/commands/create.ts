/** `asp create NAME FILE`: register a processor (state CREATED) with the local instance. */
import * as P from '../../../shared/protocol';
import { parseCommand, withInstance } from '../instanceCommand';
import { configureFor, readProcessorFile } from '../processorFile';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp create NAME FILE [--state-dir DIR]', positional: 2 });
  const [name, file] = args.positional as [string, string];
  const f = readProcessorFile(file);
  return withInstance(args, async (conn) => {
    await configureFor(conn, f);
    const params: P.CreateParams = { name, pipeline: f.pipeline, file: f.file };
    if (f.options) params.options = f.options;
    return conn.sendRequest(P.createStreamProcessor.method, params);
  });
}
