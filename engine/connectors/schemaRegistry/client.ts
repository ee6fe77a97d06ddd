/**
 * An HTTP client for the Confluent Schema Registry API: GET /schemas/ids/{id},
 * POST /subjects/{subject}/versions (register), POST /subjects/{subject} (look a schema up),
 * GET /subjects/{subject}/versions/latest. Schemas are cached by id, ids by subject and schema
 * text, for the life of the client (ids are immutable in a registry). Several URLs fail over
 * in order; 5xx and network failures are retried with the engine's backoff; 401/403 fail at
 * once. Credentials go only into the Authorization header, never into a message.
 */
import { errorMessage } from '../../core/errors';
import type { RetryListener, RetryPolicy } from '../../io/types';
import { withRetry } from '../retry';
import { resolveSchemaRegistryConnection, safeUrl, type BasicCredentials, type SchemaRegistryConnection } from './connection';
import { SchemaRegistryError, SchemaRegistryRejection } from './errors';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export interface RegisteredSchema {
  id: number;
  /** The schema text as the registry stores it. */
  schema: string;
  /** AVRO when the registry leaves it out (Confluent's default). */
  schemaType: string;
}

export interface SubjectVersion extends RegisteredSchema {
  subject: string;
  version: number;
}

export interface SchemaRegistryClientOptions {
  /** Connection name, for messages. */
  name: string;
  urls: string[];
  credentials?: BasicCredentials;
  retry?: { policy?: Partial<RetryPolicy>; onRetry?: RetryListener };
  requestTimeoutMs?: number;
  signal?: AbortSignal;
}

/** A promise cache that forgets failures, so a later call asks again. */
function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    p = load();
    map.set(key, p);
    p.catch(() => map.delete(key));
  }
  return p;
}

export class SchemaRegistryClient {
  private readonly byId = new Map<string, Promise<RegisteredSchema>>();
  private readonly registered = new Map<string, Promise<number>>();
  private readonly looked = new Map<string, Promise<number>>();
  private readonly latestBySubject = new Map<string, Promise<SubjectVersion>>();
  private readonly auth: string | undefined;

  constructor(private readonly opts: SchemaRegistryClientOptions) {
    if (opts.urls.length === 0) throw new SchemaRegistryError(`schema registry '${opts.name}' has no URL`, 'user');
    const c = opts.credentials;
    this.auth = c ? `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` : undefined;
  }

  get name(): string {
    return this.opts.name;
  }

  schemaById(id: number): Promise<RegisteredSchema> {
    return cached(this.byId, String(id), async () => {
      const r = (await this.request('GET', `/schemas/ids/${id}`)) as { schema?: unknown; schemaType?: unknown };
      if (typeof r.schema !== 'string') throw this.badReply(`/schemas/ids/${id}`);
      return { id, schema: r.schema, schemaType: typeof r.schemaType === 'string' ? r.schemaType : 'AVRO' };
    });
  }

  /** Register `schema` under `subject` (or find it there); resolves to its global id. */
  register(subject: string, schema: string): Promise<number> {
    return cached(this.registered, `${subject}\u0000${schema}`, async () => {
      const r = (await this.request('POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema, schemaType: 'AVRO' })) as { id?: unknown };
      if (typeof r.id !== 'number') throw this.badReply(`/subjects/${subject}/versions`);
      this.byId.set(String(r.id), Promise.resolve({ id: r.id, schema, schemaType: 'AVRO' }));
      return r.id;
    });
  }

  /** The id of `schema` as already registered under `subject` (no registration). */
  lookup(subject: string, schema: string): Promise<number> {
    return cached(this.looked, `${subject}\u0000${schema}`, async () => {
      const r = (await this.request('POST', `/subjects/${encodeURIComponent(subject)}`, { schema, schemaType: 'AVRO' })) as { id?: unknown };
      if (typeof r.id !== 'number') throw this.badReply(`/subjects/${subject}`);
      return r.id;
    });
  }

  /** The subject's latest version, fetched once per client. */
  latest(subject: string): Promise<SubjectVersion> {
    return cached(this.latestBySubject, subject, async () => {
      const path = `/subjects/${encodeURIComponent(subject)}/versions/latest`;
      const r = (await this.request('GET', path)) as { id?: unknown; version?: unknown; schema?: unknown; schemaType?: unknown };
      if (typeof r.id !== 'number' || typeof r.schema !== 'string') throw this.badReply(path);
      const v: SubjectVersion = { subject, id: r.id, version: typeof r.version === 'number' ? r.version : 0, schema: r.schema, schemaType: typeof r.schemaType === 'string' ? r.schemaType : 'AVRO' };
      this.byId.set(String(v.id), Promise.resolve(v));
      return v;
    });
  }

  private badReply(path: string): SchemaRegistryError {
    return new SchemaRegistryError(`schema registry '${this.opts.name}' sent an unexpected reply to ${path}`, 'external');
  }

  private request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const retryable = (e: unknown): boolean => e instanceof SchemaRegistryError && e.domain === 'external';
    return withRetry(`schema registry '${this.opts.name}' ${method} ${path}`, () => this.tryUrls(method, path, body), {
      retryable,
      policy: this.opts.retry?.policy,
      onRetry: this.opts.retry?.onRetry,
      signal: this.opts.signal,
    });
  }

  /** One attempt: each URL in turn until one answers. */
  private async tryUrls(method: 'GET' | 'POST', path: string, body: unknown): Promise<unknown> {
    let last: unknown;
    for (const base of this.opts.urls) {
      try {
        return await this.once(base, method, path, body);
      } catch (e) {
        if (!(e instanceof SchemaRegistryError) || e.domain !== 'external' || e.status !== undefined) throw e;
        last = e; // unreachable: try the next URL
      }
    }
    throw last;
  }

  private async once(base: string, method: 'GET' | 'POST', path: string, body: unknown): Promise<unknown> {
    const where = `schema registry '${this.opts.name}' (${safeUrl(base)})`;
    const headers: Record<string, string> = { accept: `${CONTENT_TYPE}, application/json` };
    if (this.auth) headers['authorization'] = this.auth;
    if (body !== undefined) headers['content-type'] = CONTENT_TYPE;
    const timeout = AbortSignal.timeout(this.opts.requestTimeoutMs ?? 10_000);
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: this.opts.signal ? AbortSignal.any([timeout, this.opts.signal]) : timeout,
      });
    } catch (e) {
      const cause = (e as { cause?: unknown }).cause;
      throw new SchemaRegistryError(`${where} is unreachable: ${errorMessage(cause ?? e)}`, 'external');
    }
    const text = await res.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (res.ok) {
      if (json === undefined) throw new SchemaRegistryError(`${where} sent a reply that is not JSON (HTTP ${res.status})`, 'external', res.status);
      return json;
    }
    const err = (json ?? {}) as { message?: unknown; error_code?: unknown };
    const detail = typeof err.message === 'string' ? `: ${err.message}` : '';
    if (res.status === 401 || res.status === 403) {
      throw new SchemaRegistryError(`${where} refused the connection's credentials (HTTP ${res.status})`, 'user', res.status);
    }
    if (res.status >= 500 || res.status === 429) throw new SchemaRegistryError(`${where} failed with HTTP ${res.status}${detail}`, 'external', res.status);
    throw new SchemaRegistryRejection(`${where} answered HTTP ${res.status}${detail}`, res.status, typeof err.error_code === 'number' ? err.error_code : undefined);
  }
}

/** A client for a SchemaRegistry connection entry (`${env:…}` resolved; SASL_INHERIT takes `inherited`). */
export function schemaRegistryClientFor(
  c: SchemaRegistryConnection,
  opts: { env: NodeJS.ProcessEnv; retry?: SchemaRegistryClientOptions['retry']; inherited?: { username?: string; password?: string }; signal?: AbortSignal },
): SchemaRegistryClient {
  const { urls, credentials } = resolveSchemaRegistryConnection(c, opts.env, opts.inherited);
  return new SchemaRegistryClient({ name: c.name, urls, credentials, retry: opts.retry, signal: opts.signal });
}
