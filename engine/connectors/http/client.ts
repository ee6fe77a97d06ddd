/**
 * The HTTP(S) client behind `$https`: one keep-alive agent per operator on node:http / node:https
 * (no native dependency), a connect timeout and a whole-request timeout, the reply read whole.
 * Failures are typed so the caller can tell what to retry: `HttpStatusError` (a reply that is
 * not 2xx) and `HttpTransportError` (no reply: refused, reset, timed out).
 */
import * as http from 'node:http';
import * as https from 'node:https';

export interface HttpRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A reply with a status outside 2xx. */
export class HttpStatusError extends Error {
  constructor(readonly reply: HttpReply) {
    super(`Received error response from server. status code: ${reply.status}, body: ${snippet(reply.body)}`);
    this.name = 'HttpStatusError';
  }
}

/** No reply at all: the connection failed or a timeout passed. */
export class HttpTransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HttpTransportError';
  }
}

/** A reply body in an error text: short, one line. */
function snippet(body: Buffer): string {
  const s = body.subarray(0, 200).toString('utf8').replace(/\s+/g, ' ');
  return body.length > 200 ? `${s}...` : s;
}

export class HttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(maxSockets: number) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  }

  /** Resolves with any reply whose status is 2xx; rejects with HttpStatusError or HttpTransportError. */
  request(req: HttpRequest): Promise<HttpReply> {
    const secure = req.url.protocol === 'https:';
    const mod = secure ? https : http;
    return new Promise<HttpReply>((resolve, reject) => {
      let settled = false;
      const fail = (e: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(whole);
        r.destroy();
        reject(e);
      };
      const r = mod.request(req.url, {
        method: req.method,
        headers: req.body ? { ...req.headers, 'content-length': String(req.body.length) } : req.headers,
        agent: secure ? this.httpsAgent : this.httpAgent,
      });
      const whole = setTimeout(() => fail(new HttpTransportError(`request timed out after ${req.requestTimeoutMs} ms`)), req.requestTimeoutMs);
      r.on('socket', (sock) => {
        // A reused keep-alive socket is already connected: only a fresh one gets the connect timer.
        if (!sock.connecting) return;
        const t = setTimeout(() => fail(new HttpTransportError(`connection timed out after ${req.connectTimeoutMs} ms`)), req.connectTimeoutMs);
        sock.once('connect', () => clearTimeout(t));
        sock.once('close', () => clearTimeout(t));
      });
      r.on('error', (e) => fail(new HttpTransportError(e.message || (e as NodeJS.ErrnoException).code || 'connection failed')));
      r.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => fail(new HttpTransportError(e.message)));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(whole);
          const reply: HttpReply = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
          if (reply.status >= 200 && reply.status < 300) resolve(reply);
          else reject(new HttpStatusError(reply));
        });
      });
      r.end(req.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** `Retry-After` as a wait in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(headers: http.IncomingHttpHeaders, now: number): number | undefined {
  const v = headers['retry-after'];
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
