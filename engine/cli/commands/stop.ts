/** `asp stop NAME`: checkpoint, then stop a processor. */
import * as P from '../../../shared/protocol';
import { parseCommand, withInstance } from '../instanceCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp stop NAME [--state-dir DIR]', positional: 1 });
  return withInstance(args, (conn) => conn.sendRequest(P.stopStreamProcessor.method, { name: args.positional[0]! }));
}
