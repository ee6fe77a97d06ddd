/** `asp modify NAME FILE [--no-resume] [--target NAME]`: replace a stopped processor's pipeline and options. */
import * as P from '../../../shared/protocol';
import { parseCommand } from '../instanceCommand';
import { configureFor, readProcessorFile, targetRegistry } from '../processorFile';
import { isLocalTarget, TARGET_FLAGS, TARGET_USAGE, withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: `asp modify NAME FILE [--no-resume] ${TARGET_USAGE}`, positional: 2, valueFlags: TARGET_FLAGS, boolFlags: ['no-resume'] });
  const [name, file] = args.positional as [string, string];
  // The local instance checks against asp.connections.json before it is even started.
  const local = isLocalTarget(args) ? readProcessorFile(file) : undefined;
  return withTarget(args, async (api) => {
    const f = local ?? readProcessorFile(file, 'processor', await targetRegistry(api));
    await configureFor(api, f);
    const params: P.ModifyParams = { name, pipeline: f.pipeline, file: f.file, ...(f.options ?? {}) };
    if (args.flags.has('no-resume')) params.resumeFromCheckpoint = false;
    return api.request(P.modifyStreamProcessor, params);
  }, file);
}
