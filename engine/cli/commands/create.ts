/** `asp create NAME FILE [--target NAME]`: register a processor (state CREATED) on a target. */
import * as P from '../../../shared/protocol';
import { parseCommand } from '../instanceCommand';
import { configureFor, readProcessorFile, targetRegistry } from '../processorFile';
import { isLocalTarget, TARGET_FLAGS, TARGET_USAGE, withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: `asp create NAME FILE ${TARGET_USAGE}`, positional: 2, valueFlags: TARGET_FLAGS });
  const [name, file] = args.positional as [string, string];
  // The local instance checks against asp.connections.json before it is even started.
  const local = isLocalTarget(args) ? readProcessorFile(file) : undefined;
  return withTarget(args, async (api) => {
    const f = local ?? readProcessorFile(file, 'processor', await targetRegistry(api));
    await configureFor(api, f);
    const params: P.CreateParams = { name, pipeline: f.pipeline, file: f.file };
    if (f.options) params.options = f.options;
    return api.request(P.createStreamProcessor, params);
  }, file);
}
