/** `asp stats NAME [--verbose] [--scale N] [--target NAME]`: getStreamProcessorStats. */
import * as P from '../../../shared/protocol';
import { intFlag } from '../../core/argv';
import { parseCommand } from '../instanceCommand';
import { TARGET_FLAGS, TARGET_USAGE, withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: `asp stats NAME [--verbose] [--scale N] ${TARGET_USAGE}`, positional: 1, valueFlags: ['scale', ...TARGET_FLAGS], boolFlags: ['verbose'] });
  const params: P.StatsParams = { name: args.positional[0]!, verbose: args.flags.has('verbose') };
  const scale = intFlag(args, 'scale');
  if (scale) params.scale = scale;
  return withTarget(args, (api) => api.request(P.getStreamProcessorStats, params));
}
