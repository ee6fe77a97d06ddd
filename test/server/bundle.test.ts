import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(__dirname, '..', '..');

// The layering rule of design.md: the language server imports the catalog, never the connectors.
test('the language server bundle holds no connector code and no Kafka or MongoDB driver', async () => {
  const r = await build({
    entryPoints: ['server/server.ts'],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    external: ['vscode'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(r.metafile.inputs);
  assert.ok(inputs.includes('server/server.ts'), 'the metafile lists the entry point');
  assert.ok(inputs.some((p) => p.startsWith('engine/stages/')), 'the catalog is in the graph');
  const forbidden = inputs.filter((p) => /(^|\/)node_modules\/(kafkajs|mongodb)\//.test(p) || p.startsWith('engine/connectors/'));
  assert.deepEqual(forbidden, []);
});
