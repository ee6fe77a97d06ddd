/**
 * "Test connection": one short, cheap round trip with a client of its own (never the shared
 * one of a run), so the answer reflects the definition as it is now. Failures come back as a
 * message, never as a thrown error or a stack.
 */
import { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { ClusterConnection, Connection, HttpsConnection, KafkaConnection } from '../connections/types';
import { resolveEnv } from '../connections/registry';
import { errorMessage } from '../core/errors';
import { kafkaClientConfig } from './kafka/config';

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  latencyMs: number;
}

export interface ConnectionTestOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export async function testConnection(conn: Connection, opts: Partial<ConnectionTestOptions> = {}): Promise<ConnectionTestResult> {
  const timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_TIMEOUT_MS;
  const env = opts.env ?? process.env;
  const started = Date.now();
  const done = (ok: boolean, message: string): ConnectionTestResult => ({ ok, message, latencyMs: Date.now() - started });
  try {
    switch (conn.type) {
      case 'Kafka':
        return done(true, await withTimeout(testKafka(conn, env, timeoutMs), timeoutMs, 'Kafka'));
      case 'Cluster':
        return done(true, await withTimeout(testCluster(conn, env, timeoutMs), timeoutMs, 'MongoDB'));
      case 'Https':
        return done(true, await testHttps(conn, env, timeoutMs));
      case 'Local':
        return done(true, 'the embedded local store is always available');
      case 'Sample':
        return done(true, 'the sample generator is built in');
      case 'TestLog':
        return done(true, 'the test log sink is built in');
    }
  } catch (e) {
    return done(false, errorMessage(e));
  }
}

/** Rejects after `ms` with a readable message; the loser's cleanup runs in its own finally. */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function testKafka(conn: KafkaConnection, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  const cfg = kafkaClientConfig(conn, env, `asp-studio-test-${conn.name}`);
  // kafkajs retries for minutes by default; a test answers within its timeout instead.
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
}

/** kafkajs and fetch wrap the real failure; the innermost cause is what the user can act on. */
function rootCause(e: unknown): string {
  const x = e as { originalError?: unknown; cause?: unknown };
  const inner = x?.originalError ?? x?.cause;
  return inner ? rootCause(inner) : errorMessage(e);
}

async function testCluster(conn: ClusterConnection, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  if (!conn.uri) throw new Error(`Cluster connection ${conn.name} has no local "uri" to connect to`);
  const uri = resolveEnv(conn.uri, env);
  let client: MongoClient;
  try {
    client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs, socketTimeoutMS: timeoutMs });
  } catch (e) {
    throw new Error(`invalid MongoDB uri: ${errorMessage(e)}`);
  }
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return 'connected to MongoDB (ping ok)';
  } catch (e) {
    throw new Error(`cannot reach MongoDB: ${errorMessage(e)}`);
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function testHttps(conn: HttpsConnection, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  const url = resolveEnv(conn.url, env);
  const headers = Object.fromEntries(Object.entries(conn.headers ?? {}).map(([k, v]) => [k, resolveEnv(v, env)]));
  try {
    const res = await fetch(url, { method: 'HEAD', headers, signal: AbortSignal.timeout(timeoutMs) });
    // Any HTTP answer proves the endpoint is reachable; the status says the rest.
    return `reachable, HTTP ${res.status}`;
  } catch (e) {
    const reason = (e as { name?: string }).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : rootCause(e);
    throw new Error(`cannot reach ${url}: ${reason}`);
  }
}
