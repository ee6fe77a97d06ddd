/** "Observed in last run": the stage hover after asp/observedShapes, staleness after an edit, and the observed paths in completion. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { at, service } from './helpers';
import { observeDocs, pipelineHash } from '../../shared/observedShape';
import type { ObservedShapesParams } from '../../shared/protocol/observed';
import type { AspLanguageService } from '../../server/service';

const URI = 'file:///ws/observed.asp.json';
const SRC = { $source: { connectionName: 'sample_stream_solar' } };
const ADD = { $addFields: { kw: { $function: { body: 'function(w) { return { v: w / 1000 }; }', args: ['$obs.watts'], lang: 'js' } } } };
const PIPELINE = [SRC, ADD, { $match: { kw: { $gt: 0 } } }];
const TEXT = JSON.stringify(PIPELINE, null, 2);
const AT = new Date(2026, 11, 4, 14, 5).getTime();

const docs = Array.from({ length: 20 }, (_, i) => ({ device_id: `device_${i}`, obs: { watts: i < 18 ? 100 + i : 100.5 }, kw: { v: 0.1, from_run: 'x|y' } }));

function observed(s: AspLanguageService, pipeline: unknown[] = PIPELINE): void {
  const p: ObservedShapesParams = { uri: URI, pipelineHash: pipelineHash(pipeline), mode: 'Debug', at: AT, stages: [{ index: 1, stage: '$addFields', shape: observeDocs(docs) }] };
  s.setObserved(p);
}

function hoverAt(s: AspLanguageService, text: string, needle: string): string {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `no ${needle} in the text`);
  const { doc, pos } = at(text.slice(0, i + 2) + '|' + text.slice(i + 2), URI);
  const h: Hover | null = s.hover(doc, pos);
  return h ? (h.contents as { value: string }).value : '';
}

test('the stage hover shows what the last run observed: types with counts and samples', () => {
  const s = service();
  assert.doesNotMatch(hoverAt(s, TEXT, '"$addFields"'), /Observed in last run/, 'nothing before a run');
  observed(s);
  const t = hoverAt(s, TEXT, '"$addFields"');
  assert.match(t, /\*\*Observed in last run\*\* \(Debug at 14:05; 20 documents\)/);
  assert.match(t, /\| Field \| Types \| In \| Samples \|/);
  assert.match(t, /\| `device_id` \| string \| 20\/20 \| "device_0", "device_1", "device_2" \|/);
  assert.match(t, /\| `obs.watts` \| int 18, double 2 \| 20\/20 \| 100, 101, 102 \|/);
  assert.match(t, /\| `kw.from_run` \| string \| 20\/20 \| "x\\\|y" \|/, 'a pipe in a sample is escaped');
  assert.doesNotMatch(hoverAt(s, TEXT, '"$match"'), /Observed in last run/, 'only stages the run observed');
});

test('reformatting keeps the observation current; an edit marks it older; another operator drops it', () => {
  const s = service();
  observed(s);
  const flat = JSON.stringify(PIPELINE);
  assert.match(hoverAt(s, flat, '"$addFields"'), /\(Debug at 14:05; 20 documents\)/);
  const edited = JSON.stringify([SRC, ADD, { $match: { kw: { $gt: 1 } } }], null, 2);
  assert.match(hoverAt(s, edited, '"$addFields"'), /\*\*Observed in last run\*\* \(Debug at 14:05, pipeline since edited; 20 documents\)/);
  const replaced = JSON.stringify([SRC, { $set: { kw: 1 } }, { $match: {} }], null, 2);
  assert.doesNotMatch(hoverAt(s, replaced, '"$set"'), /Observed in last run/);
  s.setObserved({ uri: URI, pipelineHash: pipelineHash(PIPELINE), mode: 'Run', at: AT, stages: [] });
  assert.doesNotMatch(hoverAt(s, TEXT, '"$addFields"'), /Observed in last run/, 'an empty message clears it');
});

test('a capped observation says how many documents it read and how many paths it left out', () => {
  const s = service();
  const wide = Array.from({ length: 600 }, (_, i) => Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`f${k}`, i])));
  s.setObserved({ uri: URI, pipelineHash: pipelineHash(PIPELINE), mode: 'Run', at: AT, stages: [{ index: 1, stage: '$addFields', shape: observeDocs(wide, { maxFields: 20 }) }] });
  const t = hoverAt(s, TEXT, '"$addFields"');
  assert.match(t, /\(Run at 14:05; fields of the first 500 of 600 documents\)/);
  assert.equal(t.split('\n').filter((l) => l.startsWith('| `f')).length, 15);
  assert.match(t, /…and 15 more field paths\./);
});

test('observed paths join $-path completion of later stages while the pipeline is the one that ran', () => {
  const s = service();
  const text = JSON.stringify([SRC, ADD, { $set: { y: '$' } }]).replace('"$"', '"$|"');
  const labels = (): string[] => {
    const { doc, pos } = at(text, URI);
    return s.complete(doc, pos).items.map((i) => i.label);
  };
  const ran = [SRC, ADD, { $set: { y: '$' } }];
  assert.ok(!labels().includes('$kw.from_run'), 'not inferred from the text');
  observed(s, ran);
  const l = labels();
  assert.ok(l.includes('$kw.from_run') && l.includes('$kw.v') && l.includes('$device_id'), l.join(', '));
  observed(s, PIPELINE);
  assert.ok(!labels().includes('$kw.from_run'), 'an older observation does not complete');
  s.close(URI);
  assert.doesNotMatch(hoverAt(s, JSON.stringify(ran), '"$addFields"'), /Observed in last run/, 'closing the file forgets it');
});
