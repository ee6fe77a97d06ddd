// Bundles the extension: dist/client.js (extension host), dist/server.js (language server),
// dist/engine-daemon.js (local instance), dist/panel.js + panel.css (output panel webview),
// and, with --tests, the end-to-end mocha suites into test/e2e/out/.
// Usage: node scripts/esbuild.mjs [--production] [--tests] [--only client|server|daemon|panel]
// The configurations are in scripts/bundles.mjs.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundles, e2eOptions } from './bundles.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const production = args.includes('--production');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const withTests = args.includes('--tests');

const builds = bundles(root, { production });

function e2eEntries() {
  const dir = path.join(root, 'test', 'e2e', 'suite');
  return Object.fromEntries(
    fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => [f.replace(/\.ts$/, ''), `test/e2e/suite/${f}`]),
  );
}

const started = Date.now();
const names = only ? [only] : Object.keys(builds);
const missing = [];
await Promise.all(
  names.map(async (name) => {
    const b = builds[name];
    const entry = Object.values(b.entryPoints)[0];
    if (!fs.existsSync(path.join(root, entry))) {
      missing.push(entry);
      return;
    }
    await esbuild.build(b);
  }),
);
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.copyFileSync(path.join(root, 'client/panel/panel.css'), path.join(root, 'dist/panel.css'));
// The bundled daemon loads the zstd WebAssembly encoder from beside itself (Kafka $emit compression).
fs.copyFileSync(path.join(root, 'node_modules/@bokuweb/zstd-wasm/dist/common/zstd.wasm'), path.join(root, 'dist/zstd.wasm'));
if (withTests) {
  // mocha stays outside: the suite loads it from test/e2e/.deps at run time.
  await esbuild.build({ ...e2eOptions(root), entryPoints: e2eEntries(), outdir: 'test/e2e/out' });
}
for (const m of missing) process.stderr.write(`esbuild: skipped ${m} (not written yet)\n`);
process.stdout.write(`esbuild: ${names.filter((n) => !missing.includes(Object.values(builds[n].entryPoints)[0])).join(', ')}${withTests ? ', e2e suites' : ''} in ${Date.now() - started} ms\n`);
if (missing.length > 0 && production) process.exit(1);
