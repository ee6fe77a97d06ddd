/**
 * $https against a real node:http server on 127.0.0.1 (test/infra/httpServer.ts): request shape
 * (path, parameters, headers, payload), concurrency with input order kept, retries of 5xx and 429
 * (Retry-After honoured on the run's clock), onError for each value and status (Atlas: only 400,
 * 404, 410, 413, 414 and 431 follow it; other statuses fail the run), reply parsing, secrets kept out of DLQ
 * records, the final-stage form, and no request in flight at a batch boundary.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runPipelineText, type RunOptions } from '../../../engine/pipeline/run';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { createServices } from '../../../engine/connectors/services';
import type { Services } from '../../../engine/io/types';
import type { Doc } from '../../../engine/core/types';
import { ManualClock } from '../../../engine/core/clock';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { PipelineRun } from '../../../engine/pipeline/run';
import { chainStagesOf, StageProbe } from '../../../engine/runtime/stageProbe';
import { operatorStats } from '../../../engine/runtime/operatorStats';
import { behaviourHandler, startHttpServer, type TestHttpServer } from '../../infra/httpServer';

const SECRET = 'sekret-token-4711';

describe('$https against a real HTTP server', () => {
  let server: TestHttpServer;
  let dead: string;
  let dir: string;
  let services: Services;
  const attempts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;

  before(async () => {
    const handle = behaviourHandler(attempts);
    server = await startHttpServer((req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('finish', () => inFlight--);
      handle(req, res);
    });
    const gone = await startHttpServer(() => undefined);
    dead = gone.url;
    await gone.close();
    const registry = builtinRegistry([
      { name: 'api', type: 'Https', url: `${server.url}/`, headers: { Authorization: 'Bearer ${env:API_TOKEN}' } },
      { name: 'down', type: 'Https', url: dead },
    ]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-https-'));
    services = createServices(registry, { stateDir: dir, env: { API_TOKEN: SECRET }, retryPolicy: { initialDelayMs: 50, maxDelayMs: 400, maxElapsedMs: 2000 } });
  });
  after(async () => {
    await services.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (docs: Doc[], stages: Doc[], opts: Partial<RunOptions> = {}) =>
    runPipelineText(JSON.stringify({ name: 't', pipeline: [{ $source: { documents: docs } }, { $project: { _ts: 0 } }, ...stages] }), {
      connections: services.registry, services, projectStreamMeta: false, clock: new ManualClock(1_000_000), ...opts,
    });

  it('builds the request from path, parameters and headers, and stores the reply in as', async () => {
    const r = await run([{ id: 7, tag: 'blue' }], [{ $https: { connectionName: 'api', path: { $concat: ['echo/', { $toString: '$id' }] }, parameters: { q: '$tag', n: 3, b: true }, headers: { 'X-Tag': '$tag' }, as: 'reply' } }]);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, [{ id: 7, tag: 'blue', reply: { method: 'GET', path: '/echo/7', query: { q: 'blue', n: '3', b: 'true' }, body: null, auth: `Bearer ${SECRET}`, tag: 'blue' } }]);
  });

  it('sends the payload pipeline as the JSON body of a POST, and the stream metadata names the call', async () => {
    const r = await run([{ _id: 1, a: 2, secretish: 'x' }], [{ $https: { connectionName: 'api', path: 'echo', method: 'POST', payload: [{ $project: { _id: 0, a: 1 } }, { $addFields: { b: { $multiply: ['$a', 10] } } }], as: 'reply' } }], { projectStreamMeta: true });
    assert.deepEqual(r.dlq, []);
    const out = r.docs[0]!;
    assert.deepEqual((out['reply'] as Doc)['body'], { a: 2, b: 20 });
    assert.equal(out['secretish'], 'x', 'the payload pipeline works on a copy');
    const req = server.requests.find((q) => q.method === 'POST')!;
    assert.equal(req.headers['content-type'], 'application/json');
    const https = (out['_stream_meta'] as Doc)['https'] as Doc;
    assert.equal(https['url'], `${server.url}/echo`);
    assert.equal(https['method'], 'POST');
    assert.equal(https['httpStatusCode'], 200);
    assert.equal(typeof https['responseTimeMs'], 'number');
  });

  it('runs requests concurrently and passes documents on in input order', async () => {
    maxInFlight = 0;
    const docs = Array.from({ length: 24 }, (_, i) => ({ i, ms: (24 - i) * 4 }));
    const r = await run(docs, [{ $https: { connectionName: 'api', path: { $concat: ['delay/', { $toString: '$ms' }] }, as: 'reply' } }, { $project: { i: 1 } }]);
    assert.deepEqual(r.docs.map((d) => d['i']), docs.map((d) => d.i));
    assert.ok(maxInFlight > 1, `requests overlapped (at most ${maxInFlight} at once)`);
  });

  it('retries 5xx until the server answers, the server seeing every attempt', async () => {
    const r = await run([{ k: 'f1' }, { k: 'f2' }], [{ $https: { connectionName: 'api', path: { $concat: ['flaky/', '$k', '/2'] }, as: 'reply' } }]);
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs.map((d) => (d['reply'] as Doc)['attempt']), [3, 3]);
    assert.equal(attempts.get('f1'), 3);
    assert.equal(attempts.get('f2'), 3);
  });

  it('counts requests, retries and failures in verbose operatorStats', async () => {
    const pipeline = [{ $source: { documents: [{ k: 's1' }, { k: 's2' }] } }, { $https: { connectionName: 'api', path: { $concat: ['flaky/', '$k', '/1'] }, as: 'reply' } }];
    const a = analyzeText(JSON.stringify(pipeline), { connections: services.registry });
    const clock = new ManualClock(0);
    const probe = new StageProbe(chainStagesOf(a.validated!), () => clock.now());
    const run = new PipelineRun(a.processor!, a.validated!, { connections: services.registry, services, clock, probe, onOutput: () => undefined });
    await run.run();
    const st = operatorStats({ pipeline, registry: services.registry, run: run.stats, probe, outputBytes: 0, stateSize: 0, now: 0 })[1]!;
    assert.equal(st['name'], 'HttpsOperator');
    assert.deepEqual(st['https'], { requestCount: 4, retryCount: 2, failedCount: 0, inFlight: 0 });
  });

  it('honours Retry-After on a 429, waiting on the run clock', async () => {
    const clock = new ManualClock(5_000_000);
    const r = await run([{ k: 'l1' }], [{ $https: { connectionName: 'api', path: { $concat: ['limited/', '$k', '/7'] }, as: 'reply' } }], { clock });
    assert.deepEqual(r.dlq, []);
    assert.equal((r.docs[0]!['reply'] as Doc)['attempt'], 2);
    assert.equal(attempts.get('l1'), 2);
    assert.ok(clock.now() - 5_000_000 >= 7000, `waited ${clock.now() - 5_000_000} ms of the 7 s asked`);
  });

  it('sends a 4xx reply to the DLQ with the stage and the status, and goes on', async () => {
    const r = await run([{ n: 1 }, { n: 2 }], [{ $https: { connectionName: 'api', path: { $cond: [{ $eq: ['$n', 1] }, 'status/404', 'echo'] }, as: 'reply' } }]);
    assert.equal(r.docs.length, 1);
    assert.equal(r.docs[0]!['n'], 2);
    assert.equal(r.dlq.length, 1);
    assert.equal(r.dlq[0]!['operatorName'], 'HttpsOperator');
    assert.deepEqual(r.dlq[0]!['doc'], { n: 1 });
    assert.equal((r.dlq[0]!['errInfo'] as Doc)['reason'], 'Failed to process input document in $https with error: Request failure in $https with error: Received error response from server. status code: 404, body: {"error":"status 404"}');
  });

  it('sends a reply that is not JSON to the DLQ', async () => {
    const r = await run([{ n: 1 }], [{ $https: { connectionName: 'api', path: 'badjson', as: 'reply' } }]);
    assert.equal(r.docs.length, 0);
    assert.match((r.dlq[0]!['errInfo'] as Doc)['reason'] as string, /^Failed to process input document in \$https with error: Failed to parse response body in \$https with error: /);
  });

  it('gives up after the retry budget and fails the run (503 is not a status onError handles), naming the status and the attempts', async () => {
    const dlq: Doc[] = [];
    const e = await run([{ k: 'p1' }], [{ $https: { connectionName: 'api', path: { $concat: ['flaky/', '$k', '/1000'] }, as: 'reply' } }], { onDlq: (d) => void dlq.push(d) }).then(() => undefined, (x: unknown) => x as Error);
    assert.ok(e, 'the run failed');
    const m = /^\$https failed: HTTP status 503 fails the processor \(onError applies to 400, 404, 410, 413, 414, 431 only\): .*failed after (\d+) attempts: Received error response from server\. status code: 503/.exec(e.message);
    assert.ok(m, e.message);
    assert.equal(Number(m[1]), attempts.get('p1'));
    assert.ok(Number(m[1]) >= 3);
    assert.deepEqual(dlq, [], 'nothing was dead-lettered');
  });

  const LISTED = [400, 404, 410, 413, 414, 431];
  const statusDocs = (codes: number[]) => codes.map((c) => ({ c }));
  const statusStage = (onError?: string) => ({ $https: { connectionName: 'api', path: { $concat: ['status/', { $toString: '$c' }] }, as: 'reply', ...(onError ? { onError } : {}) } });

  it('onError dlq (the default): each listed status dead-letters its document, the run goes on', async () => {
    for (const onError of [undefined, 'dlq']) {
      const r = await run(statusDocs(LISTED), [statusStage(onError)]);
      assert.deepEqual(r.docs, []);
      assert.deepEqual(r.dlq.map((d) => (d['doc'] as Doc)['c']), LISTED);
      r.dlq.forEach((d, i) => assert.match((d['errInfo'] as Doc)['reason'] as string, new RegExp(`status code: ${LISTED[i]}, body`)));
    }
  });

  it('onError ignore: each listed status passes its document on unchanged', async () => {
    const r = await run(statusDocs(LISTED), [statusStage('ignore')]);
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, statusDocs(LISTED));
  });

  it('onError fail: each listed status fails the run', async () => {
    for (const c of LISTED) {
      await assert.rejects(run([{ c }], [statusStage('fail')]), new RegExp(`\\$https failed \\(onError: "fail"\\): .*status code: ${c},`));
    }
  });

  it('any other non-2xx status fails the run whatever onError says (Atlas: "considers any other HTTP status code as a fail error")', async () => {
    for (const onError of ['dlq', 'ignore', 'fail']) {
      for (const c of [401, 403, 409, 500]) {
        const dlq: Doc[] = [];
        await assert.rejects(run([{ c }], [statusStage(onError)], { onDlq: (d) => void dlq.push(d) }), new RegExp(`\\$https failed: HTTP status ${c} fails the processor`), `${onError} ${c}`);
        assert.deepEqual(dlq, [], `${onError} ${c}: nothing dead-lettered`);
      }
    }
  });

  it('a server that cannot be reached follows onError once retries run out: ignore passes the document on, fail stops', async () => {
    const ok = await run([{ n: 1 }], [{ $https: { connectionName: 'down', as: 'reply', onError: 'ignore' } }]);
    assert.deepEqual(ok.docs, [{ n: 1 }]);
    assert.deepEqual(ok.dlq, []);
    await assert.rejects(run([{ n: 1 }], [{ $https: { connectionName: 'down', as: 'reply', onError: 'fail' } }]), /\$https failed \(onError: "fail"\): .*ECONNREFUSED/);
  });

  it('retries a server that is not there, then DLQs naming the connection error', async () => {
    const r = await run([{ n: 1 }], [{ $https: { connectionName: 'down', as: 'reply' } }]);
    assert.equal(r.docs.length, 0);
    assert.match((r.dlq[0]!['errInfo'] as Doc)['reason'] as string, /Request failure in \$https with error: \$https request to .* failed after \d+ attempts: .*ECONNREFUSED/);
  });

  it('onError ignore passes the document on unchanged; fail stops the run naming the status', async () => {
    const ok = await run([{ n: 1 }], [{ $https: { connectionName: 'api', path: 'status/410', as: 'reply', onError: 'ignore' } }]);
    assert.deepEqual(ok.docs, [{ n: 1 }]);
    assert.deepEqual(ok.dlq, []);
    await assert.rejects(run([{ n: 1 }], [{ $https: { connectionName: 'api', path: 'status/413', as: 'reply', onError: 'fail' } }]), /\$https failed \(onError: "fail"\): .*status code: 413/);
  });

  it('never writes a connection secret into a DLQ record', async () => {
    const r = await run([{ n: 1 }], [{ $https: { connectionName: 'api', path: 'leak', as: 'reply' } }]);
    assert.equal(r.dlq.length, 1);
    const text = JSON.stringify(r.dlq);
    assert.ok(!text.includes(SECRET), text);
    assert.ok(text.includes('Bearer ${env:API_TOKEN}'), text);
  });

  it('stores text/plain replies as strings and leaves as unset for an empty body', async () => {
    const r = await run([{ p: 'text' }, { p: 'empty' }], [{ $https: { connectionName: 'api', path: '$p', as: 'reply' } }]);
    assert.deepEqual(r.docs, [{ p: 'text', reply: 'plain words' }, { p: 'empty' }]);
  });

  it('puts an expression error in the DLQ with Atlas\'s text, before any request', async () => {
    const before = server.requests.length;
    const r = await run([{ p: 5 }], [{ $https: { connectionName: 'api', path: '$p', as: 'reply' } }]);
    assert.equal(server.requests.length, before);
    assert.equal((r.dlq[0]!['errInfo'] as Doc)['reason'], 'Failed to process input document in $https with error: Expected $https.path to evaluate to a string.');
  });

  it('may end the pipeline: every document is sent, none is lost', async () => {
    const before = server.requests.length;
    const r = await run([{ n: 1 }, { n: 2 }, { n: 3 }], [{ $https: { connectionName: 'api', path: 'echo', method: 'PUT' } }]);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(server.requests.length - before, 3);
    assert.deepEqual(r.docs, [{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('has no request in flight at a batch boundary (where checkpoints are taken)', async () => {
    const docs = Array.from({ length: 300 }, (_, i) => ({ i }));
    const seen: string[] = [];
    let out = 0;
    let dlqs = 0;
    const r = await run(docs, [{ $https: { connectionName: 'api', path: 'delay/2', as: 'reply' } }], {
      onOutput: () => void out++,
      onDlq: () => void dlqs++,
      onBatch: (pr) => void seen.push(`${pr.stats.inputMessageCount}:${out + dlqs}`),
    });
    assert.equal(r.docs.length, 300);
    assert.ok(seen.length >= 2, seen.join(' '));
    for (const s of seen) {
      const [a, b] = s.split(':');
      assert.equal(a, b, `every document read was answered at the boundary (${seen.join(' ')})`);
    }
  });

  it('reads numbers written as doubles (30.0) in config and parameters', async () => {
    const text = `{"name":"t","pipeline":[{"$source":{"documents":[{"a":1}]}},{"$project":{"_ts":0}},{"$https":{"connectionName":"api","path":"echo","parameters":{"x":2.5,"y":3.0},"config":{"requestTimeoutSec":30.0},"as":"r"}}]}`;
    const r = await runPipelineText(text, { connections: services.registry, services, projectStreamMeta: false });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual((r.docs[0]!['r'] as Doc)['query'], { x: '2.5', y: '3' });
  });

  it('reports an unknown or wrongly typed connection where it is named', async () => {
    const r = await run([{ n: 1 }], [{ $https: { connectionName: 'nope', as: 'r' } }]);
    assert.ok(r.diagnostics.some((d) => d.message === "Unknown connectionName 'nope' in $https"), JSON.stringify(r.diagnostics));
    const m = await run([{ n: 1 }], [{ $https: { connectionName: 'api' } }, { $match: {} }]);
    assert.ok(m.diagnostics.some((d) => d.severity === 'error' && /as/.test(d.message)), JSON.stringify(m.diagnostics));
  });
});
