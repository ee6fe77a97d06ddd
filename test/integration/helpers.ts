/** Shared setup for integration tests: real servers, a registry naming them, services, topics. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { ensureServers, type TestServers } from '../infra/servers';
import { loadConnectionRegistryText } from '../../engine/connectors/catalog/registry';
import type { ConnectionRegistry } from '../../engine/connections/types';
import { createServices } from '../../engine/connectors/services';
import { type Services } from '../../engine/io/types';

export interface IntegrationEnv {
  servers: TestServers;
  registry: ConnectionRegistry;
  services: Services;
  stateDir: string;
  kafka: Kafka;
  admin: Admin;
  mongo: MongoClient;
  close(): Promise<void>;
}

let seq = 0;
/** A name unique to this process and call, so test files never share topics or collections. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq++}`;
}

export function registryFor(s: TestServers): ConnectionRegistry {
  const text = JSON.stringify({
    connections: [
      { name: 'kafka1', type: 'Kafka', bootstrapServers: s.kafkaBrokers },
      { name: 'cluster1', type: 'Cluster', uri: s.mongoUri },
    ],
  });
  const { registry, diagnostics } = loadConnectionRegistryText(text);
  if (diagnostics.some((d) => d.severity === 'error')) throw new Error(JSON.stringify(diagnostics));
  return registry;
}

export async function setup(): Promise<IntegrationEnv> {
  const servers = await ensureServers();
  const registry = registryFor(servers);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-it-'));
  const services = createServices(registry, { stateDir, retryPolicy: { initialDelayMs: 100, maxDelayMs: 1000, maxElapsedMs: 60_000 } });
  const kafka = new Kafka({ clientId: 'asp-it', brokers: [servers.kafkaBrokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const mongo = new MongoClient(servers.mongoUri);
  await mongo.connect();
  return {
    servers, registry, services, stateDir, kafka, admin, mongo,
    async close() {
      await services.close();
      await admin.disconnect();
      await mongo.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export async function createTopic(admin: Admin, topic: string, numPartitions = 1): Promise<void> {
  await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
}

/** Read `count` messages of a topic from the beginning (polling, bounded by timeoutMs). */
export async function consumeAll(kafka: Kafka, topic: string, count: number, timeoutMs = 30_000): Promise<{ key: Buffer | null; value: Buffer | null; headers: Record<string, unknown> }[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('it-reader') });
  const out: { key: Buffer | null; value: Buffer | null; headers: Record<string, unknown> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${out.length}/${count} messages on ${topic} after ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          out.push({ key: message.key, value: message.value, headers: message.headers ?? {} });
          if (out.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}
