/** `asp stats NAME [--verbose] [--scale N]`: getStreamProcessorStats. */
import * as P from '../../../shared/protocol';
import { intFlag } from '../args';
import { parseCommand, withInstance } from '../instanceCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp stats NAME [--verbose] [--scale N] [--state-dir DIR]', positional: 1, valueFlags: ['scale'], boolFlags: ['verbose'] });
  const params: P.StatsParams = { name: args.positional[0]!, verbose: args.flags.has('verbose') };
  const scale = intFlag(args, 'scale');
  if (scale) params.scale = scale;
  return withInstance(args, (conn) => conn.sendRequest(P.getStreamProcessorStats.method, params));
}
