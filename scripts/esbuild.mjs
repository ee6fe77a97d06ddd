// Bundles the extension: dist/client.js (extension host), dist/server.js (language server),
// dist/engine-daemon.js (local instance), dist/panel.js + panel.css (output panel webview),
// dist/graph.js + graph.css (pipeline graph webview),
// and, with --tests, the end-to-end mocha suites into test/e2e/out/.
// Usage: node scripts/esbuild.mjs [--production] [--tests] [--only client|server|daemon|panel|graph]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const production = args.includes('--production');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const withTests = args.includes('--tests');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // jsonc-parser's UMD build requires its parts dynamically, which a bundle cannot follow.
  mainFields: ['module', 'main'],
  // kafkajs and mongodb optionally require native or cloud packages that the engine never uses.
  external: ['vscode', 'kerberos', '@mongodb-js/zstd', '@aws-sdk/credential-providers', 'gcp-metadata', 'snappy', 'socks', 'aws4', 'mongodb-client-encryption'],
};

/** A webview page: browser IIFE, no Node. */
const page = (name, entry) => ({
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  sourcemap: false,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  entryPoints: { [name]: entry },
  outdir: 'dist',
});

const builds = {
  client: { ...node, entryPoints: { client: 'client/main.ts' }, outdir: 'dist' },
  server: { ...node, entryPoints: { server: 'server/server.ts' }, outdir: 'dist' },
  daemon: { ...node, entryPoints: { 'engine-daemon': 'engine/daemon/main.ts' }, outdir: 'dist' },
  panel: page('panel', 'client/panel/view/main.ts'),
  graph: page('graph', 'client/graph/view/main.ts'),
};

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
fs.copyFileSync(path.join(root, 'client/graph/graph.css'), path.join(root, 'dist/graph.css'));
// The bundled daemon loads the zstd WebAssembly encoder from beside itself (Kafka $emit compression).
fs.copyFileSync(path.join(root, 'node_modules/@bokuweb/zstd-wasm/dist/common/zstd.wasm'), path.join(root, 'dist/zstd.wasm'));
if (withTests) {
  // mocha stays outside: the suite loads it from test/e2e/.deps at run time.
  await esbuild.build({ ...node, external: [...node.external, 'mocha'], sourcemap: 'inline', minify: false, entryPoints: e2eEntries(), outdir: 'test/e2e/out' });
}
for (const m of missing) process.stderr.write(`esbuild: skipped ${m} (not written yet)\n`);
process.stdout.write(`esbuild: ${names.filter((n) => !missing.includes(Object.values(builds[n].entryPoints)[0])).join(', ')}${withTests ? ', e2e suites' : ''} in ${Date.now() - started} ms\n`);
if (missing.length > 0 && production) process.exit(1);
