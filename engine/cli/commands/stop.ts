/** `asp stop NAME [--target NAME]`: checkpoint, then stop a processor. */
import * as P from '../../../shared/protocol';
import { parseCommand } from '../instanceCommand';
import { TARGET_FLAGS, TARGET_USAGE, withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: `asp stop NAME ${TARGET_USAGE}`, positional: 1, valueFlags: TARGET_FLAGS });
  return withTarget(args, (api) => api.request(P.stopStreamProcessor, { name: args.positional[0]! }));
}
