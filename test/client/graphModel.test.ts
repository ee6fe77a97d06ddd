/** The pipeline graph's model: nodes from a pipeline, the stage under the cursor, live figures and window timelines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMicros, liveView, pipelineGraph, stageAt, windowView } from '../../client/graph/graphModel';
import { graphHtml } from '../../client/graph/html';
import { readPipelineFile } from '../../client/pipelineFile';
import type { LiveStats, WindowLive } from '../../shared/protocol/liveStats';

const PIPELINE = [
  { $source: { connectionName: 'kafka1', topic: 'orders' } },
  { $match: { qty: { $gt: 0 } } },
  { $tumblingWindow: { interval: { size: 1, unit: 'minute' }, allowedLateness: { size: 5, unit: 'second' }, pipeline: [{ $group: { _id: '$sku', n: { $count: {} } } }, { $sort: { n: -1 } }] } },
  { $merge: { into: { connectionName: 'atlas', db: 'shop', coll: 'perMinute' } } },
];

test('nodes run source → stages → window → sink, each with what it reads or writes', () => {
  const nodes = pipelineGraph(PIPELINE);
  assert.deepEqual(nodes.map((n) => [n.index, n.stage, n.kind]), [
    [0, '$source', 'source'],
    [1, '$match', 'stage'],
    [2, '$tumblingWindow', 'window'],
    [3, '$merge', 'sink'],
  ]);
  assert.equal(nodes[0]!.detail, 'kafka1 · orders');
  assert.equal(nodes[1]!.detail, '{"qty":{"$gt":0}}');
  assert.equal(nodes[2]!.detail, '1 minute · late ≤ 5 second');
  assert.deepEqual(nodes[2]!.inner, ['$group', '$sort']);
  assert.equal(nodes[3]!.detail, 'atlas · shop.perMinute');
});

test('a preview pipeline without a sink, inline documents, and elements that are not stages', () => {
  const nodes = pipelineGraph([{ $source: { documents: [{}, {}, {}] } }, { $emit: { connectionName: 'k', topic: 't' } }, { $project: { a: 1 } }, 'oops', { $a: 1, $b: 2 }]);
  assert.equal(nodes[0]!.detail, '3 inline documents');
  // $emit is a sink only as the last stage.
  assert.equal(nodes[1]!.kind, 'stage');
  assert.equal(nodes[1]!.detail, 'k · t');
  assert.deepEqual([nodes[3]!.stage, nodes[4]!.stage], ['?', '?']);
  const long = pipelineGraph([{ $addFields: { text: 'x'.repeat(200) } }])[0]!;
  assert.equal(long.detail.length, 40);
  assert.ok(long.detail.endsWith('…'));
});

test('stageAt finds the top-level stage under an offset of the real file text', () => {
  const text = JSON.stringify({ name: 'p', pipeline: PIPELINE }, null, 2);
  const r = readPipelineFile(text);
  assert.ok(r.ok);
  assert.equal(stageAt(r.file.stages, text.indexOf('"$match"')), 1);
  assert.equal(stageAt(r.file.stages, text.indexOf('"$group"')), 2);
  assert.equal(stageAt(r.file.stages, text.indexOf('perMinute')), 3);
  assert.equal(stageAt(r.file.stages, text.indexOf('"name"')), undefined);
});

const WINDOW: WindowLive = {
  index: 2,
  stage: '$tumblingWindow',
  kind: 'tumbling',
  sizeMs: 60_000,
  allowedLatenessMs: 5000,
  processingTime: false,
  panes: [
    { start: 60_000, end: 120_000, docs: 4 },
    { start: 120_000, end: 180_000, docs: 8 },
  ],
  paneCount: 2,
  closedBefore: 60_000,
};

test('windowView lays the open panes, the watermark and the close line on one timeline', () => {
  const v = windowView(WINDOW, 130_000);
  assert.deepEqual([v.t0, v.t1], [60_000, 180_000]);
  assert.deepEqual(v.panes.map((p) => [p.x, p.w, p.h, p.docs]), [
    [0, 0.5, 0.5, 4],
    [0.5, 0.5, 1, 8],
  ]);
  assert.equal(v.watermarkX, (130_000 - 60_000) / 120_000);
  assert.equal(v.closeX, 0);
  assert.equal(v.paneCount, 2);
});

test('windowView widens the timeline to the watermark and the close line, and draws nothing without panes or times', () => {
  const open: WindowLive = { ...WINDOW };
  delete open.closedBefore;
  const v = windowView({ ...open, panes: [{ start: 0, end: 1000, docs: 1 }] }, 3000);
  // Without closedBefore the close line is watermark − allowed lateness: 3000 − 5000.
  assert.deepEqual([v.t0, v.t1], [-2000, 3000]);
  assert.equal(v.watermarkX, 1);
  assert.equal(v.closeX, 0);
  assert.deepEqual(v.panes.map((p) => [p.x, p.w]), [[0.4, 0.2]]);
  const empty = windowView({ ...open, panes: [], paneCount: 0 }, undefined);
  assert.deepEqual(empty.panes, []);
  assert.equal(empty.watermarkX, undefined);
  assert.equal(empty.closeX, undefined);
});

test('liveView puts each stage\'s counts and latency on its node and the window timeline on the window node', () => {
  const stats: LiveStats = {
    name: 'p.run-1',
    at: 5,
    state: 'running',
    watermark: 130_000,
    input: 20,
    output: 2,
    dlq: 1,
    stages: [
      { index: 0, stage: '$source', inCount: 20, outCount: 20, dlqCount: 0 },
      { index: 1, stage: '$match', inCount: 20, outCount: 12, dlqCount: 1, latencyP50Us: 12.4, latencyP99Us: 2500, latencySamples: 3 },
      { index: 2, stage: '$tumblingWindow', inCount: 12, outCount: 2, dlqCount: 0, latencySamples: 0, latencyP50Us: 0, latencyP99Us: 0 },
      { index: 3, stage: '$merge', inCount: 2, outCount: 2, dlqCount: 0 },
    ],
    windows: [WINDOW],
  };
  const live = liveView(stats);
  assert.equal(live.watermark, 130_000);
  assert.deepEqual(live.nodes.map((x) => [x.index, x.inCount, x.outCount, x.dlqCount]), [
    [0, 20, 20, 0],
    [1, 20, 12, 1],
    [2, 12, 2, 0],
    [3, 2, 2, 0],
  ]);
  assert.equal(live.nodes[1]!.latency, 'p50 12 µs · p99 2.5 ms');
  // No samples: no latency figure rather than a zero.
  assert.equal(live.nodes[2]!.latency, undefined);
  assert.equal(live.nodes[2]!.window?.panes.length, 2);
  assert.equal(live.nodes[1]!.window, undefined);
});

test('formatMicros picks the unit', () => {
  assert.equal(formatMicros(850), '850 µs');
  assert.equal(formatMicros(4200), '4.2 ms');
  assert.equal(formatMicros(42_000), '42 ms');
  assert.equal(formatMicros(3_200_000), '3.2 s');
});

test('the graph page allows only its nonce-tagged script, with no network source', () => {
  const html = graphHtml({ scriptUri: 'vscode-resource://x/graph.js', styleUri: 'vscode-resource://x/graph.css', cspSource: 'vscode-resource:' }, 'N0NCE');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-N0NCE'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|connect-src|https?:|\*/);
  assert.deepEqual([...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]), [' nonce="N0NCE" src="vscode-resource://x/graph.js"']);
  assert.match(html, /id="canvas"/);
});
