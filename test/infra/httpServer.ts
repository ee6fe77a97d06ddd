/**
 * A real HTTP server for `$https` tests and benchmarks: node:http on 127.0.0.1, port 0, every
 * request recorded (method, path, query, headers, body) before the handler answers it.
 * `behaviourServer()` answers by path: `/echo`, `/delay/<ms>`, `/status/<code>`,
 * `/flaky/<key>/<n>` (503 n times per key, then 200), `/limited/<key>/<secs>` (429 with
 * Retry-After once per key, then 200), `/badjson`, `/text`, `/empty`, `/leak` (400 whose body
 * repeats the Authorization header, as careless servers do).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestHttpServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export type Handler = (req: Recorded, res: http.ServerResponse) => void;

export async function startHttpServer(handler: Handler): Promise<TestHttpServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rec: Recorded = { method: req.method ?? '', path: u.pathname, query: Object.fromEntries(u.searchParams), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(rec);
      handler(rec, res);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function json(res: http.ServerResponse, status: number, v: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(v));
}

/** The answers described in the header comment; `attempts` counts requests per key. */
export function behaviourHandler(attempts = new Map<string, number>()): Handler {
  return (req, res) => {
    const parts = req.path.split('/').filter(Boolean);
    const echo = { method: req.method, path: req.path, query: req.query, body: req.body ? JSON.parse(req.body) as unknown : null, auth: req.headers['authorization'] ?? null, tag: req.headers['x-tag'] ?? null };
    const count = (key: string): number => {
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      return n;
    };
    switch (parts[0]) {
      case 'echo':
        return json(res, 200, echo);
      case 'delay':
        setTimeout(() => json(res, 200, echo), Number(parts[1]));
        return;
      case 'status':
        return json(res, Number(parts[1]), { error: `status ${parts[1]}` });
      case 'flaky': {
        const n = count(parts[1]!);
        return n <= Number(parts[2]) ? json(res, 503, { error: 'unavailable' }) : json(res, 200, { ok: true, attempt: n });
      }
      case 'limited': {
        const n = count(parts[1]!);
        return n === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': String(parts[2]) }) : json(res, 200, { ok: true, attempt: n });
      }
      case 'badjson':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"not": json');
      case 'text':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end('plain words');
      case 'leak':
        return json(res, 400, { rejected: req.headers['authorization'] ?? null });
      case 'empty':
        res.writeHead(200);
        return void res.end();
      default:
        return json(res, 404, { error: 'no such path' });
    }
  };
}
