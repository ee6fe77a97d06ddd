// Every stage's catalog examples run as tests, so hover docs and behaviour cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allStages } from '../../../engine/stages/registry';
import { runPipelineText } from '../../../engine/pipeline/run';
import { ManualClock } from '../../../engine/core/clock';
import { toRelaxedJSON } from '../../../engine/json/ejson';
import { plainDoc } from '../../helpers/plainDoc';

const runnable = allStages.flatMap((s) => s.examples.filter((e) => e.output !== undefined).map((e) => ({ spec: s, ex: e })));

test('the catalog has runnable examples for the stages that run locally', () => {
  const withExamples = new Set(runnable.map((r) => r.spec.name));
  for (const name of ['$match', '$project', '$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith', '$redact', '$unwind', '$validate']) {
    assert.ok(withExamples.has(name), `${name} has no runnable example`);
  }
});

for (const { spec, ex } of runnable) {
  // Sources and sinks need connections; their examples are exercised by integration tests.
  if (spec.kind === 'source' || spec.kind === 'sink') continue;
  test(`example ${spec.name}: ${ex.title}`, async () => {
    // Window-only stages ($group, $sort, ...) run inside one window that holds every input.
    const stage = spec.kind === 'windowOnly'
      ? { $tumblingWindow: { interval: { size: 1, unit: 'day' }, allowedLateness: 0, pipeline: [ex.stage] } }
      : ex.stage;
    const timed = ex.input.length > 0 && ex.input.every((d) => d['_ts'] instanceof Date);
    const src = timed ? { documents: ex.input, timeField: '$_ts' } : { documents: ex.input };
    const text = toRelaxedJSON([{ $source: src }, stage]);
    const r = await runPipelineText(text, { clock: new ManualClock(Date.UTC(2024, 0, 1)) });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(r.docs.map(plainDoc), JSON.parse(toRelaxedJSON(ex.output!)));
    assert.deepEqual(r.dlq.map((x) => (x['errInfo'] as { reason: string }).reason), ex.dlq ?? []);
  });
}
