import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnosticsText, previewText, runRisks } from '../../client/lm/report';
import type { StageTrace } from '../../shared/protocol';

const root = path.resolve(__dirname, '..', '..');

test('a preview asks first only for real sinks, live sources and stages that call out', () => {
  const sample = { $source: { connectionName: 'sample_stream_solar' } };
  const merge = { $merge: { into: { connectionName: 'atlas', db: 'shop', coll: 'orders' } } };
  assert.deepEqual(runRisks([sample, { $match: {} }, merge], false), []);
  assert.deepEqual(runRisks([{ $source: { documents: [] } }, merge], true), ["$merge writes into shop.orders of connection 'atlas'"]);
  assert.deepEqual(runRisks([{ $source: { connectionName: 'kafka', topic: 't' } }, { $emit: { connectionName: 'k2', topic: 'out' } }], true), [
    "$source reads from connection 'kafka'",
    "$emit writes to topic 'out' of connection 'k2'",
  ]);
  const inner = { $tumblingWindow: { interval: { size: 1, unit: 'second' }, pipeline: [{ $lookup: { from: { connectionName: 'cluster', db: 'd', coll: 'c' }, as: 'x' } }] } };
  assert.deepEqual(runRisks([sample, { $https: { connectionName: 'api' } }, inner], false), [
    "$https calls an HTTPS endpoint (connection 'api')",
    "$lookup reads from a cluster (connection 'cluster')",
  ]);
  assert.deepEqual(runRisks([sample, { $lookup: { from: { connectionName: 'local', db: 'd', coll: 'c' }, as: 'x' } }], false), [], 'the embedded store is local');
});

const stage = (index: number, name: string, docs: number): StageTrace => ({
  index, stage: name, inCount: docs, outCount: docs, droppedCount: 0, dlqCount: 0,
  emitted: Array.from({ length: docs }, (_, i) => ({ i, pad: 'x'.repeat(200) })), dropped: [], dlq: [],
});

test('the preview result: counts and samples per stage, fewer samples when it would be too long', () => {
  const ended = { name: 'r', reason: 'drained' as const, counts: { input: 20, output: 20, dlq: 0 } };
  const trace = [stage(0, '$source', 20), stage(1, '$match', 20)];
  const full = JSON.parse(previewText({ pipeline: 'p.asp.json', diagnostics: [], ended, sinks: 'capture', trace }, 1_000_000));
  assert.equal(full.run.reason, 'drained');
  assert.equal(full.stages[1].stage, '$match');
  assert.equal(full.stages[1].emitted.length, 20);
  assert.equal(full.samplesCut, undefined);
  const cut = previewText({ pipeline: 'p.asp.json', diagnostics: [], ended, sinks: 'capture', trace }, 3000);
  assert.ok(cut.length <= 3000, `${cut.length}`);
  const v = JSON.parse(cut);
  assert.ok(v.stages[0].emitted.length < 20);
  assert.match(v.samplesCut, /at most \d+ sample/);
  assert.equal(v.stages[0].in, 20, 'counts are never cut');
});

test('diagnostics as lines the model can act on', () => {
  assert.equal(diagnosticsText('a.asp.json', []), 'a.asp.json: no problems found.');
  const t = diagnosticsText('a.asp.json', [{ line: 2, col: 5, severity: 'error', code: 'ASP201', message: 'bad' }, { line: 3, col: 1, severity: 'information', code: 'ASP206', message: 'no sink' }]);
  assert.equal(t, 'a.asp.json: 1 error, 1 other.\na.asp.json:2:5 error ASP201 bad\na.asp.json:3:1 information ASP206 no sink');
});

test('every tool the extension registers is declared in package.json with an input schema, and the reverse', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const declared = (pkg.contributes.languageModelTools as { name: string; inputSchema?: { type: string }; modelDescription?: string }[]);
  const src = fs.readFileSync(path.join(root, 'client', 'lm', 'tools.ts'), 'utf8');
  const names = [...src.matchAll(/(\w+): '(asp_\w+)'/g)].map((m) => m[2]);
  assert.deepEqual(declared.map((t) => t.name).sort(), [...names].sort());
  for (const t of declared) {
    assert.equal(t.inputSchema?.type, 'object', t.name);
    assert.ok((t.modelDescription ?? '').length > 80, t.name);
  }
  const [major, minor] = String(pkg.engines.vscode).replace(/^\^/, '').split('.').map(Number);
  assert.ok(major! > 1 || minor! >= 95, 'vscode.lm.registerTool needs VS Code 1.95');
});
