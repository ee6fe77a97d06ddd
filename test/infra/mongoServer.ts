/** mongo-java-server (oplog on, patched change events) on 127.0.0.1. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INFRA } from './paths';
import { spawnJava, stopPid } from './javaProcess';
import { freePort, mongoIsUp, waitUntil } from './probe';

export interface MongoInstance {
  pid: number;
  uri: string;
  port: number;
}

export async function startMongo(libs: string, classes: string, timeoutMs = 60_000): Promise<MongoInstance> {
  const port = await freePort();
  const dir = path.join(INFRA, 'run');
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(dir, `mongo-${port}.log`);
  // mongo-java-server keeps its oplog in memory and never trims it: every write of a test run
  // stays there (about 4 KB of heap each, measured), and at 256 MB a few kill -9 runs filled it.
  const pid = spawnJava(
    ['-Xmx1g', '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn', '-cp', `${path.join(libs, '*')}${path.delimiter}${classes}`, 'MongoTestServer', String(port)],
    log,
  );
  // Never add replicaSet=: the server reports no setName.
  const uri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  await waitUntil(`mongo-java-server on 127.0.0.1:${port} (log: ${log})`, () => mongoIsUp(uri), timeoutMs, 200);
  return { pid, uri, port };
}

export async function stopMongo(m: MongoInstance): Promise<void> {
  await stopPid(m.pid, INFRA);
  fs.rmSync(path.join(INFRA, 'run', `mongo-${m.port}.log`), { force: true });
}
