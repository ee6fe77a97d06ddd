/**
 * The SchemaRegistry connection type's I/O half for the catalog: test connection, one
 * `GET /subjects` against each URL in turn with the entry's credentials. SASL_INHERIT takes its
 * credentials from the stage's Kafka connection, so here it is tested without any.
 */
import type { SchemaRegistryConnection } from '../../connections/types';
import type { ConnectionRuntime } from '../../io/connectionRuntime';
import { rootCause } from '../probe';
import { resolveSchemaRegistryConnection, safeUrl } from './connection';

export const runtime: ConnectionRuntime<SchemaRegistryConnection> = {
  async test(conn, { env, timeoutMs }) {
    const inherit = conn.schemaRegistryAuthentication?.type === 'SASL_INHERIT';
    const { urls, credentials } = resolveSchemaRegistryConnection(inherit ? { ...conn, schemaRegistryAuthentication: undefined } : conn, env);
    const headers: Record<string, string> = { accept: 'application/vnd.schemaregistry.v1+json, application/json' };
    if (credentials) headers['authorization'] = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    const failures: string[] = [];
    for (const base of urls) {
      try {
        const res = await fetch(`${base}/subjects`, { headers, signal: AbortSignal.timeout(timeoutMs) });
        if (res.status === 401 || res.status === 403) throw new Error(`${safeUrl(base)} refused the credentials (HTTP ${res.status})`);
        const body: unknown = res.ok ? await res.json().catch(() => undefined) : undefined;
        if (!res.ok) throw new Error(`${safeUrl(base)} answered HTTP ${res.status}`);
        const n = Array.isArray(body) ? body.length : 0;
        const note = inherit ? ' (SASL_INHERIT: tested without credentials; a stage uses its Kafka connection\'s)' : '';
        return `connected to the schema registry at ${safeUrl(base)}, ${n} subject${n === 1 ? '' : 's'}${note}`;
      } catch (e) {
        const reason = (e as { name?: string }).name === 'TimeoutError' ? `${safeUrl(base)}: no answer within ${timeoutMs} ms` : e instanceof Error && e.message.startsWith(safeUrl(base)) ? e.message : `${safeUrl(base)}: ${rootCause(e)}`;
        failures.push(reason);
      }
    }
    throw new Error(`cannot reach the schema registry: ${failures.join('; ')}`);
  },
};
