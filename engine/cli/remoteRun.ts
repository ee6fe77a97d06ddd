/**
 * `asp run FILE --target NAME`: sp.process on that target: processStreamProcessor, then
 * getMoreSampleStreamProcessor until the cursor ends (or --limit / --timeout-ms), printing each
 * message as a relaxed Extended JSON line like a local run; the ephemeral processor is dropped
 * at the end, as mongosh does.
 */
import { toRelaxedJSON } from '../json/ejson';
import { fromEJSON } from '../json/ejson';
import type { Doc, Value } from '../core/types';
import * as P from '../../shared/protocol';
import type { ParsedArgs } from '../core/argv';
import { intFlag } from '../core/argv';
import { readProcessorFile, targetRegistry } from './processorFile';
import { StdoutLines } from './stdout';
import { withTarget } from './targetCommand';

/** mongosh waits a second on an empty batch; a shorter pause keeps short runs short. */
const EMPTY_BATCH_PAUSE_MS = 250;

export async function runOnTarget(file: string, args: ParsedArgs): Promise<number> {
  const limit = intFlag(args, 'limit');
  const timeoutMs = intFlag(args, 'timeout-ms');
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  const out = new StdoutLines();
  let stopped = false;
  const stop = (): void => void (stopped = true);
  process.once('SIGINT', stop);
  out.onClosed(stop);
  try {
    return await withTarget(args, async (api) => {
      const f = readProcessorFile(file, 'either', await targetRegistry(api));
      const params: P.ProcessParams = { pipeline: f.pipeline };
      if (f.options) params.options = f.options;
      const started = await api.request(P.processStreamProcessor, params);
      let cursorId = started.cursorId;
      let seen = 0;
      try {
        while (cursorId !== 0 && !stopped && (limit === undefined || seen < limit) && Date.now() < deadline) {
          const batch = await api.request(P.getMoreSampleStreamProcessor, { name: started.name, cursorId });
          cursorId = batch.cursorId;
          for (const m of limit === undefined ? batch.messages : batch.messages.slice(0, limit - seen)) {
            out.write(toRelaxedJSON(fromEJSON(m as Value) as Doc));
            seen++;
          }
          if (batch.messages.length === 0 && cursorId !== 0) await new Promise((r) => setTimeout(r, EMPTY_BATCH_PAUSE_MS));
        }
      } finally {
        await api.request(P.dropStreamProcessor, { name: started.name }).catch(() => undefined);
      }
      return undefined;
    }, file);
  } finally {
    process.off('SIGINT', stop);
    await out.end();
  }
}
