/** `asp drop NAME`: stop a processor if needed and forget it with its checkpoints. */
import * as P from '../../../shared/protocol';
import { parseCommand, withInstance } from '../instanceCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp drop NAME [--state-dir DIR]', positional: 1 });
  return withInstance(args, (conn) => conn.sendRequest(P.dropStreamProcessor.method, { name: args.positional[0]! }));
}
