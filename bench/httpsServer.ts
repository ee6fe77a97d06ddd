/**
 * The API `bench/https.ts` calls, in a child process of its own (as a real API would be): a
 * node:http server on 127.0.0.1 that answers every request with a small JSON document after
 * 5 ms. Prints its URL on stdout, then serves until killed.
 */
import { startHttpServer } from '../test/infra/httpServer';

export const LATENCY_MS = 5;

async function main(): Promise<void> {
  const server = await startHttpServer((req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: req.path.split('/')[2], price: 12.5, tags: ['a', 'b'] }));
    }, LATENCY_MS);
  });
  process.stdout.write(`${server.url}\n`);
}

if (require.main === module) void main();
