/** `asp sample NAME [--limit N] [--timeout-ms N] [--target NAME]`: documents a running processor emits from now on. */
import * as P from '../../../shared/protocol';
import { intFlag } from '../../core/argv';
import { parseCommand } from '../instanceCommand';
import { TARGET_FLAGS, TARGET_USAGE, withTarget } from '../targetCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: `asp sample NAME [--limit N] [--timeout-ms N] ${TARGET_USAGE}`, positional: 1, valueFlags: ['limit', 'timeout-ms', ...TARGET_FLAGS] });
  const name = args.positional[0]!;
  const limit = intFlag(args, 'limit') ?? 10;
  const deadline = Date.now() + (intFlag(args, 'timeout-ms') ?? 10_000);
  return withTarget(args, async (api) => {
    const first = await api.request(P.startSampleStreamProcessor, { name, limit });
    const messages: P.EJsonDoc[] = [];
    let cursorId = first.cursorId;
    // Like sp.sample: poll the cursor, pausing briefly on empty batches.
    while (cursorId !== 0 && messages.length < limit && Date.now() < deadline) {
      const r = await api.request(P.getMoreSampleStreamProcessor, { name, cursorId, batchSize: limit - messages.length });
      messages.push(...r.messages);
      cursorId = r.cursorId;
      if (r.messages.length === 0) await new Promise((res) => setTimeout(res, 100));
    }
    return messages;
  });
}
