/** `asp checkpoints NAME [--id ID] [--sample N]`: list checkpoints, or show one (positions, tables, open windows). */
import * as P from '../../../shared/protocol';
import { intFlag } from '../args';
import { parseCommand, withInstance } from '../instanceCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp checkpoints NAME [--id ID] [--sample N] [--state-dir DIR]', positional: 1, valueFlags: ['id', 'sample'] });
  const name = args.positional[0]!;
  const id = args.flags.get('id');
  return withInstance(args, (conn) =>
    typeof id === 'string'
      ? conn.sendRequest(P.getCheckpoint.method, { name, checkpointId: id, sample: intFlag(args, 'sample') ?? 20 })
      : conn.sendRequest(P.listCheckpoints.method, { name }),
  );
}
