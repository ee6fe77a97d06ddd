/**
 * The `$https` operator: one request per document, up to HTTPS_WINDOW of them in flight, results
 * passed on in input order. 5xx, 429 and transport failures are retried with the services' backoff
 * (a Retry-After wait is used instead when the server sends one). As Atlas documents (sp-agg-https
 * `onError`), only the statuses 400, 404, 410, 413, 414 and 431 follow `onError` (dlq / ignore /
 * fail); any other non-2xx status, including a 5xx or 429 whose retries ran out, fails the run
 * whatever `onError` says. Replies that do not parse or have another Content-Type, and transport
 * failures whose retries ran out, follow `onError`; a request that cannot be built goes to the DLQ.
 * `drain()` returns only once every request pushed so far has finished and its document has been
 * passed on, so a checkpoint (taken after drain) never covers a request still in flight.
 * Watermarks and the end-of-input flush wait in the queue behind the documents read before them
 * (afterPending), so a window after `$https` closes only once those documents reached it.
 * Secrets resolved from the connection (`${env:NAME}` in url and headers) are replaced by their
 * reference in every text that leaves the operator: DLQ reasons, failures, `_stream_meta.https.url`.
 */
import type { Doc, Value } from '../../core/types';
import type { Meta } from '../../core/meta';
import { EngineError, ExprError, errorMessage } from '../../core/errors';
import type { Emit, Operator } from '../../core/operator';
import { resolveEnv } from '../../connections/env';
import { newEvalCtx } from '../../expr/compile';
import { setPath } from '../../expr/fieldPath';
import { cloneDoc } from '../../json/clone';
import { sleeperOf } from '../../time/sleep';
import type { HttpsConfig, Services, StageRuntime } from '../../io/types';
import { withRetry } from '../retry';
import { HttpClient, HttpStatusError, HttpTransportError, retryAfterMs, type HttpReply, type HttpRequest } from './client';
import { ReplyError, replyValue, requestBody, requestHeaders, requestUrl } from './request';

const OPERATOR = 'HttpsOperator';
/** The statuses `onError` applies to; any other non-2xx status fails the processor (Atlas docs). */
export const ON_ERROR_STATUSES: readonly number[] = [400, 404, 410, 413, 414, 431];
/** Requests in flight per $https stage (Atlas sets no such option; a local choice). */
export const HTTPS_WINDOW = 64;

interface Slot {
  doc: Doc;
  meta: Meta;
  /** Absent when the request could not be built (`invalid` says why). */
  req?: HttpRequest;
  invalid?: string;
  done: boolean;
  reply?: HttpReply;
  error?: unknown;
  /** The status of the last non-2xx reply, when retries ran out on one. */
  lastStatus?: number;
  elapsedMs: number;
  /** Signals (watermarks, ticks, flush) to pass on right after this document (afterPending). */
  after?: (() => void)[];
}

/** Retry what a later attempt may fix: no reply at all, 5xx, 429. */
function retryable(e: unknown): boolean {
  if (e instanceof HttpTransportError) return true;
  return e instanceof HttpStatusError && (e.reply.status >= 500 || e.reply.status === 429);
}

/** Resolve `${env:NAME}` in the connection, remembering each secret so it can be masked. */
function resolver(env: NodeJS.ProcessEnv, connectionName: string) {
  const secrets: [string, string][] = [];
  const resolve = (s: string): string => {
    for (const m of s.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
      const v = env[m[1]!];
      if (v !== undefined && v.length >= 3) secrets.push([v, m[0]]);
    }
    try {
      return resolveEnv(s, env);
    } catch (e) {
      throw new EngineError(`Https connection '${connectionName}': ${errorMessage(e)}`, 'user', 'ASP_CONNECTION_CONFIG', '$https');
    }
  };
  const mask = (s: string): string => {
    let out = s;
    for (const [v, ref] of secrets) out = out.split(v).join(ref);
    return out;
  };
  return { resolve, mask };
}

export function createHttpsOperator(cfg: HttpsConfig, rt: StageRuntime, services: Services, next: Emit): Operator {
  const conn = services.registry.get(cfg.connectionName);
  if (conn?.type !== 'Https') throw new EngineError(`Unknown connectionName '${cfg.connectionName}' in $https`, 'user', 'ASP_UNKNOWN_CONNECTION', '$https');
  const { resolve, mask } = resolver(services.env, cfg.connectionName);
  let base: URL;
  try {
    base = new URL(resolve(conn.url));
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw new EngineError(`Https connection '${cfg.connectionName}': the url is not a valid URL`, 'user', 'ASP_CONNECTION_CONFIG', '$https');
  }
  const connHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(conn.headers ?? {})) connHeaders[k] = resolve(v);

  const client = new HttpClient(HTTPS_WINDOW);
  const ctx = newEvalCtx(rt.slotCount, rt.clock);
  const asParts = cfg.as?.split('.');
  const sleep = sleeperOf(rt.clock);
  let payloadOut: Doc | undefined;
  const payload = cfg.payload?.length && rt.buildChain ? rt.buildChain(cfg.payload, (d) => void (payloadOut = d)) : undefined;

  const queue: Slot[] = [];
  let head = 0;
  let started = 0;
  let inFlight = 0;
  /** Set once the run must fail: onError "fail", an unhandled status, or a later stage threw. */
  let failure: unknown;
  let idle: (() => void) | undefined;
  let requestCount = 0;
  let retryCount = 0;
  let failedCount = 0;
  rt.reportStats?.(() => ({ https: { requestCount, retryCount, failedCount, inFlight } }));

  const dlq = (doc: Doc, meta: Meta, message: string): void =>
    rt.dlq({ operatorName: OPERATOR, reason: mask(`Failed to process input document in $https with error: ${message}`), doc, meta });

  /** onError for a failed request or reply; true when the document is passed on unchanged. */
  const onError = (s: Slot, message: string): boolean => {
    if (cfg.onError === 'ignore') return true;
    if (cfg.onError === 'fail') {
      failure ??= new EngineError(mask(`$https failed (onError: "fail"): ${message}`), 'user', 'ASP_HTTPS_FAILED', '$https');
      return false;
    }
    dlq(s.doc, s.meta, message);
    return false;
  };

  const deliver = (s: Slot): void => {
    let value: Value | undefined;
    // A request that cannot be built goes to the DLQ whatever onError says (as on Atlas).
    if (s.invalid !== undefined) return dlq(s.doc, s.meta, s.invalid);
    if (s.error !== undefined) {
      const e = s.error;
      const msg = e instanceof EngineError && e.code === 'ASP_CONNECTION' ? e.message : errorMessage(e);
      const status = e instanceof HttpStatusError ? e.reply.status : s.lastStatus;
      if (status !== undefined && !ON_ERROR_STATUSES.includes(status)) {
        failure ??= new EngineError(
          mask(`$https failed: HTTP status ${status} fails the processor (onError applies to ${ON_ERROR_STATUSES.join(', ')} only): ${msg}`),
          'user', 'ASP_HTTPS_FAILED', '$https',
        );
        return;
      }
      if (onError(s, `Request failure in $https with error: ${msg}`)) next(s.doc, s.meta);
      return;
    }
    const reply = s.reply!;
    try {
      value = replyValue(reply, cfg.parseJsonStrings);
    } catch (e) {
      const message = e instanceof ReplyError && e.prefix ? `${e.prefix} in $https with error: ${e.message}` : errorMessage(e);
      if (onError(s, message)) next(s.doc, s.meta);
      return;
    }
    const meta: Meta = { ...s.meta, https: { url: mask(s.req!.url.href), method: cfg.method, httpStatusCode: reply.status, responseTimeMs: s.elapsedMs } };
    if (value !== undefined && asParts) setPath(s.doc, asParts, value);
    next(s.doc, meta);
  };

  /** Pass on finished documents at the head of the queue, in input order. */
  const flushHead = (): void => {
    while (head < queue.length && queue[head]!.done) {
      const s = queue[head]!;
      queue[head++] = undefined as unknown as Slot;
      if (failure !== undefined) continue;
      try {
        deliver(s);
        if (s.after && failure === undefined) for (const fn of s.after) fn();
      } catch (e) {
        // A later stage threw while a reply was passed on (after push() returned): fail the run.
        failure = e;
      }
    }
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
      started = 0;
    }
    if (queue.length === 0 && idle) {
      const wake = idle;
      idle = undefined;
      wake();
    }
  };

  const send = async (s: Slot & { req: HttpRequest }): Promise<void> => {
    const t0 = rt.clock.now();
    try {
      const attempt = (): Promise<HttpReply> => {
        requestCount++;
        return client.request(s.req).catch((e: unknown) => {
          s.lastStatus = e instanceof HttpStatusError ? e.reply.status : undefined;
          throw e;
        });
      };
      s.reply = await withRetry(`$https request to ${mask(s.req.url.origin + s.req.url.pathname)}`, attempt, {
        retryable,
        policy: services.retry.policy,
        onRetry: (i) => {
          retryCount++;
          services.retry.onRetry?.({ ...i, error: mask(i.error) });
        },
        now: () => rt.clock.now(),
        sleep,
        retryAfterMs: (e) => (e instanceof HttpStatusError ? retryAfterMs(e.reply.headers, rt.clock.now()) : undefined),
      });
    } catch (e) {
      s.error = e;
      failedCount++;
    }
    s.elapsedMs = rt.clock.now() - t0;
    s.done = true;
    inFlight--;
    pump();
    flushHead();
  };

  const pump = (): void => {
    while (inFlight < HTTPS_WINDOW && started < queue.length) {
      const s = queue[started++]!;
      if (s.done || !s.req) continue;
      inFlight++;
      void send(s as Slot & { req: HttpRequest });
    }
  };

  return {
    push(doc, meta) {
      if (failure !== undefined) throw failure;
      let req: HttpRequest;
      try {
        ctx.current = doc;
        ctx.root = doc;
        ctx.meta = meta;
        const url = requestUrl(cfg, base, ctx);
        const headers = requestHeaders(cfg, connHeaders, ctx);
        let body = doc;
        if (payload) {
          payloadOut = undefined;
          payload.push(cloneDoc(doc), meta);
          if (!payloadOut) throw new ExprError('the payload pipeline produced no document');
          body = payloadOut;
        }
        req = { url, method: cfg.method, headers, body: requestBody(cfg.method, body, headers), connectTimeoutMs: cfg.connectionTimeoutMs, requestTimeoutMs: cfg.requestTimeoutMs };
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        // Queued like a finished request, so DLQ records keep input order too.
        queue.push({ doc, meta, invalid: errorMessage(e), done: true, elapsedMs: 0 });
        flushHead();
        return;
      }
      queue.push({ doc, meta, req, done: false, elapsedMs: 0 });
      pump();
    },
    afterPending(fn) {
      if (head === queue.length) fn();
      else (queue[queue.length - 1]!.after ??= []).push(fn);
    },
    async drain() {
      if (queue.length > 0) await new Promise<void>((r) => (idle = r));
      if (failure !== undefined) throw failure;
    },
    async close() {
      client.close();
    },
  };
}
