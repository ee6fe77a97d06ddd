/** The Https connection type's I/O half for the catalog: test connection (one HEAD request). */
import type { HttpsConnection } from '../../connections/types';
import { resolveEnv } from '../../connections/env';
import type { ConnectionRuntime } from '../../io/connectionRuntime';
import { rootCause } from '../probe';

export const runtime: ConnectionRuntime<HttpsConnection> = {
  async test(conn, { env, timeoutMs }) {
    const url = resolveEnv(conn.url, env);
    const headers = Object.fromEntries(Object.entries(conn.headers ?? {}).map(([k, v]) => [k, resolveEnv(v, env)]));
    try {
      const res = await fetch(url, { method: 'HEAD', headers, signal: AbortSignal.timeout(timeoutMs) });
      // Any HTTP answer proves the endpoint is reachable; the status says the rest.
      return `reachable, HTTP ${res.status}`;
    } catch (e) {
      const reason = (e as { name?: string }).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : rootCause(e);
      throw new Error(`cannot reach ${url.replace(/\/\/[^/@]*@/, '//')}: ${reason}`);
    }
  },
};
