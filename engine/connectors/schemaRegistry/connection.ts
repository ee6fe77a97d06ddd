/**
 * The credentials a SchemaRegistry connection resolves to: its base URLs and basic-auth user,
 * with `${env:NAME}` references resolved. The entry's shape and checks are in kind.ts (the
 * connection catalog); the client (client.ts) calls this when it is built.
 */
import type { SchemaRegistryConnection } from '../../connections/types';
import { resolveEnv } from '../../connections/env';
import { EngineError, errorMessage } from '../../core/errors';

export type { SchemaRegistryConnection };

export interface BasicCredentials {
  username: string;
  password: string;
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
  const a = c.schemaRegistryAuthentication;
  if (!a) return { urls };
  if (a.type === 'USER_INFO') return { urls, credentials: { username: field('schemaRegistryAuthentication.username', a.username), password: field('schemaRegistryAuthentication.password', a.password) } };
  if (!inherited?.username || inherited.password === undefined) {
    throw new EngineError(`SchemaRegistry connection '${c.name}': authentication SASL_INHERIT needs a Kafka connection with a SASL username and password`, 'user', 'ASP_CONNECTION_CONFIG');
  }
  return { urls, credentials: { username: field('the Kafka SASL username', inherited.username), password: field('the Kafka SASL password', inherited.password) } };
}
