/**
 * Watermarks travel in order with documents through operators that answer asynchronously
 * ($https against a real node:http server on 127.0.0.1 that delays its replies): a window after
 * the async stage closes only once every document read before the watermark moved has reached
 * it, at batch boundaries, at the end of input, and on idle ticks. No document counts as late.
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

describe('watermarks after an async stage ($https, real HTTP server)', () => {
  let server: TestHttpServer;
  let dir: string;
  let services: Services;

  before(async () => {
    server = await startHttpServer(behaviourHandler());
    const registry = builtinRegistry([{ name: 'api', type: 'Https', url: server.url }]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-async-wm-'));
    services = createServices(registry, { stateDir: dir, env: {}, retryPolicy: { initialDelayMs: 10, maxDelayMs: 50, maxElapsedMs: 2000 } });
  });
  after(async () => {
    await services.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (docs: Doc[], stages: Doc[], opts: Partial<RunOptions> = {}) =>
    runPipelineText(JSON.stringify({ name: 't', pipeline: [{ $source: { documents: docs, timeField: '$t' } }, ...stages] }), {
      connections: services.registry, services, projectStreamMeta: false, clock: new ManualClock(T0), ...opts,
    });

  it('counts every document in its pane, none late, when replies lag the watermark', async () => {
    // 12 documents spanning three one-second windows; event time is strictly increasing, so the
    // watermark passes each boundary while the earlier documents' requests are still in flight.
    const docs = Array.from({ length: 12 }, (_, i) => ({ i, t: at(i * 250 + 100), ms: 60 - i * 4 }));
    const stages = [
      { $https: { connectionName: 'api', path: { $concat: ['delay/', { $toString: '$ms' }] }, as: 'reply' } },
      { $tumblingWindow: { interval: { size: 1, unit: 'second' }, allowedLateness: { size: 0, unit: 'second' }, pipeline: [{ $group: { _id: null, n: { $sum: 1 }, ids: { $push: '$i' } } }, { $project: { _id: 0, n: 1, ids: 1 } }] } },
    ];
    const r = await run(docs, stages);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(r.dlq, [], 'no document arrived late');
    assert.deepEqual(r.docs, [
      { n: 4, ids: [0, 1, 2, 3] },
      { n: 4, ids: [4, 5, 6, 7] },
      { n: 4, ids: [8, 9, 10, 11] },
    ]);
  });

  it('keeps the order across batches: the window sees documents of each batch before its watermark', async () => {
    // 600 documents (three source batches of 256), two per 10 ms of event time: panes of 100.
    const docs = Array.from({ length: 600 }, (_, i) => ({ i, t: at(i * 5), ms: i % 3 === 0 ? 6 : 1 }));
    const stages = [
      { $https: { connectionName: 'api', path: { $concat: ['delay/', { $toString: '$ms' }] }, as: 'reply' } },
      { $tumblingWindow: { interval: { size: 500, unit: 'ms' }, allowedLateness: { size: 0, unit: 'second' }, pipeline: [{ $group: { _id: null, n: { $sum: 1 } } }, { $project: { _id: 0, n: 1 } }] } },
    ];
    const r = await run(docs, stages);
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, Array.from({ length: 6 }, () => ({ n: 100 })));
  });

  it('fires the last windows at the end of input only after the last replies came back', async () => {
    const docs = [{ i: 0, t: at(100), ms: 80 }, { i: 1, t: at(1100), ms: 40 }];
    const stages = [
      { $https: { connectionName: 'api', path: { $concat: ['delay/', { $toString: '$ms' }] }, as: 'reply' } },
      { $tumblingWindow: { interval: { size: 1, unit: 'second' }, allowedLateness: { size: 0, unit: 'second' }, pipeline: [{ $group: { _id: null, ids: { $push: '$i' } } }, { $project: { _id: 0, ids: 1 } }] } },
    ];
    const r = await run(docs, stages);
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, [{ ids: [0] }, { ids: [1] }]);
  });

  it('passes a watermark through two async stages in a row', async () => {
    const docs = Array.from({ length: 8 }, (_, i) => ({ i, t: at(i * 300), ms: 40 - i * 5 }));
    const call = (as: string) => ({ $https: { connectionName: 'api', path: { $concat: ['delay/', { $toString: '$ms' }] }, as } });
    const stages = [
      call('a'), call('b'),
      { $tumblingWindow: { interval: { size: 1, unit: 'second' }, allowedLateness: { size: 0, unit: 'second' }, pipeline: [{ $group: { _id: null, ids: { $push: '$i' } } }, { $project: { _id: 0, ids: 1 } }] } },
    ];
    const r = await run(docs, stages);
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, [{ ids: [0, 1, 2, 3] }, { ids: [4, 5, 6] }, { ids: [7] }]);
  });

});
