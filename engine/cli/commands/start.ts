/** `asp start NAME [--no-resume] [--clear-checkpoints]`: start (resuming from the last checkpoint). */
import * as P from '../../../shared/protocol';
import { parseCommand, withInstance } from '../instanceCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp start NAME [--no-resume] [--clear-checkpoints] [--state-dir DIR]', positional: 1, boolFlags: ['no-resume', 'clear-checkpoints'] });
  const params: P.StartParams = { name: args.positional[0]! };
  if (args.flags.has('no-resume')) params.resumeFromCheckpoint = false;
  if (args.flags.has('clear-checkpoints')) params.clearCheckpoints = true;
  return withInstance(args, (conn) => conn.sendRequest(P.startStreamProcessor.method, params));
}
