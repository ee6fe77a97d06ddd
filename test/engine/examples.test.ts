// Every catalog example runs as a test, for all four registries (stages, expression operators,
// query operators, accumulators), so hover docs and behaviour cannot drift apart. Stage examples
// run as real pipelines; the ones that read or write the embedded `local` store ($lookup,
// $merge) get a fresh store in a temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allStages } from '../../engine/stages/registry';
import { allExprOperators } from '../../engine/expr/registry';
import { queryOperators } from '../../engine/query/registry';
import { allAccumulators } from '../../engine/accumulators/registry';
import type { StageExample, StageSpec } from '../../engine/parse/types';
import type { Doc } from '../../engine/core/types';
import { runPipelineText } from '../../engine/pipeline/run';
import { builtinRegistry } from '../../engine/connectors/catalog/registry';
import { createServices } from '../../engine/connectors/services';
import { ManualClock } from '../../engine/core/clock';
import { toRelaxedJSON } from '../../engine/json/ejson';
import { plainDoc } from '../helpers/plainDoc';
import { run as runExpr } from './expr/_support';
import { compile as compileQuery } from './query/_support';
import { runAccumulator } from './windows/_accumulate';

const runnable = (e: StageExample): boolean => e.output !== undefined || e.stored !== undefined;

test('every stage has a runnable example, or says why it has none', () => {
  const missing = allStages.filter((s) => !s.examples.some(runnable) && !s.noExample).map((s) => s.name);
  assert.deepEqual(missing, [], 'add a runnable example (output or stored) or a noExample reason');
  for (const name of ['$lookup', '$merge', '$emit', '$source']) {
    assert.ok(allStages.find((s) => s.name === name)!.examples.some(runnable), `${name} runs against local / __testLog`);
  }
});

/** The pipeline an example runs in: sources alone, window-only stages inside one day-long window. */
function pipelineOf(spec: StageSpec, ex: StageExample): Doc[] {
  if (spec.kind === 'source') return [ex.stage];
  const stage = spec.kind === 'windowOnly'
    ? { $tumblingWindow: { interval: { size: 1, unit: 'day' }, allowedLateness: 0, pipeline: [ex.stage] } }
    : ex.stage;
  const timed = ex.input.length > 0 && ex.input.every((d) => d['_ts'] instanceof Date);
  return [{ $source: timed ? { documents: ex.input, timeField: '$_ts' } : { documents: ex.input } }, stage];
}

const byId = (a: Doc, b: Doc): number => String(a['_id']).localeCompare(String(b['_id']));

for (const spec of allStages) {
  for (const ex of spec.examples.filter(runnable)) {
    test(`example ${spec.name}: ${ex.title}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'asp-example-'));
      const connections = builtinRegistry();
      const services = createServices(connections, { stateDir: dir });
      try {
        for (const [coll, docs] of Object.entries(ex.store ?? {})) services.localStore.collection('asp', coll).insertMany(docs);
        const r = await runPipelineText(toRelaxedJSON(pipelineOf(spec, ex)), { connections, services, clock: new ManualClock(Date.UTC(2024, 0, 1)) });
        assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
        assert.deepEqual(r.docs.map(plainDoc), JSON.parse(toRelaxedJSON(ex.output ?? [])));
        assert.deepEqual(r.dlq.map((x) => (x['errInfo'] as { reason: string }).reason), ex.dlq ?? []);
        for (const [coll, docs] of Object.entries(ex.stored ?? {})) {
          const got = services.localStore.collection('asp', coll).find({}).sort(byId).map(plainDoc);
          assert.deepEqual(got, JSON.parse(toRelaxedJSON([...docs].sort(byId))), `local asp.${coll}`);
        }
      } finally {
        await services.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}

for (const op of allExprOperators) {
  test(`examples of ${op.name}`, () => {
    for (const ex of op.examples) {
      const out = runExpr(ex.expr, ex.doc, ex.meta);
      const label = `${op.name}: ${JSON.stringify(ex.expr)}`;
      if (ex.error !== undefined) {
        // A call with only constant arguments fails when compiled, with MongoDB's text as the reason.
        const messages = 'diagnostics' in out ? out.diagnostics.map((d) => (d.code === 'ASP411' && typeof d.reason === 'string' ? d.reason : d.message)) : 'error' in out ? [out.error] : [];
        assert.ok(messages.includes(ex.error), `${label}: expected error "${ex.error}", got ${JSON.stringify(out)}`);
      } else {
        assert.ok('value' in out, `${label}: ${JSON.stringify(out)}`);
        assert.deepStrictEqual(out.value, ex.expected, label);
      }
    }
  });
}

test('every query operator has 1-3 examples, each with an outcome', () => {
  for (const op of queryOperators) {
    assert.ok(op.examples.length >= 1 && op.examples.length <= 3, `${op.name}: ${op.examples.length} examples`);
    for (const ex of op.examples) assert.ok((ex.matches === undefined) !== (ex.error === undefined), `${op.name}: matches or error`);
    // operators ASP or the local engine rejects document the rejection
    if (op.unsupported) assert.ok(op.examples.every((ex) => ex.error !== undefined), op.name);
  }
});

for (const op of queryOperators) {
  test(`examples of ${op.name}`, () => {
    for (const ex of op.examples) {
      const label = `${op.name}: ${JSON.stringify(ex.filter)} on ${JSON.stringify(ex.doc)}`;
      const { diagnostics, matches } = compileQuery(ex.filter);
      if (ex.error !== undefined) {
        assert.ok(diagnostics.some((d) => d.message === ex.error), `${label}: expected "${ex.error}", got ${JSON.stringify(diagnostics)}`);
        continue;
      }
      assert.deepEqual(diagnostics, [], label);
      assert.equal(matches(ex.doc), ex.matches, label);
    }
  });
}

for (const acc of allAccumulators) {
  test(`examples of ${acc.name}`, () => {
    for (const ex of acc.examples) assert.deepEqual(runAccumulator(ex.acc, ex.input), ex.expected, `${acc.name}: ${ex.title}`);
  });
}
