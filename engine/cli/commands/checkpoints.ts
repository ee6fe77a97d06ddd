/** `asp checkpoints NAME [--id ID] [--sample N]`: list checkpoints, or show one (positions, tables, open windows). */
import * as P from '../../../shared/protocol';
import { intFlag } from '../../core/argv';
import { parseCommand } from '../instanceCommand';
import { withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp checkpoints NAME [--id ID] [--sample N] [--state-dir DIR]', positional: 1, valueFlags: ['id', 'sample'] });
  const name = args.positional[0]!;
  const id = args.flags.get('id');
  return withTarget(args, (api) =>
    typeof id === 'string'
      ? api.request(P.getCheckpoint, { name, checkpointId: id, sample: intFlag(args, 'sample') ?? 20 })
      : api.request(P.listCheckpoints, { name }),
  );
}
