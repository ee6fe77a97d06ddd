/**
 * Building one `$https` request from a document, and reading its reply: the URL (connection URL,
 * `path` slash-joined, `parameters` as the query string), the headers (connection headers first,
 * then the stage's), the body (the `payload` pipeline's output, or the whole document, as relaxed
 * Extended JSON for POST/PUT/PATCH), and the reply as a value (JSON, text/plain, or nothing).
 * Error texts are Atlas's (HttpsOperator).
 */
import type { Doc, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { isNumber, isPlainObject, toNumber } from '../../bson/types';
import type { EvalCtx } from '../../expr/types';
import { parseEJSON, toRelaxedJSON } from '../../json/ejson';
import type { HttpsConfig } from '../../io/types';
import type { HttpReply } from './client';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Join like Atlas: exactly one slash between the connection URL's path and `path`. */
export function joinPath(base: string, path: string): string {
  if (path === '') return base;
  if (base.endsWith('/') && path.startsWith('/')) return base + path.slice(1);
  if (!base.endsWith('/') && !path.startsWith('/')) return `${base}/${path}`;
  return base + path;
}

/** The request line and headers for `doc` (expressions already bound to it in `ctx`). */
export function requestUrl(cfg: HttpsConfig, base: URL, ctx: EvalCtx): URL {
  const url = new URL(base.href);
  if (cfg.path) {
    let p: Value;
    if ('literal' in cfg.path) p = cfg.path.literal;
    else p = cfg.path.expr(ctx);
    if (typeof p !== 'string') throw new ExprError('Expected $https.path to evaluate to a string.');
    url.pathname = joinPath(url.pathname, p);
  }
  for (const [k, e] of cfg.parameters) {
    const v = e(ctx);
    if (typeof v === 'string') url.searchParams.append(k, v);
    else if (typeof v === 'boolean') url.searchParams.append(k, String(v));
    else if (isNumber(v)) url.searchParams.append(k, String(toNumber(v)));
    else throw new ExprError('Expected $https.parameters values to evaluate as a number, string, or boolean.');
  }
  return url;
}

export function requestHeaders(cfg: HttpsConfig, connectionHeaders: Record<string, string>, ctx: EvalCtx): Record<string, string> {
  const h: Record<string, string> = { ...connectionHeaders };
  for (const [k, e] of cfg.headers) {
    const v = e(ctx);
    if (typeof v !== 'string') throw new ExprError('Expected $https.headers values to evaluate to a string.');
    h[k] = v;
  }
  return h;
}

/** The body for methods that carry one; `payloadDoc` is the payload pipeline's output or the document. */
export function requestBody(method: string, payloadDoc: Doc, headers: Record<string, string>): Buffer | undefined {
  if (!WITH_BODY.has(method)) return undefined;
  headers['content-type'] = 'application/json';
  return Buffer.from(toRelaxedJSON(payloadDoc), 'utf8');
}

/** A failure reading the reply, with the prefix Atlas puts before it. */
export class ReplyError extends Error {
  constructor(readonly prefix: string, message: string) {
    super(message);
    this.name = 'ReplyError';
  }
}

/** Strings holding JSON objects or arrays, parsed in place (config.parseJsonStrings). */
function parseJsonStrings(v: Value): Value {
  if (typeof v === 'string') {
    const t = v.trimStart();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return parseJsonStrings(parseEJSON(v));
      } catch {
        return v;
      }
    }
    return v;
  }
  if (Array.isArray(v)) return v.map(parseJsonStrings);
  if (isPlainObject(v)) {
    const o: Doc = {};
    for (const [k, x] of Object.entries(v)) o[k] = parseJsonStrings(x);
    return o;
  }
  return v;
}

/** The reply as the value `as` receives; undefined for an empty body (`as` is then not set). */
export function replyValue(reply: HttpReply, parseStrings: boolean): Value | undefined {
  if (reply.body.length === 0) return undefined;
  const ct = reply.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const text = reply.body.toString('utf8');
  if (ct === 'text/plain') return text;
  if (ct !== undefined && ct !== 'application/json') {
    throw new ReplyError('', `Unsupported response content-type (${ct}) in $https only application/json and text/plain are supported`);
  }
  let v: Value;
  try {
    v = parseEJSON(text);
  } catch (e) {
    throw new ReplyError('Failed to parse response body', (e as Error).message);
  }
  return parseStrings ? parseJsonStrings(v) : v;
}
