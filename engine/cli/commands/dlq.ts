/** `asp dlq NAME [--limit N] [--skip N] [--reason TEXT] [--operator NAME]`: DLQ records, newest first. */
import * as P from '../../../shared/protocol';
import { intFlag } from '../../core/argv';
import { parseCommand } from '../instanceCommand';
import { withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp dlq NAME [--limit N] [--skip N] [--reason TEXT] [--operator NAME] [--state-dir DIR]', positional: 1, valueFlags: ['limit', 'skip', 'reason', 'operator'] });
  const params: P.ListDlqParams = { name: args.positional[0]!, limit: intFlag(args, 'limit') ?? 20, skip: intFlag(args, 'skip') ?? 0 };
  const reason = args.flags.get('reason');
  const op = args.flags.get('operator');
  if (typeof reason === 'string') params.reason = reason;
  if (typeof op === 'string') params.operatorName = op;
  return withTarget(args, (api) => api.request(P.listDlq, params));
}
