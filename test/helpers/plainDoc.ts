/** `plainDoc(d)`: an output document without the engine's `_ts` and `_stream_meta`, as relaxed JSON, for comparing with expected documents. */
import type { Doc } from '../../engine/core/types';
import { toRelaxedJSON } from '../../engine/json/ejson';

export function plainDoc(d: Doc): unknown {
  const { _ts, _stream_meta, ...rest } = d;
  void _ts;
  void _stream_meta;
  return JSON.parse(toRelaxedJSON(rest));
}
