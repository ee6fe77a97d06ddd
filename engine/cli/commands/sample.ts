/** `asp sample NAME [--limit N] [--timeout-ms N]`: documents a running processor emits from now on. */
import * as P from '../../../shared/protocol';
import { intFlag } from '../args';
import { parseCommand, withInstance } from '../instanceCommand';

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(argv, { usage: 'asp sample NAME [--limit N] [--timeout-ms N] [--state-dir DIR]', positional: 1, valueFlags: ['limit', 'timeout-ms'] });
  const name = args.positional[0]!;
  const limit = intFlag(args, 'limit') ?? 10;
  const deadline = Date.now() + (intFlag(args, 'timeout-ms') ?? 10_000);
  return withInstance(args, async (conn) => {
    const first = (await conn.sendRequest(P.startSampleStreamProcessor.method, { name, limit })) as P.CursorReply;
    const messages: P.EJsonDoc[] = [];
    let cursorId = first.cursorId;
    // Like sp.sample: poll the cursor, pausing briefly on empty batches.
    while (cursorId !== 0 && messages.length < limit && Date.now() < deadline) {
      const r = (await conn.sendRequest(P.getMoreSampleStreamProcessor.method, { name, cursorId, batchSize: limit - messages.length })) as P.GetMoreReply;
      messages.push(...r.messages);
      cursorId = r.cursorId;
      if (r.messages.length === 0) await new Promise((res) => setTimeout(res, 100));
    }
    return messages;
  });
}
