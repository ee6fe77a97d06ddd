/** `asp start NAME [--no-resume] [--clear-checkpoints] [--target NAME]`: start (resuming from the last checkpoint). */
import * as P from '../../../shared/protocol';
import { parseCommand } from '../instanceCommand';
import { TARGET_FLAGS, TARGET_USAGE, withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: `asp start NAME [--no-resume] [--clear-checkpoints] ${TARGET_USAGE}`, positional: 1, valueFlags: TARGET_FLAGS, boolFlags: ['no-resume', 'clear-checkpoints'] });
  const params: P.StartParams = { name: args.positional[0]! };
  if (args.flags.has('no-resume')) params.resumeFromCheckpoint = false;
  if (args.flags.has('clear-checkpoints')) params.clearCheckpoints = true;
  return withTarget(args, (api) => api.request(P.startStreamProcessor, params));
}
