/**
 * Apicurio Registry 3 with in-memory (H2) storage on 127.0.0.1, serving the Confluent Schema
 * Registry API (`ccompat`) behind HTTP basic auth. The user is fixed, the password is made
 * fresh for each start and handed to the JVM through its environment (not its command line).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INFRA } from './paths';
import { findJava } from './javaHome';
import { spawnJava, stopPid } from './javaProcess';
import { freePort, schemaRegistryIsUp, waitUntil } from './probe';

export interface SchemaRegistryInstance {
  pid: number;
  /** Base URL of the Confluent-compatible API: `${url}/schemas/ids/1`, `${url}/subjects`. */
  url: string;
  username: string;
  password: string;
  port: number;
  dir: string;
}

const USER = 'asptest';
/** Quarkus fast-jar distributions are compiled for this Java release. */
const JAVA_MIN = 21;

function jvmArgs(dir: string, port: number, mgmtPort: number): string[] {
  return [
    '-Xms64m', '-Xmx384m', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true',
    `-Djava.io.tmpdir=${path.join(dir, 'tmp')}`,
    '-Dquarkus.http.host=127.0.0.1', `-Dquarkus.http.port=${port}`,
    '-Dquarkus.management.host=127.0.0.1', `-Dquarkus.management.port=${mgmtPort}`,
    '-Dquarkus.http.access-log.enabled=false',
    // In-memory storage: a fresh, empty registry for every start.
    '-Dapicurio.storage.kind=sql', '-Dapicurio.storage.sql.kind=h2',
    `-Dapicurio.datasource.url=jdbc:h2:mem:registry-${port}`,
    '-Dapicurio.datasource.jdbc.initial-size=2', '-Dapicurio.datasource.jdbc.min-size=2', '-Dapicurio.datasource.jdbc.max-size=10',
    // Basic auth against Quarkus's embedded user list; the password comes from the environment.
    '-Dquarkus.http.auth.basic=true',
    '-Dquarkus.security.users.embedded.enabled=true',
    '-Dquarkus.security.users.embedded.plain-text=true',
    `-Dquarkus.security.users.embedded.roles.${USER}=sr-admin`,
  ];
}

/** Start the registry (Java 21+) from an unpacked distribution; resolves once its API answers. */
export async function startSchemaRegistry(appDir: string, timeoutMs = 180_000): Promise<SchemaRegistryInstance> {
  const java = findJava(JAVA_MIN);
  const port = await freePort();
  const mgmtPort = await freePort();
  const dir = path.join(INFRA, 'run', `schema-registry-${port}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const password = randomBytes(18).toString('base64url');
  const log = path.join(dir, 'registry.log');
  const pid = spawnJava([...jvmArgs(dir, port, mgmtPort), '-jar', path.join(appDir, 'quarkus-run.jar')], log, {
    java,
    env: { [`QUARKUS_SECURITY_USERS_EMBEDDED_USERS_${USER.toUpperCase()}`]: password },
  });
  const url = `http://127.0.0.1:${port}/apis/ccompat/v7`;
  const auth = { username: USER, password };
  await waitUntil(`Apicurio Registry on 127.0.0.1:${port} (log: ${log})`, () => schemaRegistryIsUp(url, auth), timeoutMs, 300);
  return { pid, url, username: USER, password, port, dir };
}

export async function stopSchemaRegistry(r: SchemaRegistryInstance): Promise<void> {
  await stopPid(r.pid, INFRA);
  fs.rmSync(r.dir, { recursive: true, force: true });
}
