/**
 * The Kafka connection type's I/O half for the catalog: test connection (an admin client of its
 * own that lists topics, with kafkajs's minutes of retries cut down to the test's timeout).
 */
import { Kafka } from 'kafkajs';
import type { KafkaConnection } from '../../connections/types';
import type { ConnectionRuntime } from '../../io/connectionRuntime';
import { rootCause } from '../probe';
import { kafkaClientConfig } from './config';

export const runtime: ConnectionRuntime<KafkaConnection> = {
  async test(conn, { env, timeoutMs }) {
    const cfg = kafkaClientConfig(conn, env, `asp-studio-test-${conn.name}`);
    const kafka = new Kafka({ ...cfg, connectionTimeout: timeoutMs, authenticationTimeout: timeoutMs, requestTimeout: Math.min(cfg.requestTimeout ?? timeoutMs, timeoutMs), retry: { retries: 0 } });
    const admin = kafka.admin();
    try {
      try {
        await admin.connect();
      } catch (e) {
        throw new Error(`cannot connect to Kafka at ${cfg.brokers as string[]}: ${rootCause(e)}`);
      }
      let topics: string[];
      try {
        topics = await admin.listTopics();
      } catch (e) {
        throw new Error(`connected to Kafka, but listing topics failed: ${rootCause(e)}`);
      }
      const visible = topics.filter((t) => !t.startsWith('__'));
      return `connected to Kafka, ${visible.length} topic${visible.length === 1 ? '' : 's'}`;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  },
};
