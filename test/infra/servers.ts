/**
 * One Kafka broker, one mongo-java-server and one schema registry per test run, shared by every
 * integration test file and by `npm run infra:up`. Their addresses and PIDs live in
 * .infra/servers.json (git-ignored; it also holds the registry's per-run test password).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fetchJars } from './fetch';
import { startKafka, stopKafka, type KafkaInstance } from './kafkaServer';
import { startMongo, stopMongo, type MongoInstance } from './mongoServer';
import { startSchemaRegistry, stopSchemaRegistry, type SchemaRegistryInstance } from './schemaRegistryServer';
import { INFRA, SERVERS_JSON } from './paths';
import { kafkaIsUp, mongoIsUp, pidAlive, schemaRegistryIsUp, waitUntil } from './probe';

/** A Confluent-compatible schema registry: base URL and its basic-auth user. */
export interface TestSchemaRegistry {
  url: string;
  username: string;
  password: string;
}

export interface TestServers {
  kafkaBrokers: string;
  mongoUri: string;
  schemaRegistry: TestSchemaRegistry;
}

interface ServersFile {
  kafka: { brokers: string };
  mongo: { uri: string };
  schemaRegistry?: TestSchemaRegistry;
  pids: number[];
  /** Internal: enough to stop (and restart) what we started. */
  instances?: { kafka?: KafkaInstance; mongo?: MongoInstance; schemaRegistry?: SchemaRegistryInstance };
}

function readServersFile(): ServersFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(SERVERS_JSON, 'utf8')) as ServersFile;
  } catch {
    return undefined;
  }
}

async function allUp(s: TestServers): Promise<boolean> {
  const r = s.schemaRegistry;
  const [k, m, sr] = await Promise.all([kafkaIsUp(s.kafkaBrokers), mongoIsUp(s.mongoUri), schemaRegistryIsUp(r.url, r.username ? r : undefined)]);
  return k && m && sr;
}

function recorded(f: ServersFile): TestServers | undefined {
  return f.schemaRegistry ? { kafkaBrokers: f.kafka.brokers, mongoUri: f.mongo.uri, schemaRegistry: f.schemaRegistry } : undefined;
}

/**
 * The recorded servers answer, or (while their processes live) come to answer. A probe has 1-2 s:
 * on a loaded machine a live server can miss that, and replacing it would kill the servers
 * other test processes and their instances are using mid-run. Only dead servers are replaced.
 */
async function recordedUp(f: ServersFile): Promise<TestServers | undefined> {
  const s = recorded(f);
  if (!s) return undefined;
  for (let probe = 0; ; probe++) {
    if (await allUp(s)) return s;
    if (!(f.pids?.length && f.pids.every(pidAlive))) return undefined;
    if (probe === 0) process.stderr.write(`test servers ${s.kafkaBrokers} / ${s.mongoUri} / ${s.schemaRegistry.url} (pids ${f.pids.join(', ')}) are alive but slow to answer; waiting for them\n`);
  }
}

/**
 * A cross-process lock (mkdir is atomic), so test files starting at once start one pair of
 * servers. A lock whose owner died is taken over.
 */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(INFRA, 'servers.lock');
  fs.mkdirSync(INFRA, { recursive: true });
  await waitUntil('the test-server lock', async () => {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return true;
    } catch {
      const owner = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner && !pidAlive(owner)) fs.rmSync(lock, { recursive: true, force: true });
      return false;
    }
  }, 300_000, 200);
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Start all three servers on free loopback ports and record them in .infra/servers.json. */
export async function startServers(): Promise<TestServers> {
  return withLock(async () => {
    const existing = readServersFile();
    const live = existing && (await recordedUp(existing));
    if (live) return live;
    if (existing) await stopRecorded(existing);
    const jars = fetchJars();
    const started = await Promise.allSettled([startKafka(jars.kafkaLibs), startMongo(jars.mongoLibs, jars.mongoClasses), startSchemaRegistry(jars.registryApp)] as const);
    const [k, m, r] = started;
    if (k.status === 'rejected' || m.status === 'rejected' || r.status === 'rejected') {
      // Stop whatever did start, so a failed start leaves no server behind.
      await stopRecorded({ kafka: { brokers: '' }, mongo: { uri: '' }, pids: [], instances: {
        kafka: k.status === 'fulfilled' ? k.value : undefined,
        mongo: m.status === 'fulfilled' ? m.value : undefined,
        schemaRegistry: r.status === 'fulfilled' ? r.value : undefined,
      } });
      throw [k, m, r].map((x) => (x.status === 'rejected' ? x.reason : undefined)).find((e) => e !== undefined);
    }
    const kafka = k.value;
    const mongo = m.value;
    const registry = r.value;
    const schemaRegistry: TestSchemaRegistry = { url: registry.url, username: registry.username, password: registry.password };
    const file: ServersFile = {
      kafka: { brokers: kafka.brokers }, mongo: { uri: mongo.uri }, schemaRegistry,
      pids: [kafka.pid, mongo.pid, registry.pid], instances: { kafka, mongo, schemaRegistry: registry },
    };
    fs.writeFileSync(SERVERS_JSON, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
    return { kafkaBrokers: kafka.brokers, mongoUri: mongo.uri, schemaRegistry };
  });
}

async function stopRecorded(f: ServersFile): Promise<void> {
  await Promise.all([
    f.instances?.kafka ? stopKafka(f.instances.kafka) : Promise.resolve(),
    f.instances?.mongo ? stopMongo(f.instances.mongo) : Promise.resolve(),
    f.instances?.schemaRegistry ? stopSchemaRegistry(f.instances.schemaRegistry) : Promise.resolve(),
  ]);
  fs.rmSync(SERVERS_JSON, { force: true });
}

/** Stop the servers recorded in .infra/servers.json (only processes this tooling started). */
export async function stopServers(): Promise<void> {
  await withLock(async () => {
    const f = readServersFile();
    if (f) await stopRecorded(f);
  });
}

/**
 * Servers for a test: those named by ASP_TEST_KAFKA_BROKERS / ASP_TEST_MONGO_URI /
 * ASP_TEST_SCHEMA_REGISTRY_URL (+ _USER, _PASSWORD), all three set, else the ones in
 * .infra/servers.json when they answer, else new ones (left running for the next test file;
 * `npm run infra:down` or the test runner stops them).
 */
export async function ensureServers(): Promise<TestServers> {
  const e = process.env;
  const envK = e['ASP_TEST_KAFKA_BROKERS'];
  const envM = e['ASP_TEST_MONGO_URI'];
  const envR = e['ASP_TEST_SCHEMA_REGISTRY_URL'];
  if (envK && envM && envR) {
    const s = { kafkaBrokers: envK, mongoUri: envM, schemaRegistry: { url: envR, username: e['ASP_TEST_SCHEMA_REGISTRY_USER'] ?? '', password: e['ASP_TEST_SCHEMA_REGISTRY_PASSWORD'] ?? '' } };
    if (await allUp(s)) return s;
  }
  const f = readServersFile();
  const live = f && (await recordedUp(f));
  if (live) return live;
  return startServers();
}
