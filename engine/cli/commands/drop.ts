/** `asp drop NAME [--target NAME]`: stop a processor if needed and forget it with its checkpoints. */
import * as P from '../../../shared/protocol';
import { parseCommand } from '../instanceCommand';
import { TARGET_FLAGS, TARGET_USAGE, withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: `asp drop NAME ${TARGET_USAGE}`, positional: 1, valueFlags: TARGET_FLAGS });
  return withTarget(args, (api) => api.request(P.dropStreamProcessor, { name: args.positional[0]! }));
}
