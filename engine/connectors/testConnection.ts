/**
 * "Test connection" for any entry, through its kind: an Atlas-only type or an entry the local
 * engine cannot reach says why; a built-in answers with its kind's message; the rest load
 * their kind's I/O half (runtime.ts) and make one short round trip with a client of their
 * own. Failures come back as a message, never as a thrown error or a stack.
 */
import type { Connection, ConnectionRegistry } from '../connections/types';
import { errorMessage } from '../core/errors';
import type { ConnectionTestResult } from '../io/connectionRuntime';
import { kindOf, unreachableReason } from './catalog/index';
import { withTimeout } from './probe';

export type { ConnectionTestResult };

export interface ConnectionTestOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  registry?: ConnectionRegistry;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export async function testConnection(conn: Connection, opts: Partial<ConnectionTestOptions> = {}): Promise<ConnectionTestResult> {
  const timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_TIMEOUT_MS;
  const env = opts.env ?? process.env;
  const started = Date.now();
  const done = (ok: boolean, message: string): ConnectionTestResult => ({ ok, message, latencyMs: Date.now() - started });
  try {
    const kind = kindOf(conn.type);
    const why = unreachableReason(conn);
    if (!kind || why) return done(false, why ?? `unknown connection type ${conn.type}`);
    if (!kind.load) return done(true, kind.testMessage ?? `${conn.type} connections are built in`);
    const { runtime } = await kind.load();
    return done(true, await withTimeout(runtime.test(conn, { timeoutMs, env, registry: opts.registry }), timeoutMs, conn.type));
  } catch (e) {
    return done(false, errorMessage(e));
  }
}
