/**
 * Golden corpus: every test/golden/pipelines/<name>.asp.json runs to completion (drained) and
 * must print exactly test/golden/expected/<name>.jsonl: output documents, then DLQ records as
 * `{"_dlqMessage": ...}`, one relaxed Extended JSON line each. UPDATE_GOLDEN=1 rewrites them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { runPipelineText } from '../../engine/pipeline/run';
import { ManualClock } from '../../engine/core/clock';

const dir = __dirname;
const pipelines = readdirSync(join(dir, 'pipelines')).filter((f) => f.endsWith('.asp.json')).sort();

for (const file of pipelines) {
  const name = file.replace(/\.asp\.json$/, '');
  test(`golden: ${name}`, async () => {
    const path = join(dir, 'pipelines', file);
    const r = await runPipelineText(readFileSync(path, 'utf8'), { file: path, clock: new ManualClock(Date.UTC(2024, 0, 1)), drain: true });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    const lines = [...r.docs.map((d) => EJSON.stringify(d)), ...r.dlq.map((d) => EJSON.stringify({ _dlqMessage: d }))];
    const expectedPath = join(dir, 'expected', `${name}.jsonl`);
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(expectedPath)) writeFileSync(expectedPath, lines.join('\n') + '\n');
    const expected = readFileSync(expectedPath, 'utf8').split('\n').filter((l) => l.length > 0);
    assert.deepEqual(lines, expected);
  });
}
