/** `asp list`: every processor of the local instance with its state. */
import * as P from '../../../shared/protocol';
import { parseCommand, withInstance } from '../instanceCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp list [--state-dir DIR]', positional: 0 });
  return withInstance(args, (conn) => conn.sendRequest(P.listStreamProcessors.method, {}));
}
