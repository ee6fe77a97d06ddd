/**
 * The per-message work of the raw-client baselines, written to match what the engine does for
 * `$source` -> `$match` -> `$emit`: parse the value, keep it when `obs.watts >= 0`, add the
 * `_stream_meta.source` the engine adds (type, topic, partition, offset, headers), serialise.
 * The Java loop (KafkaClientLoop.java) does the same with Jackson.
 */
export interface LoopOptions {
  brokers: string;
  input: string;
  output: string;
  groupId: string;
  /** Messages per producer request. */
  chunk: number;
  /** Partitions whose batches are processed at the same time (kafkajs partitionsConsumedConcurrently). */
  concurrency: number;
  maxBytesPerPartition: number;
  acks: number;
  /** 0: each batch awaits its sends; N: batches go on while up to N messages await acknowledgement. */
  inFlight: number;
}

export function transform(value: Buffer, topic: string, partition: number, offset: string): Buffer | undefined {
  const d = JSON.parse(value.toString()) as { obs?: { watts?: unknown }; _stream_meta?: unknown };
  const w = d.obs?.watts;
  if (!(typeof w === 'number' && w >= 0)) return undefined;
  d._stream_meta = { source: { type: 'kafka', topic, partition, offset: Number(offset), headers: [] } };
  return Buffer.from(JSON.stringify(d));
}
