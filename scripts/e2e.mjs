// End-to-end tests in a real VS Code (shared/infra/vscode-e2e.md):
//  (a) mocha suites inside the real Node extension host: the VS Code server bundled in
//      code-server, started with --enable-smoke-test-driver, opened by headless Chromium with
//      an extensionDevelopmentPath/extensionTestsPath payload;
//  (b) the packaged VSIX installed into code-server, driven through the DOM by Playwright.
// Installs its tools idempotently into test/e2e/.deps; HOME and XDG dirs point at a temp
// dir. Prints `N passed, N failed` last and exits non-zero on failure.
// Usage: node scripts/e2e.mjs [--only host|ui] [--keep]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureApt, ensureNpmTools } from './e2e-setup.mjs';
import { runUiTests } from '../test/e2e/ui.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEPS = path.join(ROOT, 'test', 'e2e', '.deps');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const keep = args.includes('--keep');
const log = (m) => process.stdout.write(`${m}\n`);

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-e2e-'));
const ENV = {
  ...process.env,
  HOME: path.join(TMP, 'home'),
  XDG_CONFIG_HOME: path.join(TMP, 'xdg', 'config'),
  XDG_DATA_HOME: path.join(TMP, 'xdg', 'data'),
  XDG_CACHE_HOME: path.join(TMP, 'xdg', 'cache'),
  TMPDIR: path.join(TMP, 'tmp'),
};
for (const d of [ENV.HOME, ENV.XDG_CONFIG_HOME, ENV.XDG_DATA_HOME, ENV.XDG_CACHE_HOME, ENV.TMPDIR]) fs.mkdirSync(d, { recursive: true });

const children = [];
function startGroup(cmd, argv, logFile, env = ENV) {
  const out = fs.openSync(logFile, 'w');
  const child = spawn(cmd, argv, { env, detached: true, stdio: ['ignore', out, out] });
  children.push(child);
  return child;
}
function stopAll() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
process.on('exit', stopAll);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHttp(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with code ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve(res.statusCode !== undefined && res.statusCode < 500);
      });
      req.on('error', () => resolve(false));
      req.setTimeout(2000, () => req.destroy());
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function waitTcp(port, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`127.0.0.1:${port}: the instance exited with code ${child.exitCode}`));
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve();
      });
      s.on('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`127.0.0.1:${port} did not listen within ${timeoutMs} ms`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

/**
 * A second local instance with its wire front door on a free 127.0.0.1 port: the "Atlas
 * workspace" the deploy steps target (it speaks the same protocol). Optional SCRAM credentials.
 */
async function secondInstance(name, auth) {
  const port = await freePort();
  const argv = [path.join(ROOT, 'dist', 'engine-daemon.js'), '--state-dir', path.join(TMP, `${name}-state`), '--no-stdio', '--wire', `127.0.0.1:${port}`];
  const env = { ...ENV };
  if (auth) {
    argv.push('--wire-user', auth.user, '--wire-password', '${env:ASP_E2E_SECOND_PW}');
    env.ASP_E2E_SECOND_PW = auth.password;
  }
  const child = startGroup(process.execPath, argv, path.join(TMP, `${name}.log`), env);
  await waitTcp(port, 60000, child);
  return port;
}

function copyWorkspace(name, second) {
  const ws = path.join(TMP, name);
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'fixtures', 'ws'), ws, { recursive: true });
  const target = { name: 'second', connectionString: `mongodb://127.0.0.1:${second.port}/`, environment: 'production' };
  if (second.auth) Object.assign(target, { username: second.auth.user, password: '${env:ASP_E2E_SECOND_PW_UNSET}' });
  fs.writeFileSync(path.join(ws, 'asp.targets.json'), `${JSON.stringify({ targets: [target] }, null, 2)}\n`);
  return ws;
}

async function browser() {
  return chromium.launchPersistentContext(fs.mkdtempSync(path.join(TMP, 'chromium-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    env: ENV,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** (a) mocha inside the extension host. */
async function hostTests() {
  const port = await freePort();
  const resultFile = path.join(TMP, 'host-result.json');
  const server = path.join(DEPS, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
  const child = startGroup(
    process.execPath,
    [server, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver',
      '--telemetry-level', 'off', '--disable-workspace-trust', '--server-data-dir', path.join(TMP, 'h-server'), '--user-data-dir', path.join(TMP, 'h-user'),
      '--extensions-dir', path.join(TMP, 'h-ext')],
    path.join(TMP, 'vscode-server.log'),
    { ...ENV, ASP_E2E_RESULT: resultFile, ASP_E2E_SECOND_USER: 'e2e', ASP_E2E_SECOND_PASSWORD: 'second-instance-pw' },
  );
  await waitHttp(`http://127.0.0.1:${port}/`, 60000, child);
  const host = `127.0.0.1:${port}`;
  // The host suite signs in with credentials it stores in SecretStorage (ASP_E2E_SECOND_*).
  const auth = { user: 'e2e', password: 'second-instance-pw' };
  const ws = copyWorkspace('ws-host', { port: await secondInstance('second-host', auth), auth });
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${ROOT}`],
    ['extensionTestsPath', `vscode-remote://${host}${path.join(ROOT, 'test', 'e2e', 'out', 'index.js')}`],
  ];
  const ctx = await browser();
  try {
    const page = ctx.pages()[0];
    let done;
    const exited = new Promise((r) => (done = r));
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    await page.goto(`http://${host}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), 300000)))]);
    clearTimeout(timer);
    log(`  extension host exit code: ${code}`);
  } finally {
    await ctx.close();
  }
  if (!fs.existsSync(resultFile)) {
    return [{ title: 'host: the mocha suites ran', state: 'failed', error: `no result file (see ${path.join(TMP, 'vscode-server.log')})` }];
  }
  const r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  for (const t of r.tests) log(`  ${t.state === 'passed' ? '✔' : '✘'} ${t.title}${t.error ? `: ${t.error.split('\n')[0]}` : ''}`);
  return r.tests.map((t) => ({ ...t, title: `host: ${t.title}` }));
}

/** (b) the packaged VSIX in code-server, driven through the UI. */
async function uiTests(vsix) {
  const cs = path.join(DEPS, 'node_modules', '.bin', 'code-server');
  const port = await freePort();
  const config = path.join(TMP, 'cs-config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const csArgs = ['--config', config, '--user-data-dir', path.join(TMP, 'cs-user'), '--extensions-dir', path.join(TMP, 'cs-ext')];
  const inst = spawnSync(cs, [...csArgs, '--install-extension', vsix], { env: ENV, encoding: 'utf8' });
  if (inst.status !== 0) return [{ title: 'ui: the VSIX installs into code-server', state: 'failed', error: inst.stderr || inst.stdout }];
  log(`  ${inst.stdout.trim().split('\n').pop()}`);
  const ws = copyWorkspace('ws-ui', { port: await secondInstance('second-ui') });
  const child = startGroup(
    cs,
    [...csArgs, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--bind-addr', `127.0.0.1:${port}`, ws],
    path.join(TMP, 'code-server.log'),
  );
  await waitHttp(`http://127.0.0.1:${port}/healthz`, 60000, child);
  const ctx = await browser();
  try {
    const page = ctx.pages()[0];
    return [
      { title: 'ui: the VSIX installs into code-server', state: 'passed' },
      ...(await runUiTests(page, {
        url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`,
        artifacts: path.join(ROOT, 'test-results'),
        images: path.join(ROOT, 'docs', 'images'),
        log,
      })),
    ];
  } finally {
    await ctx.close();
  }
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit', env: ENV, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited with ${r.status}`);
}

async function main() {
  const t0 = Date.now();
  log('[e2e] tools');
  ensureApt(log);
  ensureNpmTools(DEPS, log);
  log('[e2e] build');
  run(process.execPath, ['scripts/esbuild.mjs', '--tests']);
  const vsix = path.join(TMP, 'asp-studio.vsix');
  run(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', vsix]);
  const results = [];
  if (only !== 'ui') {
    log('[e2e] (a) mocha in the extension host');
    results.push(...(await hostTests().catch((e) => [{ title: 'host: harness', state: 'failed', error: e.message }])));
  }
  if (only !== 'host') {
    log('[e2e] (b) packaged extension in code-server + Chromium');
    results.push(...(await uiTests(vsix).catch((e) => [{ title: 'ui: harness', state: 'failed', error: e.message }])));
  }
  stopAll();
  const passed = results.filter((r) => r.state === 'passed').length;
  const failed = results.length - passed;
  for (const r of results.filter((x) => x.state !== 'passed')) log(`FAILED ${r.title}: ${r.error ?? ''}`);
  log(`[e2e] logs in ${TMP}${keep || failed ? '' : ' (removed)'}; ${Math.round((Date.now() - t0) / 1000)} s`);
  // The extension's instance can still be writing its state dir for a moment after code-server
  // is stopped (ENOTEMPTY): retry, and never let a scratch-dir cleanup fail the run.
  if (!keep && failed === 0) {
    try {
      fs.rmSync(TMP, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    } catch (e) {
      log(`[e2e] could not remove ${TMP}: ${e.message}`);
    }
  }
  log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || results.length === 0 ? 1 : 0);
}

main().catch((e) => {
  log(`[e2e] ${e.message}`);
  log('0 passed, 1 failed');
  process.exit(1);
});
