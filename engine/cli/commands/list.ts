/** `asp list [--target NAME]`: every processor of a target with its state. */
import * as P from '../../../shared/protocol';
import { parseCommand } from '../instanceCommand';
import { TARGET_FLAGS, TARGET_USAGE, withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: `asp list ${TARGET_USAGE}`, positional: 0, valueFlags: TARGET_FLAGS });
  return withTarget(args, (api) => api.request(P.listStreamProcessors, {}));
}
