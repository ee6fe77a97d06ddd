/**
 * Start, stop, drop and modify options with Atlas's rules (engine/runtime/startOptions.ts): tier
 * and autoscaling validation and their place in stats and list, both placements (top level and
 * nested `options`), warnings for what the local engine cannot honour, `stop {force}`, `drop
 * {ttl}`, start positions refused where they cannot apply, and the default sample batch of 5.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { createServices } from '../../../engine/connectors/services';
import type { Services } from '../../../engine/io/types';
import { ProcessorManager } from '../../../engine/runtime/manager';
import { CommandError } from '../../../engine/runtime/errors';
import { parseDropOptions, parseStartOptions, parseStopOptions, tierView } from '../../../engine/runtime/startOptions';
import { waitFor } from '../../helpers/waitFor';

type Hooks = { after(fn: () => void | Promise<void>): void };

function setup(t: Hooks) {
  const dir = mkdtempSync(path.join(tmpdir(), 'asp-startopts-'));
  const registry = builtinRegistry();
  let services: Services | undefined;
  const logs: string[] = [];
  const m = new ProcessorManager({
    stateDir: dir,
    registry: () => registry,
    services: () => (services ??= createServices(registry, { stateDir: dir })),
    checkpointIntervalMs: 0,
    log: (level, message) => logs.push(`${level}: ${message}`),
  });
  t.after(async () => {
    await m.close();
    await services?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { m, dir, logs };
}

const SOLAR = [{ $source: { connectionName: 'sample_stream_solar' } }, { $merge: { into: { connectionName: 'local', db: 't', coll: 'solar' } } }];
const invalid = (re: RegExp) => (e: unknown) => e instanceof CommandError && e.code === 420 && re.test(e.message);

test('start options: the tiers, autoscaling bounds and their rules (the processor-options table\'s)', () => {
  assert.deepEqual(parseStartOptions({ name: 'p', tier: 'SP30' }).options, { tier: 'SP30' });
  assert.throws(() => parseStartOptions({ name: 'p', tier: 'SP3' }), invalid(/^startStreamProcessor: BSON field 'options.tier' must be one of SP2, SP5, SP10, SP30, SP50, got "SP3"$/));
  assert.throws(() => parseStartOptions({ name: 'p', autoscaling: { enabled: true, maxTier: 'SP99' } }), invalid(/options.autoscaling.maxTier/));
  assert.throws(() => parseStartOptions({ name: 'p', autoscaling: { enabled: true, burst: 1 } }), invalid(/BSON field 'options.autoscaling.burst' is an unknown field/));
  // Bounds default to the workspace's (SP10 default, SP50 maximum); minTier is the lower of the default and the start tier.
  assert.deepEqual(tierView(parseStartOptions({ name: 'p', tier: 'SP5', autoscaling: { enabled: true } }).options!), { tier: 'SP5', effectiveTier: 'SP5', autoscaling: { minTier: 'SP5', maxTier: 'SP50' } });
  assert.deepEqual(tierView(parseStartOptions({ name: 'p', autoscaling: { enabled: true } }).options!).autoscaling, { minTier: 'SP10', maxTier: 'SP50' });
  assert.throws(() => parseStartOptions({ name: 'p', autoscaling: { minTier: 'SP30', maxTier: 'SP10' } }), invalid(/options.autoscaling.minTier \(SP30\) is above maxTier \(SP10\)/));
  assert.throws(() => parseStartOptions({ name: 'p', tier: 'SP50', autoscaling: { enabled: true, minTier: 'SP5', maxTier: 'SP30' } }), invalid(/tier SP50 is outside the autoscaling range SP5..SP30: Atlas refuses to start the processor/));
  // The settings the processor was created with count: its options are the base.
  assert.throws(() => parseStartOptions({ name: 'p', tier: 'SP50' }, { autoscaling: { enabled: true, maxTier: 'SP30' } }), invalid(/outside the autoscaling range/));
  assert.throws(() => parseStartOptions({ name: 'p', tier: 'SP5' }, { failover: true }), invalid(/failover needs tier SP10 or above, the tier is SP5/));
  // Changes only the values given: earlier bounds stay.
  const first = { autoscaling: { enabled: true, minTier: 'SP5', maxTier: 'SP30' } };
  assert.deepEqual(parseStartOptions({ name: 'p', autoscaling: { maxTier: 'SP50' } }, first).options!['autoscaling'], { enabled: true, minTier: 'SP5', maxTier: 'SP50' });
  assert.equal(tierView(parseStartOptions({ name: 'p', autoscaling: { enabled: false } }, first).options!).autoscaling, undefined);
  // The driver's enableAutoScaling is autoscaling.enabled; a recorded one follows a new autoscaling.enabled.
  assert.deepEqual(tierView(parseStartOptions({ name: 'p', options: { enableAutoScaling: true } }).options!).autoscaling, { minTier: 'SP10', maxTier: 'SP50' });
  assert.deepEqual(parseStartOptions({ name: 'p', autoscaling: { enabled: false } }, { enableAutoScaling: true }).options, { enableAutoScaling: false, autoscaling: { enabled: false } });
  assert.throws(() => parseStartOptions({ name: 'p', enableAutoScaling: false, autoscaling: { enabled: true } }), invalid(/set the same thing to different values/));
  // A boolean failover is the failoverEnabled setting (mongosh placement), checked and recorded.
  assert.deepEqual(parseStartOptions({ name: 'p', failover: true, tier: 'SP30' }).options, { tier: 'SP30', failover: true });
});

test('start options: both placements, unknown fields, workers, failover and start positions', () => {
  const r = parseStartOptions({ name: 'p', resumeFromCheckpoint: false, options: { clearCheckpoints: 1, workers: 2, failover: { region: 'VIRGINIA_USA', mode: 'GRACEFUL' } } });
  assert.equal(r.resumeFromCheckpoint, false);
  assert.equal(r.clearCheckpoints, true);
  assert.deepEqual([r.settings, r.options], [{ workers: 2 }, undefined], 'a failover request is validated, not recorded');
  assert.deepEqual(r.warnings.map((w) => w.split(':')[0]), ['workers', 'failover']);
  assert.throws(() => parseStartOptions({ name: 'p', tier: 'SP10', options: { tier: 'SP30' } }), invalid(/Option 'tier' is given both at the top level and in 'options' with different values/));
  assert.throws(() => parseStartOptions({ name: 'p', turbo: true }), invalid(/^BSON field 'startStreamProcessor.turbo' is an unknown field.$/));
  assert.throws(() => parseStartOptions({ name: 'p', workers: 0 }), invalid(/workers' must be a positive integer/));
  assert.throws(() => parseStartOptions({ name: 'p', failover: { mode: 'SOON' } }), invalid(/failover.mode/));
  assert.throws(() => parseStartOptions({ name: 'p', resumeFromCheckpoint: 'no' }), invalid(/expected type 'bool'/));
  // startAtOperationTime: Extended JSON timestamp, date (whole seconds) or the Admin API's ISO string.
  const ts = parseStartOptions({ name: 'p', startAtOperationTime: { $timestamp: { t: 1700000000, i: 3 } } }).startAt as { startAtOperationTime: { high: number; low: number } };
  assert.deepEqual([ts.startAtOperationTime.high, ts.startAtOperationTime.low], [1700000000, 3]);
  const iso = parseStartOptions({ name: 'p', options: { startAtOperationTime: '2026-01-02T03:04:05.678Z' } }).startAt as { startAtOperationTime: { high: number; low: number } };
  assert.deepEqual([iso.startAtOperationTime.high, iso.startAtOperationTime.low], [Date.UTC(2026, 0, 2, 3, 4, 5) / 1000, 0]);
  const date = parseStartOptions({ name: 'p', startAtOperationTime: { $date: '2026-01-02T03:04:05.678Z' } }).startAt as { startAtOperationTime: { high: number } };
  assert.equal(date.startAtOperationTime.high, Date.UTC(2026, 0, 2, 3, 4, 5) / 1000);
  assert.deepEqual(parseStartOptions({ name: 'p', startAfter: { _data: '8200' } }).startAt, { startAfter: { _data: '8200' } });
  assert.throws(() => parseStartOptions({ name: 'p', startAfter: { _data: '82' }, startAtOperationTime: { $timestamp: { t: 1, i: 0 } } }), invalid(/^startAfter and startAtOperationTime cannot both be set$/));
  assert.throws(() => parseStartOptions({ name: 'p', startAtOperationTime: 'yesterday' }), invalid(/ISO-8601/));
  assert.throws(() => parseStartOptions({ name: 'p', startAfter: 'token' }), invalid(/resume token/));
});

test('stop and drop options: force, ttl and unknown fields', () => {
  assert.deepEqual(parseStopOptions({ name: 'p', force: true }), { force: true, warnings: [] });
  assert.deepEqual(parseStopOptions({ name: 'p', options: { force: true } }), { force: true, warnings: [] });
  assert.throws(() => parseStopOptions({ name: 'p', ttl: { size: 1, unit: 'day' } }), invalid(/stopStreamProcessor.ttl' is an unknown field/));
  const d = parseDropOptions({ name: 'p', force: true, ttl: { size: 30, unit: 'day' } });
  assert.equal(d.force, true);
  assert.match(d.warnings[0]!, /^ttl: /);
  assert.throws(() => parseDropOptions({ name: 'p', ttl: { size: 30, unit: 'week' } }), invalid(/ttl must be \{size: <positive number>, unit: ms\|second\|minute\|hour\|day\}/));
  assert.throws(() => parseDropOptions({ name: 'p', ttl: { size: -1, unit: 'day' } }), invalid(/ttl must be/));
});

test('a processor records its tier settings, shows them in stats and list, and names what it cannot honour', async (t) => {
  const { m, logs } = setup(t);
  m.create({ name: 's', pipeline: SOLAR });
  assert.deepEqual(((s) => [s.tier, s.effectiveTier, s.autoscaling])(m.stats({ name: 's' })), ['SP10', 'SP10', undefined], 'the workspace default before any start option');
  await assert.rejects(m.start({ name: 's', tier: 'SP50', autoscaling: { enabled: true, maxTier: 'SP30' } }), invalid(/outside the autoscaling range/));
  assert.equal(m.processor('s')!.state, 'CREATED', 'a start refused by its options changes nothing');
  const r = await m.start({ name: 's', options: { tier: 'SP30', autoscaling: { enabled: true, minTier: 'SP5' }, workers: 2 } });
  assert.deepEqual(r.warnings?.map((w) => w.split(':')[0]), ['tier', 'autoscaling', 'workers']);
  assert.ok(logs.some((l) => l.startsWith("warn: tier: the local engine runs every processor on one tier; 'SP30'")), logs.join('\n'));
  const s = m.stats({ name: 's' });
  assert.deepEqual([s.tier, s.effectiveTier, s.autoscaling], ['SP30', 'SP30', { minTier: 'SP5', maxTier: 'SP50' }]);
  const info = m.list().streamProcessors[0]!;
  assert.deepEqual([info.tier, info.effectiveTier, info.autoscaling, info.workers], ['SP30', 'SP30', { minTier: 'SP5', maxTier: 'SP50' }, 2]);
  assert.equal(m.list({ filter: { tier: 'SP30' } }).streamProcessors.length, 1);

  // Sample batches default to Atlas's 5 when batchSize is omitted or 0.
  const { cursorId } = m.startSample({ name: 's', limit: 50 });
  const batch = await waitFor(() => {
    const b = m.getMore({ name: 's', cursorId, batchSize: 0 });
    return b.messages.length > 0 ? b : undefined;
  }, 'a sample batch');
  assert.ok(batch.messages.length <= 5, `batch of ${batch.messages.length}`);
  await waitFor(() => m.stats({ name: 's' }).stats.inputMessageCount >= 20, 'more input');
  assert.equal(m.getMore({ name: 's', cursorId }).messages.length, 5);

  // stop {force}: no stop checkpoint.
  await waitFor(async () => (await m.listCheckpoints({ name: 's' })).checkpoints.length > 0, 'the start checkpoint');
  const before = (await m.listCheckpoints({ name: 's' })).checkpoints.map((c) => c.trigger);
  await m.stop({ name: 's', options: { force: true } });
  assert.deepEqual((await m.listCheckpoints({ name: 's' })).checkpoints.map((c) => c.trigger), before, 'force stops without a stop checkpoint');
  // Settings persist: a start without options reuses them (Atlas's autoscaling page).
  assert.equal((await m.start({ name: 's' })).warnings, undefined);
  assert.equal(m.stats({ name: 's' }).tier, 'SP30');
  await m.stop({ name: 's' });
  assert.equal((await m.listCheckpoints({ name: 's' })).checkpoints[0]!.trigger, 'stop');

  // modify: tier settings go to the recorded settings, merged; the rules apply again.
  const mod = await m.modify({ name: 's', autoscaling: { maxTier: 'SP30' } });
  assert.deepEqual(mod.warnings?.map((w) => w.split(':')[0]), ['autoscaling']);
  assert.deepEqual(m.stats({ name: 's' }).autoscaling, { minTier: 'SP5', maxTier: 'SP30' });
  await assert.rejects(m.modify({ name: 's', tier: 'SP50' }), invalid(/^modifyStreamProcessor: tier SP50 is outside the autoscaling range SP5..SP30/));
  await m.modify({ name: 's', autoscaling: { enabled: false } });
  assert.equal(m.stats({ name: 's' }).autoscaling, undefined);

  // A start position needs a change-stream $source.
  await assert.rejects(m.start({ name: 's', startAtOperationTime: { $timestamp: { t: 1, i: 0 } } }), invalid(/startAtOperationTime positions a change-stream \$source; the \$source of 's' is not a change stream/));

  // drop {ttl}: validated, then a warning naming it.
  await assert.rejects(m.drop({ name: 's', ttl: { size: 1, unit: 'fortnight' } }), invalid(/ttl must be/));
  const dropped = await m.drop({ name: 's', force: true, ttl: { size: 30, unit: 'day' } });
  assert.match(dropped.warnings![0]!, /^ttl: the local engine deletes a dropped processor and its checkpoints at once$/);
  assert.equal(m.list().streamProcessors.length, 0);
});
