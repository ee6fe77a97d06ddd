/** A single-node KRaft broker (combined broker + controller) on 127.0.0.1. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INFRA, RECIPES } from './paths';
import { spawnJava, stopPid } from './javaProcess';
import { freePort, kafkaIsUp, waitUntil } from './probe';

export interface KafkaInstance {
  pid: number;
  brokers: string;
  port: number;
  controllerPort: number;
  dir: string;
}

/** Any 16 bytes in base64url; fixed so formatting is deterministic. */
const CLUSTER_ID = 'MkU3OEVBNTcwNTJENDM2Qk';

function properties(dir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${path.join(dir, 'data')}`,
    'num.partitions=1',
    'default.replication.factor=1',
    'offsets.topic.replication.factor=1',
    // The default of 50 partitions makes the first group join take seconds.
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'num.network.threads=2',
    'num.io.threads=2',
    'num.recovery.threads.per.data.dir=1',
    'log.flush.interval.messages=9223372036854775807',
    '',
  ].join('\n');
}

function jvmArgs(libs: string, dir: string): string[] {
  return [
    '-Xms128m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true',
    `-Dkafka.logs.dir=${path.join(dir, 'logs')}`,
    `-Dlog4j2.configurationFile=${path.join(RECIPES, 'kafka', 'log4j2.properties')}`,
    '-cp', path.join(libs, '*'),
  ];
}

/**
 * Format a fresh data directory (unless `reuse` names an existing instance, which keeps its
 * data and ports: a broker restart) and start the broker; resolves once kafkajs sees it.
 */
export async function startKafka(libs: string, reuse?: KafkaInstance, timeoutMs = 120_000): Promise<KafkaInstance> {
  const port = reuse?.port ?? (await freePort());
  const controllerPort = reuse?.controllerPort ?? (await freePort());
  const dir = reuse?.dir ?? path.join(INFRA, 'run', `kafka-${port}`);
  const conf = path.join(dir, 'server.properties');
  if (!reuse) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
    fs.writeFileSync(conf, properties(dir, port, controllerPort));
    execFileSync('java', [...jvmArgs(libs, dir), 'kafka.tools.StorageTool', 'format', '-t', CLUSTER_ID, '-c', conf, '--ignore-formatted'], { stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const pid = spawnJava([...jvmArgs(libs, dir), 'kafka.Kafka', conf], path.join(dir, 'broker.log'));
  const brokers = `127.0.0.1:${port}`;
  await waitUntil(`the Kafka broker on ${brokers} (log: ${path.join(dir, 'broker.log')})`, () => kafkaIsUp(brokers), timeoutMs, 300);
  return { pid, brokers, port, controllerPort, dir };
}

export async function stopKafka(k: KafkaInstance, removeData = true): Promise<void> {
  await stopPid(k.pid, INFRA);
  if (removeData) fs.rmSync(k.dir, { recursive: true, force: true });
}
