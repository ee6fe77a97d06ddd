/**
 * The golden corpus again, stopped and resumed in the middle: a first run sees only the first k
 * input documents, checkpoints at its batch boundary (through the real encoder and file store)
 * and stops; a second run of the full pipeline restores that checkpoint, continues at document k
 * and drains. Together they must print exactly the golden output, for every k.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { analyzeText } from '../../../../engine/pipeline/analyze';
import { PipelineRun } from '../../../../engine/pipeline/run';
import { goldenEnv, type GoldenEnv } from '../../../golden/corpus';
import { ManualClock } from '../../../../engine/core/clock';
import type { Doc } from '../../../../engine/core/types';
import { encodeCheckpoint, tableSnapshot } from '../../../../engine/runtime/checkpoint/codec';
import { FileCheckpointStore } from '../../../../engine/runtime/checkpoint/fileStore';
import { tempDir } from '../../../helpers/tempDir';
import { ROOT } from '../../../helpers/root';

// The corpus stays in the source tree, whether this file runs from test/ or out/test/.
const GOLDEN = join(ROOT, 'test', 'golden');
const T0 = Date.UTC(2024, 0, 1);

type Shape = { pipeline: Doc[] } & Doc;

function load(file: string): { shape: Shape; bare: boolean } {
  const j = JSON.parse(readFileSync(join(GOLDEN, 'pipelines', file), 'utf8')) as Doc[] | Shape;
  return Array.isArray(j) ? { shape: { pipeline: j }, bare: true } : { shape: j, bare: false };
}

function withDocuments(shape: Shape, bare: boolean, docs: unknown[]): string {
  const src = shape.pipeline[0]!['$source'] as Doc;
  const pipeline = [{ $source: { ...src, documents: docs } }, ...shape.pipeline.slice(1)];
  return JSON.stringify(bare ? pipeline : { ...shape, pipeline });
}

function newRun(env: GoldenEnv, text: string, out: { docs: string[]; dlq: string[] }, drain: boolean, onBatch?: (r: PipelineRun) => void): PipelineRun {
  const { connections, services } = env;
  const a = analyzeText(text, { connections });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  return new PipelineRun(a.processor!, a.validated!, {
    connections,
    services,
    clock: new ManualClock(T0),
    drain,
    onOutput: (d) => void out.docs.push(EJSON.stringify(d)),
    onDlq: (r) => void out.dlq.push(EJSON.stringify({ _dlqMessage: r })),
    onBatch,
  });
}

for (const file of readdirSync(join(GOLDEN, 'pipelines')).filter((f) => f.endsWith('.asp.json')).sort()) {
  const name = file.replace(/\.asp\.json$/, '');
  test(`golden with checkpoint, stop and resume at every document: ${name}`, async (t) => {
    const expected = readFileSync(join(GOLDEN, 'expected', `${name}.jsonl`), 'utf8').split('\n').filter((l) => l.length > 0);
    const { shape, bare } = load(file);
    const all = (shape.pipeline[0]!['$source'] as Doc)['documents'] as unknown[];
    assert.ok(Array.isArray(all) && all.length > 1, 'a golden pipeline reads an inline documents array');
    const dir = tempDir(t, 'asp-golden-');
    const env = await goldenEnv(name);
    t.after(() => env.close());
    for (let k = 0; k <= all.length; k++) {
      const store = new FileCheckpointStore(join(dir, `${name}-${k}`));
      const out = { docs: [] as string[], dlq: [] as string[] };
      let saved: Promise<unknown> | undefined;
      const first = newRun(env, withDocuments(shape, bare, all.slice(0, k)), out, false, (r) => {
        if (saved) return;
        const s = r.snapshot(tableSnapshot);
        saved = store.save(encodeCheckpoint({ id: 1, time: T0, positions: { source: s.position }, tables: s.tables }));
        r.stop();
      });
      assert.equal(await first.run(), 'stopped');
      await saved;
      const ck = (await store.loadLatest()).checkpoint!;
      assert.deepEqual(ck.positions['source'], { index: k });
      const second = newRun(env, withDocuments(shape, bare, all), out, true);
      second.restoreFrom({ position: ck.positions['source'], tables: ck.tables, watermark: -Infinity });
      assert.equal(await second.run(), 'endOfInput');
      assert.deepEqual([...out.docs, ...out.dlq], expected, `resumed after ${k} of ${all.length} documents`);
    }
  });
}
