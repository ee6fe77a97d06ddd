/**
 * $cachedLookup against the embedded `local` store: $lookup's equality results, answers served
 * from the cache until the TTL passes on an injected clock, least-recently-used eviction past
 * maxMemUsageBytes, and hit/miss counts in verbose operatorStats.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { PipelineRun } from '../../../engine/pipeline/run';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { createServices } from '../../../engine/connectors/services';
import { TtlLruCache } from '../../../engine/connectors/cachedLookupOperator';
import { ManualClock } from '../../../engine/core/clock';
import type { Doc } from '../../../engine/core/types';
import type { Operator } from '../../../engine/core/operator';
import type { Services } from '../../../engine/io/types';
import { chainStagesOf, StageProbe } from '../../../engine/runtime/stageProbe';
import { operatorStats } from '../../../engine/runtime/operatorStats';

const registry = builtinRegistry();
const FROM = { connectionName: 'local', db: 'asp', coll: 'rooms' };

describe('$cachedLookup on the local store', () => {
  let dir: string;
  let services: Services;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-cl-'));
    services = createServices(registry, { stateDir: dir });
    services.localStore.collection('asp', 'rooms').insertMany([{ _id: 'A', floor: 1 }, { _id: 'B', floor: 2 }, { _id: 'C', floor: 3 }]);
  });
  after(async () => {
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const stage = (extra: Doc = {}) => ({ $cachedLookup: { ttl: { size: 1, unit: 'minute' }, from: FROM, localField: 'room', foreignField: '_id', as: 'info', ...extra } });

  it('joins like $lookup and counts hits and misses in verbose stats', async () => {
    const pipeline = [{ $source: { documents: ['A', 'B', 'A', 'A', 'C', 'B', 'Z'].map((room) => ({ room })) } }, { $project: { _ts: 0 } }, stage()];
    const a = analyzeText(JSON.stringify(pipeline), { connections: registry });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
    const clock = new ManualClock(0);
    const probe = new StageProbe(chainStagesOf(a.validated!), () => clock.now());
    const out: Doc[] = [];
    const run = new PipelineRun(a.processor!, a.validated!, { connections: registry, services, clock, probe, projectStreamMeta: false, onOutput: (d) => void out.push(d) });
    await run.run();
    assert.deepEqual(out.map((d) => [d['room'], (d['info'] as Doc[]).map((x) => x['floor'])]), [['A', [1]], ['B', [2]], ['A', [1]], ['A', [1]], ['C', [3]], ['B', [2]], ['Z', []]]);
    const st = operatorStats({ pipeline, registry, run: run.stats, probe, outputBytes: 0, stateSize: 0, now: 0 })[2]!;
    assert.equal(st['name'], 'CachedLookUpOperator');
    assert.equal(st['cacheHitCount'], 3);
    assert.equal(st['cacheMissCount'], 4);
    assert.equal(st['cacheEntryCount'], 4);
  });

  it('serves the cached answer until the TTL passes, then reads the collection again', async () => {
    const a = analyzeText(JSON.stringify([{ $source: { documents: [] } }, stage({ ttl: { size: 10, unit: 'second' } })]), { connections: registry });
    const parsed = a.validated!.stages[1]!;
    const clock = new ManualClock(0);
    const out: Doc[] = [];
    const op = parsed.spec.create!(parsed.config, { clock, slotCount: a.validated!.compiler.slotCount, dlq: () => assert.fail('no DLQ'), processorName: 't', services }, (d) => void out.push(d)) as Operator;
    const floor = () => ((out.at(-1)!['info'] as Doc[])[0]!)['floor'];
    op.push({ room: 'A' }, { ts: 0, source: {} });
    assert.equal(floor(), 1);
    services.localStore.collection('asp', 'rooms').updateOne({ _id: 'A' }, { $set: { floor: 9 } }, false);
    clock.advance(9_999);
    op.push({ room: 'A' }, { ts: 0, source: {} });
    assert.equal(floor(), 1, 'still cached');
    clock.advance(1);
    op.push({ room: 'A' }, { ts: 0, source: {} });
    assert.equal(floor(), 9, 'expired: read again');
  });

  it('cache: least recently used entries go first once the byte budget is passed, expired ones before them', () => {
    const clock = new ManualClock(0);
    const c = new TtlLruCache(1000, 35, () => clock.now());
    c.set('a', [{ v: 1 }]);
    c.set('b', [{ v: 2 }]);
    c.set('c', [{ v: 3 }]);
    assert.ok(c.get('a'), 'a is now the most recently used');
    c.set('d', [{ v: 4 }]);
    assert.equal(c.get('b'), undefined, 'b was the least recently used');
    assert.ok(c.get('a'));
    assert.ok(c.bytes <= 35);
    assert.ok(c.evictions >= 1);
    clock.advance(1000);
    assert.equal(c.get('a'), undefined, 'expired');
  });

  it('parse rules: ttl required and positive, connection type checked, no Atlas-only warning', () => {
    const diags = (s: Doc) => analyzeText(JSON.stringify([{ $source: { documents: [] } }, s]), { connections: registry }).diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message);
    assert.deepEqual(diags(stage()), []);
    assert.ok(diags(stage({ ttl: { size: 0, unit: 'second' } })).includes('$cachedLookup.ttl must be greater than zero'));
    assert.ok(diags(stage({ from: { connectionName: 'sample_stream_solar', db: 'a', coll: 'b' } })).some((m) => /Only atlas connection type/.test(m)));
  });
});
