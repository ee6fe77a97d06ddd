/**
 * The `SchemaRegistry` connection as Atlas defines it (asp-spec §9): provider CONFLUENT, one
 * or more `schemaRegistryUrls`, and `authentication` either USER_INFO (username and password,
 * `${env:NAME}` references allowed) or SASL_INHERIT (the Kafka connection's SASL user). Here
 * is its shape, its check, and the credentials it resolves to; the connection registry
 * (asp.connections.json) is expected to hand such entries to the client.
 */
import { resolveEnv } from '../../connections/registry';
import { EngineError, errorMessage } from '../../core/errors';

export interface SchemaRegistryConnection {
  name: string;
  type: 'SchemaRegistry';
  provider?: 'CONFLUENT';
  schemaRegistryUrls: string[];
  authentication?: { type: 'USER_INFO'; username: string; password: string } | { type: 'SASL_INHERIT' };
}

export interface BasicCredentials {
  username: string;
  password: string;
}

/** Problems with a raw connection entry, as sentences naming the field; empty when it is fine. */
export function checkSchemaRegistryConnection(c: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (c['provider'] !== undefined && c['provider'] !== 'CONFLUENT') out.push(`provider must be "CONFLUENT", found ${JSON.stringify(c['provider'])}`);
  const urls = c['schemaRegistryUrls'];
  if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string')) out.push('schemaRegistryUrls must be a non-empty array of URLs');
  else for (const u of urls as string[]) if (!/^https?:\/\/[^\s]+$/i.test(u) && !u.startsWith('${env:')) out.push(`schemaRegistryUrls entry ${JSON.stringify(safeUrl(u))} is not an http(s) URL`);
  const a = c['authentication'];
  if (a !== undefined) {
    const auth = a as Record<string, unknown>;
    if (typeof a !== 'object' || a === null) out.push('authentication must be an object');
    else if (auth['type'] === 'USER_INFO') {
      if (typeof auth['username'] !== 'string' || typeof auth['password'] !== 'string') out.push('authentication of type USER_INFO needs a string username and password');
    } else if (auth['type'] !== 'SASL_INHERIT') out.push('authentication.type must be "USER_INFO" or "SASL_INHERIT"');
  }
  return out;
}

/** A URL without any user:password part, for messages. */
export function safeUrl(u: string): string {
  return u.replace(/^(\w+:\/\/)[^/@]*@/, '$1');
}

/**
 * The base URLs and basic-auth credentials, with `${env:…}` references resolved. SASL_INHERIT
 * takes `inherited` (the Kafka connection's SASL username and password). The error names the
 * connection and the field, never a value.
 */
export function resolveSchemaRegistryConnection(
  c: SchemaRegistryConnection,
  env: NodeJS.ProcessEnv,
  inherited?: { username?: string; password?: string },
): { urls: string[]; credentials?: BasicCredentials } {
  const field = (what: string, s: string): string => {
    try {
      return resolveEnv(s, env);
    } catch (e) {
      throw new EngineError(`SchemaRegistry connection '${c.name}': ${what}: ${errorMessage(e)}`, 'user', 'ASP_CONNECTION_CONFIG');
    }
  };
  const urls = c.schemaRegistryUrls.map((u, i) => field(`schemaRegistryUrls[${i}]`, u).replace(/\/+$/, ''));
  const a = c.authentication;
  if (!a) return { urls };
  if (a.type === 'USER_INFO') return { urls, credentials: { username: field('authentication.username', a.username), password: field('authentication.password', a.password) } };
  if (!inherited?.username || inherited.password === undefined) {
    throw new EngineError(`SchemaRegistry connection '${c.name}': authentication SASL_INHERIT needs a Kafka connection with a SASL username and password`, 'user', 'ASP_CONNECTION_CONFIG');
  }
  return { urls, credentials: { username: field('the Kafka SASL username', inherited.username), password: field('the Kafka SASL password', inherited.password) } };
}
