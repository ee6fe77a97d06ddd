/**
 * One Kafka broker and one mongo-java-server per test run, shared by every integration test
 * file and by `npm run infra:up`. Their addresses and PIDs live in .infra/servers.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fetchJars } from './fetch';
import { startKafka, stopKafka, type KafkaInstance } from './kafkaServer';
import { startMongo, stopMongo, type MongoInstance } from './mongoServer';
import { INFRA, SERVERS_JSON } from './paths';
import { kafkaIsUp, mongoIsUp, pidAlive, waitUntil } from './probe';

export interface TestServers {
  kafkaBrokers: string;
  mongoUri: string;
}

interface ServersFile {
  kafka: { brokers: string };
  mongo: { uri: string };
  pids: number[];
  /** Internal: enough to stop (and restart) what we started. */
  instances?: { kafka?: KafkaInstance; mongo?: MongoInstance };
}

function readServersFile(): ServersFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(SERVERS_JSON, 'utf8')) as ServersFile;
  } catch {
    return undefined;
  }
}

async function bothUp(s: TestServers): Promise<boolean> {
  const [k, m] = await Promise.all([kafkaIsUp(s.kafkaBrokers), mongoIsUp(s.mongoUri)]);
  return k && m;
}

/**
 * The recorded servers answer, or (while their processes live) come to answer. A probe has 1-2 s:
 * on a loaded machine a live server can miss that, and replacing it would kill the servers
 * other test processes and their instances are using mid-run. Only dead servers are replaced.
 */
async function recordedUp(f: ServersFile): Promise<boolean> {
  const s = { kafkaBrokers: f.kafka.brokers, mongoUri: f.mongo.uri };
  for (let probe = 0; ; probe++) {
    if (await bothUp(s)) return true;
    if (!(f.pids?.length && f.pids.every(pidAlive))) return false;
    if (probe === 0) process.stderr.write(`test servers ${s.kafkaBrokers} / ${s.mongoUri} (pids ${f.pids.join(', ')}) are alive but slow to answer; waiting for them\n`);
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

/** Start both servers on free loopback ports and record them in .infra/servers.json. */
export async function startServers(): Promise<TestServers> {
  return withLock(async () => {
    const existing = readServersFile();
    if (existing && (await recordedUp(existing))) {
      return { kafkaBrokers: existing.kafka.brokers, mongoUri: existing.mongo.uri };
    }
    if (existing) await stopRecorded(existing);
    const jars = fetchJars();
    const [kafka, mongo] = await Promise.all([startKafka(jars.kafkaLibs), startMongo(jars.mongoLibs, jars.mongoClasses)]);
    const file: ServersFile = { kafka: { brokers: kafka.brokers }, mongo: { uri: mongo.uri }, pids: [kafka.pid, mongo.pid], instances: { kafka, mongo } };
    fs.writeFileSync(SERVERS_JSON, JSON.stringify(file, null, 2) + '\n');
    return { kafkaBrokers: kafka.brokers, mongoUri: mongo.uri };
  });
}

async function stopRecorded(f: ServersFile): Promise<void> {
  await Promise.all([
    f.instances?.kafka ? stopKafka(f.instances.kafka) : Promise.resolve(),
    f.instances?.mongo ? stopMongo(f.instances.mongo) : Promise.resolve(),
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
 * Servers for a test: those named by ASP_TEST_KAFKA_BROKERS / ASP_TEST_MONGO_URI, else the
 * ones in .infra/servers.json when they answer, else new ones (left running for the next
 * test file; `npm run infra:down` or the test runner stops them).
 */
export async function ensureServers(): Promise<TestServers> {
  const envK = process.env['ASP_TEST_KAFKA_BROKERS'];
  const envM = process.env['ASP_TEST_MONGO_URI'];
  if (envK && envM && (await bothUp({ kafkaBrokers: envK, mongoUri: envM }))) return { kafkaBrokers: envK, mongoUri: envM };
  const f = readServersFile();
  if (f && (await recordedUp(f))) return { kafkaBrokers: f.kafka.brokers, mongoUri: f.mongo.uri };
  return startServers();
}
