/**
 * The I/O-free bundles, built with the real configurations (scripts/bundles.mjs): the language
 * server and the extension host read the connector kinds but carry no connector I/O and no
 * driver. Each kind's `load()` is the one way to its runtime.ts, and those bundles replace
 * exactly those modules (docs/architecture.md, "Connector kinds"); the daemon keeps them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { bundles } from '../../scripts/bundles.mjs';
import { CONNECTION_KINDS } from '../../engine/connectors/catalog/index';

const root = join(__dirname, '..', '..');
const LEFT_OUT = 'connector-runtime-left-out:';

async function inputsOf(b: BuildOptions): Promise<string[]> {
  const r = await build({ ...b, write: false, metafile: true, logLevel: 'silent', sourcemap: false });
  return Object.keys((r.metafile as Metafile).inputs);
}

const isCatalogHalf = (p: string): boolean => p.startsWith('engine/connectors/catalog/') || /^engine\/connectors\/[^/]+\/kind\.ts$/.test(p);

for (const name of ['server', 'client'] as const) {
  test(`the ${name} bundle holds the connection kinds but no connector I/O and no Kafka or MongoDB driver`, async () => {
    const inputs = await inputsOf(bundles(root)[name]);
    assert.ok(inputs.some((p) => p.startsWith('engine/connectors/catalog/')), 'the connector catalog is in the graph');
    if (name === 'server') assert.ok(inputs.some((p) => p.startsWith('engine/stages/')), 'the stage catalog is in the graph');
    const forbidden = inputs.filter((p) => /(^|\/)node_modules\/(kafkajs|mongodb|avsc)\//.test(p) || (p.startsWith('engine/connectors/') && !isCatalogHalf(p)));
    assert.deepEqual(forbidden, []);
    // What was replaced is exactly each loading kind's runtime.ts: the rule hides nothing else.
    const replaced = inputs.filter((p) => p.startsWith(LEFT_OUT)).map((p) => p.slice(LEFT_OUT.length)).sort();
    const loading = CONNECTION_KINDS.filter((k) => k.load).length;
    assert.equal(replaced.length, loading, replaced.join(', '));
    for (const p of replaced) assert.match(p, /^engine\/connectors\/[^/]+\/runtime\.ts$/);
  });
}

test('the daemon bundle keeps every kind\'s runtime (it runs the connectors)', async () => {
  const inputs = await inputsOf(bundles(root).daemon);
  assert.deepEqual(inputs.filter((p) => p.startsWith(LEFT_OUT)), []);
  const runtimes = inputs.filter((p) => /^engine\/connectors\/[^/]+\/runtime\.ts$/.test(p));
  assert.equal(runtimes.length, CONNECTION_KINDS.filter((k) => k.load).length, runtimes.join(', '));
});
