/**
 * `$https` inside a window's pipeline (Atlas: "You can use $https in $hoppingWindow or
 * $tumblingWindow internal pipelines"), against a real node:http server on 127.0.0.1 that delays
 * its replies: before the `$group` (one pipeline per window), after it (per window at close),
 * in hopping and session windows; windows come out in close order although later windows'
 * replies come back first; onError inside the window; nothing in flight at a batch boundary.
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
import { behaviourHandler, startHttpServer, type TestHttpServer } from '../../infra/httpServer';

const T0 = Date.UTC(2024, 0, 1);
const at = (ms: number) => ({ $date: new Date(T0 + ms).toISOString() });
const NO_LATENESS = { allowedLateness: { size: 0, unit: 'second' } };
const delayed = (ms: unknown, as = 'reply', extra: Doc = {}) => ({ $https: { connectionName: 'api', path: { $concat: ['delay/', { $toString: ms }] }, parameters: { i: '$i' }, as, ...extra } });

describe('$https in a window pipeline (real HTTP server)', () => {
  let server: TestHttpServer;
  let dir: string;
  let services: Services;
  let inFlight = 0;

  before(async () => {
    const handle = behaviourHandler();
    server = await startHttpServer((req, res) => {
      inFlight++;
      res.on('finish', () => inFlight--);
      handle(req, res);
    });
    const registry = builtinRegistry([{ name: 'api', type: 'Https', url: server.url }]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-https-window-'));
    services = createServices(registry, { stateDir: dir, env: {}, retryPolicy: { initialDelayMs: 10, maxDelayMs: 50, maxElapsedMs: 2000 } });
  });
  after(async () => {
    await services.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (docs: Doc[], window: Doc, opts: Partial<RunOptions> = {}) =>
    runPipelineText(JSON.stringify({ name: 't', pipeline: [{ $source: { documents: docs, timeField: '$t' } }, window] }), {
      connections: services.registry, services, projectStreamMeta: false, clock: new ManualClock(T0), ...opts,
    });

  it('before the $group: every document is enriched and counted, windows in order (earlier replies slower)', async () => {
    const docs = Array.from({ length: 12 }, (_, i) => ({ i, t: at(i * 250), ms: 60 - i * 5 }));
    const r = await run(docs, {
      $tumblingWindow: {
        interval: { size: 1, unit: 'second' }, ...NO_LATENESS,
        pipeline: [delayed('$ms'), { $group: { _id: null, echoed: { $push: '$reply.query.i' } } }, { $project: { _id: 0, echoed: 1 } }],
      },
    });
    assert.deepEqual(r.diagnostics.filter((d) => d.code === 'ASP390' || d.severity === 'error'), [], 'no ASP390: it runs locally');
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, [{ echoed: ['0', '1', '2', '3'] }, { echoed: ['4', '5', '6', '7'] }, { echoed: ['8', '9', '10', '11'] }]);
  });

  it('after the $group: one request per window at close, output in window order', async () => {
    const docs = Array.from({ length: 9 }, (_, i) => ({ i, t: at(i * 340) }));
    const r = await run(docs, {
      $tumblingWindow: {
        interval: { size: 1, unit: 'second' }, ...NO_LATENESS,
        pipeline: [
          { $group: { _id: null, n: { $sum: 1 }, first: { $min: '$i' } } },
          // The first window's reply is the slowest.
          { $https: { connectionName: 'api', path: { $concat: ['delay/', { $toString: { $subtract: [60, { $multiply: ['$first', 6] }] } }] }, parameters: { n: '$n' }, as: 'reply' } },
          { $project: { _id: 0, first: 1, n: '$reply.query.n', start: { $meta: 'stream.window.start' } } },
        ],
      },
    });
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, [
      { first: 0, n: '3', start: new Date(T0) },
      { first: 3, n: '3', start: new Date(T0 + 1000) },
      { first: 6, n: '3', start: new Date(T0 + 2000) },
    ]);
  });

  it('in a hopping window: each document is sent once per window holding it, windows in order', async () => {
    const docs = Array.from({ length: 4 }, (_, i) => ({ i, t: at(i * 500 + 100), ms: 40 - i * 10 }));
    const r = await run(docs, {
      $hoppingWindow: {
        interval: { size: 1, unit: 'second' }, hopSize: { size: 500, unit: 'ms' }, ...NO_LATENESS,
        pipeline: [delayed('$ms'), { $group: { _id: null, ids: { $push: '$reply.query.i' } } }, { $project: { _id: 0, ids: 1 } }],
      },
    });
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, [{ ids: ['0'] }, { ids: ['0', '1'] }, { ids: ['1', '2'] }, { ids: ['2', '3'] }, { ids: ['3'] }]);
  });

  it('in a session window: sessions close in order with their replies', async () => {
    const docs = [
      { i: 0, u: 'a', t: at(0), ms: 50 }, { i: 1, u: 'a', t: at(100), ms: 45 },
      { i: 2, u: 'b', t: at(2000), ms: 5 }, { i: 3, u: 'a', t: at(5000), ms: 1 },
    ];
    const r = await run(docs, {
      $sessionWindow: {
        partitionBy: '$u', gap: { size: 1, unit: 'second' }, ...NO_LATENESS,
        pipeline: [delayed('$ms'), { $group: { _id: '$u', ids: { $push: '$reply.query.i' } } }],
      },
    });
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, [{ _id: 'a', ids: ['0', '1'] }, { _id: 'b', ids: ['2'] }, { _id: 'a', ids: ['3'] }]);
  });

  it('onError inside the window: dlq dead-letters the document and the window counts the rest; fail stops the run', async () => {
    const docs = Array.from({ length: 4 }, (_, i) => ({ i, t: at(i * 100), p: i === 1 ? 'status/404' : 'echo' }));
    const pipeline = (onError: string) => [{ $https: { connectionName: 'api', path: '$p', as: 'reply', onError } }, { $group: { _id: null, ids: { $push: '$i' } } }, { $project: { _id: 0, ids: 1 } }];
    const r = await run(docs, { $tumblingWindow: { interval: { size: 1, unit: 'second' }, ...NO_LATENESS, pipeline: pipeline('dlq') } });
    assert.deepEqual(r.docs, [{ ids: [0, 2, 3] }]);
    assert.equal(r.dlq.length, 1);
    assert.equal((r.dlq[0]!['doc'] as Doc)['i'], 1);
    assert.equal(r.dlq[0]!['operatorName'], 'HttpsOperator');
    await assert.rejects(run(docs, { $tumblingWindow: { interval: { size: 1, unit: 'second' }, ...NO_LATENESS, pipeline: pipeline('fail') } }), /\$https failed \(onError: "fail"\): .*status code: 404/);
  });

  it('has nothing in flight and no closed window pending at a batch boundary (where checkpoints are taken)', async () => {
    // 700 documents (three source batches), windows of 100 ms; the replies take 1-3 ms.
    const docs = Array.from({ length: 700 }, (_, i) => ({ i, t: at(i * 2), ms: 1 + (i % 3) }));
    let out = 0;
    const seen: string[] = [];
    const r = await run(docs, {
      $tumblingWindow: { interval: { size: 100, unit: 'ms' }, ...NO_LATENESS, pipeline: [delayed('$ms'), { $group: { _id: null, n: { $sum: 1 } } }, { $project: { _id: 0, n: 1 } }] },
    }, {
      onOutput: () => void out++,
      onBatch: (pr) => {
        seen.push(`${pr.stats.inputMessageCount}:${out}:${inFlight}`);
        // Every window that closed by this boundary was released: the open ones hold the rest.
        const open = pr.openWindowStartTimes();
        const closedBefore = open ? open.min : Infinity;
        const released = Math.min(Math.floor((closedBefore - T0) / 100), 14);
        assert.equal(out, released, `windows released at the boundary (${seen.join(' ')})`);
      },
    });
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, Array.from({ length: 14 }, () => ({ n: 50 })));
    assert.ok(seen.length >= 3, seen.join(' '));
    for (const s of seen) assert.equal(s.split(':')[2], '0', `no request in flight at a boundary (${seen.join(' ')})`);
  });
});
