import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng, solarReading } from '../../../engine/sources/sample';
import { runPipelineText } from '../../../engine/pipeline/run';
import { ManualClock } from '../../../engine/core/clock';

test('sample: fields, order and ranges follow asp-spec §2.4', () => {
  const rnd = prng(7);
  const noon = Date.UTC(2024, 7, 12, 21, 47, 47, 287);
  let errors = 0;
  for (let i = 0; i < 20000; i++) {
    const d = solarReading(noon, rnd);
    assert.match(d['device_id'] as string, /^device_(10|[0-9])$/);
    assert.ok(Number.isInteger(d['group_id']) && (d['group_id'] as number) >= 0 && (d['group_id'] as number) <= 10);
    assert.equal(d['timestamp'], '2024-08-12T21:47:47.287+00:00');
    assert.equal(d['max_watts'], 450);
    if (d['event_type'] === 1) {
      errors++;
      assert.deepEqual(Object.keys(d), ['device_id', 'group_id', 'timestamp', 'max_watts', 'event_type', 'event_details']);
      assert.equal(d['event_details'], 'Network error');
    } else {
      assert.deepEqual(Object.keys(d), ['device_id', 'group_id', 'timestamp', 'max_watts', 'event_type', 'obs']);
      const obs = d['obs'] as { watts: number; temp: number };
      assert.ok(obs.watts >= 0 && obs.watts <= 450 && obs.temp >= 5 && obs.temp <= 25);
    }
  }
  // One error event in 200, within a generous band for 20k draws.
  assert.ok(errors > 60 && errors < 150, `errors=${errors}`);
});

test('sample: readings before noon UTC are halved', () => {
  const rnd = prng(3);
  let maxW = 0;
  let maxT = 0;
  for (let i = 0; i < 5000; i++) {
    const d = solarReading(Date.UTC(2024, 0, 1, 9), rnd);
    const obs = d['obs'] as { watts: number; temp: number } | undefined;
    if (obs) {
      maxW = Math.max(maxW, obs.watts);
      maxT = Math.max(maxT, obs.temp);
    }
  }
  assert.equal(maxW, 225);
  assert.equal(maxT, 12);
});

test('sample: a seed pins the stream, and event time comes from the clock', async () => {
  const text = JSON.stringify([{ $source: { connectionName: 'sample_stream_solar' } }]);
  const a = await runPipelineText(text, { sample: { rate: 0, seed: 11 }, limit: 50, clock: new ManualClock(Date.UTC(2024, 0, 1, 13)) });
  const b = await runPipelineText(text, { sample: { rate: 0, seed: 11 }, limit: 50, clock: new ManualClock(Date.UTC(2024, 0, 1, 13)) });
  assert.equal(a.docs.length, 50);
  assert.deepEqual(a.docs, b.docs);
  assert.equal((a.docs[0]!['_ts'] as Date).toISOString(), '2024-01-01T13:00:00.000Z');
  assert.deepEqual(a.docs[0]!['_stream_meta'], { source: { type: 'generated' } });
});
