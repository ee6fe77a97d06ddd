// Every example in examples/ runs here, except the Kafka ones, which test/integration/examples.test.ts
// runs against the real broker. Sample-based examples use a clock that steps 50 ms per reading,
// so 10-second windows fire without waiting on the wall clock.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT } from '../../helpers/root';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { PipelineRun } from '../../../engine/pipeline/run';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { createServices } from '../../../engine/connectors/services';
import type { Doc } from '../../../engine/core/types';

const dir = join(ROOT, 'examples');
const base = mkdtempSync(join(tmpdir(), 'asp-example-'));
after(() => rmSync(base, { recursive: true, force: true }));
const files = readdirSync(dir).filter((f) => f.endsWith('.asp.json') && !f.startsWith('kafka-'));

test('examples: there is a basic solar pipeline and a $validate + DLQ pipeline', () => {
  assert.ok(files.includes('solar-basic.asp.json'));
  assert.ok(files.includes('validate-dlq.asp.json'));
});

for (const f of files) {
  test(`example ${f} runs on the embedded default`, async () => {
    const connections = builtinRegistry();
    const a = analyzeText(readFileSync(join(dir, f), 'utf8'), { connections, file: f });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
    let t = Date.UTC(2024, 5, 1, 12);
    const services = createServices(connections, { stateDir: mkdtempSync(join(base, 'state-')) });
    const out: Doc[] = [];
    const dlq: Doc[] = [];
    const sinkOut: Doc[] = [];
    const run = new PipelineRun(a.processor!, a.validated!, {
      connections,
      services,
      clock: { now: () => (t += 50) },
      sample: { rate: 0, seed: 5 },
      limit: 25,
      onOutput: (d) => out.push(d),
      onSinkOutput: (d) => sinkOut.push(d),
      onDlq: (r) => dlq.push(r),
    });
    try {
      const end = await run.run();
      assert.ok(end === 'limit' || end === 'endOfInput', `ended by ${end}`);
    } finally {
      await services.close();
    }
    assert.ok(out.length + sinkOut.length + dlq.length > 0, 'the example produced output');
  });
}
