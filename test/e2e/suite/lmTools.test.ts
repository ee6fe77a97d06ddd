/** The language-model tools in a real VS Code: registered, invoked through vscode.lm, and asking before real sinks. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, suite, test } from './helpers';

const NAMES = ['asp_validatePipeline', 'asp_previewPipeline', 'asp_runPipelineTests'];

function textOf(r: vscode.LanguageModelToolResult): string {
  return r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

async function invoke(name: string, input: object): Promise<string> {
  const cts = new vscode.CancellationTokenSource();
  try {
    return textOf(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, cts.token));
  } finally {
    cts.dispose();
  }
}

suite('Language-model tools', () => {
  test('the three tools are registered with their input schemas', async () => {
    await api();
    for (const n of NAMES) {
      const t = vscode.lm.tools.find((x) => x.name === n);
      assert.ok(t, `${n} in vscode.lm.tools (${vscode.lm.tools.map((x) => x.name).join(', ')})`);
      assert.equal((t.inputSchema as { type?: string } | undefined)?.type, 'object');
    }
  });

  test('validate returns the diagnostics of a pipeline file, and of pipeline text', async () => {
    const bad = await invoke('asp_validatePipeline', { file: 'bad.asp.json' });
    assert.match(bad, /bad\.asp\.json:2:\d+ error ASP\d+/);
    const ok = await invoke('asp_validatePipeline', { pipeline: JSON.stringify([{ $source: { connectionName: 'sample_stream_solar' } }, { $match: { a: 1 } }]) });
    assert.match(ok, /^the given pipeline: 0 errors/);
  });

  test('preview runs a bounded Debug run and returns each stage with counts and samples', async () => {
    const a = await api();
    const prep = await a.lmTools.preview.prepareInvocation({ input: { file: 'demo.asp.json' } });
    assert.equal(prep.confirmationMessages, undefined, 'capture sinks and inline documents need no confirmation');
    const out = JSON.parse(await invoke('asp_previewPipeline', { file: 'demo.asp.json', perStage: 2 })) as {
      run: { reason: string; counts: { output: number }; sinks: string };
      stages: { stage: string; in: number; out: number; dropped: number; emitted: { device: string }[]; droppedSamples: unknown[] }[];
    };
    assert.equal(out.run.reason, 'drained');
    assert.equal(out.run.sinks, 'capture');
    assert.equal(out.run.counts.output, 3);
    assert.deepEqual(out.stages.map((s) => [s.stage, s.in, s.out, s.dropped]), [['$source', 5, 5, 0], ['$match', 5, 3, 2], ['$addFields', 3, 3, 0]]);
    assert.equal(out.stages[1]!.emitted.length, 2, 'perStage samples');
    assert.equal(out.stages[1]!.droppedSamples.length, 2);
  });

  test('a preview with real sinks asks the user first, naming what it writes', async () => {
    const a = await api();
    const prep = await a.lmTools.preview.prepareInvocation({ input: { file: 'dlq.asp.json', realSinks: true } });
    assert.ok(prep.confirmationMessages, 'a confirmation');
    assert.match(prep.confirmationMessages.title, /real sinks/);
    const msg = prep.confirmationMessages.message;
    assert.match(typeof msg === 'string' ? msg : msg.value, /\$merge writes into e2e\.ratios of connection 'local'/);
    const live = await a.lmTools.preview.prepareInvocation({ input: { pipeline: JSON.stringify([{ $source: { connectionName: 'kafka', topic: 't' } }]) } });
    assert.ok(live.confirmationMessages, 'a live source asks too');
  });

  test('the tests tool runs a fixture and reports each test', async () => {
    const out = await invoke('asp_runPipelineTests', { file: 'demo.asp.json' });
    assert.match(out, /demo\.asp\.test\.json/);
    assert.match(out, /✓ readings over 100 W pass, in kW/);
    assert.match(out, /\d+ passed, \d+ failed/);
  });
});
