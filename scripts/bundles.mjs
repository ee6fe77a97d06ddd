// The esbuild configurations of the extension's bundles, shared by scripts/esbuild.mjs (which
// builds them) and test/server/bundle.test.ts (which checks what they contain).
//
// Connector kinds (engine/connectors/<type>/kind.ts) reach their I/O half with
// `load: () => import('./runtime')`. Only the local instance (dist/engine-daemon.js) runs
// connectors; the extension host, the language server and the e2e suites read the kinds but
// never call load(), so their bundles replace each kind's runtime with a module that fails
// loudly if it is ever loaded, and carry no driver (docs/architecture.md, "Connector kinds").

/** @type {import('esbuild').Plugin} */
export const connectorRuntimesLeftOut = {
  name: 'connector-runtimes-left-out',
  setup(build) {
    build.onResolve({ filter: /^\.\/runtime$/ }, (args) => {
      const m = /engine[\\/]connectors[\\/]([^\\/]+)[\\/]kind\.ts$/.exec(args.importer);
      if (!m) return undefined;
      return { path: `engine/connectors/${m[1]}/runtime.ts`, namespace: 'connector-runtime-left-out' };
    });
    build.onLoad({ filter: /.*/, namespace: 'connector-runtime-left-out' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not in this bundle: only the local instance runs connectors`)});`,
      loader: 'js',
    }));
  },
};

/** Node bundles. */
export function nodeOptions({ production = false } = {}) {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    // jsonc-parser's UMD build requires its parts dynamically, which a bundle cannot follow.
    mainFields: ['module', 'main'],
    // kafkajs and mongodb optionally require native or cloud packages that the engine never uses.
    external: ['vscode', 'kerberos', '@mongodb-js/zstd', '@aws-sdk/credential-providers', 'gcp-metadata', 'snappy', 'socks', 'aws4', 'mongodb-client-encryption'],
  };
}

/** The bundles by name; `root` is the repository. */
export function bundles(root, { production = false } = {}) {
  const node = { ...nodeOptions({ production }), absWorkingDir: root };
  const ioFree = { ...node, plugins: [connectorRuntimesLeftOut] };
  return {
    client: { ...ioFree, entryPoints: { client: 'client/main.ts' }, outdir: 'dist' },
    server: { ...ioFree, entryPoints: { server: 'server/server.ts' }, outdir: 'dist' },
    daemon: { ...node, entryPoints: { 'engine-daemon': 'engine/daemon/main.ts' }, outdir: 'dist' },
    panel: {
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2020',
      sourcemap: false,
      minify: production,
      logLevel: 'warning',
      absWorkingDir: root,
      entryPoints: { panel: 'client/panel/webview.js' },
      outdir: 'dist',
    },
  };
}

/** The e2e suites: the extension's code, so the same rule as the client bundle. */
export function e2eOptions(root) {
  const node = nodeOptions();
  return { ...node, absWorkingDir: root, plugins: [connectorRuntimesLeftOut], external: [...node.external, 'mocha'], sourcemap: 'inline', minify: false };
}
