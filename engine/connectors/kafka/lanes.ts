/**
 * Partition choice and per-partition ordering for the Kafka sink (`$emit`). The sink picks each
 * message's partition itself when push()ed, from the partition metadata kafkajs handed its
 * partitioner on an earlier send, so it can keep one request per partition on the wire: a
 * partition's requests go out one after another (its order holds through compression and
 * retries) while different partitions proceed in parallel. Messages of a topic whose metadata
 * is not known yet (the first send) get no partition; such a request is a barrier for its topic:
 * it waits for everything before it on that topic, and everything after it waits for it.
 */
import { Partitioners, type ICustomPartitioner, type Message, type PartitionMetadata } from 'kafkajs';

/** Messages per request, and per partition before keyless messages move to the next one. */
export const SEND_CHUNK = 500;

type Partition = ReturnType<ReturnType<ICustomPartitioner>>;

/**
 * Keyless messages fill one partition for SEND_CHUNK messages, then move to the next (Kafka's
 * own clients do the same), so a request usually carries one record batch; keyed messages and
 * explicit partitions go through kafkajs's default partitioner. kafkajs's default also filters
 * the partition list once per message, which this avoids for keyless messages.
 */
export const stickyPartitioner: ICustomPartitioner = () => {
  const byKey = Partitioners.DefaultPartitioner();
  const state = new Map<string, { at: number; left: number }>();
  return (args) => {
    const m = args.message;
    if ((m.key !== null && m.key !== undefined) || (m.partition !== null && m.partition !== undefined)) return byKey(args);
    let s = state.get(args.topic);
    if (!s) state.set(args.topic, (s = { at: Math.floor(Math.random() * 1024), left: SEND_CHUNK }));
    if (s.left-- <= 0) {
      s.at++;
      s.left = SEND_CHUNK - 1;
    }
    const parts = args.partitionMetadata;
    // Skip partitions without a leader, as the default partitioner does.
    for (let i = 0; i < parts.length; i++) {
      const p = parts[(s.at + i) % parts.length]!;
      if (p.leader >= 0) return p.partitionId;
    }
    return parts[s.at % parts.length]!.partitionId;
  };
};

/** The sink's partitioner, fed with the metadata kafkajs passes the producer's partitioner. */
export class PartitionChooser {
  private readonly metadata = new Map<string, PartitionMetadata[]>();
  private readonly choose = stickyPartitioner();

  /** For the producer: records each topic's metadata; a message's own partition wins. */
  readonly producerPartitioner: ICustomPartitioner = () => {
    const fallback = stickyPartitioner();
    return (args) => {
      if (this.metadata.get(args.topic) !== args.partitionMetadata) this.metadata.set(args.topic, args.partitionMetadata);
      const p = args.message.partition;
      return p !== null && p !== undefined ? p : fallback(args);
    };
  };

  /** The partition for `message`, or undefined while the topic's metadata is not known. */
  partitionOf(topic: string, message: Message): Partition | undefined {
    const partitionMetadata = this.metadata.get(topic);
    if (!partitionMetadata || partitionMetadata.length === 0) return undefined;
    return this.choose({ topic, partitionMetadata, message });
  }
}

const settled = (p: Promise<void>): Promise<void> =>
  p.then(
    () => undefined,
    () => undefined,
  );

/** The tails of the per-partition queues of requests, per topic; idle ones are dropped. */
export class Lanes {
  private readonly topics = new Map<string, { barrier: Promise<void>; parts: Map<number, Promise<void>> }>();

  /**
   * Run `task` after the earlier tasks of its partition (and the topic's last barrier), or, with
   * no partition, after every earlier task of the topic. Resolves or rejects with the task.
   */
  run(topic: string, partition: number | undefined, task: () => Promise<void>): Promise<void> {
    let t = this.topics.get(topic);
    if (!t) this.topics.set(topic, (t = { barrier: Promise.resolve(), parts: new Map() }));
    const lane = t;
    if (partition === undefined) {
      const all = lane.parts.size ? Promise.all([lane.barrier, ...lane.parts.values()]) : lane.barrier;
      const done = all.then(task);
      const tail = settled(done).then(() => {
        if (lane.barrier === tail && lane.parts.size === 0 && this.topics.get(topic) === lane) this.topics.delete(topic);
      });
      lane.barrier = tail;
      lane.parts.clear();
      return done;
    }
    const done = (lane.parts.get(partition) ?? lane.barrier).then(task);
    const tail = settled(done).then(() => {
      if (lane.parts.get(partition) !== tail) return;
      lane.parts.delete(partition);
      if (lane.parts.size === 0 && this.topics.get(topic) === lane) this.topics.delete(topic);
    });
    lane.parts.set(partition, tail);
    return done;
  }

  /** Topics with requests queued or on the wire. */
  get busyTopics(): number {
    return this.topics.size;
  }
}
