/** Source stats enriched with what only the runtime knows: the offsets of the last checkpoint. */
import type { Value } from '../core/types';
import { isPlainObject } from '../bson/types';

/**
 * Fill `kafkaPartitions[].checkpointOffset` from a checkpointed Kafka position
 * (`{ partitions: [{ tp: "topic:3", offset }] }`); null for partitions it does not hold yet.
 */
export function withCheckpointOffsets(stats: Record<string, Value>, position: Value): Record<string, Value> {
  const parts = stats['kafkaPartitions'];
  if (!Array.isArray(parts)) return stats;
  const at = new Map<string, number>();
  if (isPlainObject(position) && Array.isArray(position['partitions'])) {
    for (const p of position['partitions']) {
      if (isPlainObject(p) && typeof p['tp'] === 'string') at.set(p['tp'], Number(p['offset']));
    }
  }
  return {
    ...stats,
    kafkaPartitions: parts.map((p) => {
      if (!isPlainObject(p)) return p;
      const off = at.get(`${String(p['topic'])}:${String(p['partition'])}`);
      return { ...p, checkpointOffset: off === undefined ? null : off };
    }),
  };
}
