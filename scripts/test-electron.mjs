// Runs the same extension-host mocha suites with @vscode/test-electron, on a desktop machine
// that can download VS Code (the project's CI machines cannot; they use scripts/e2e.mjs).
// Usage: node scripts/test-electron.mjs [--version stable|1.95.0]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const version = args.includes('--version') ? args[args.indexOf('--version') + 1] : 'stable';
const deps = path.join(root, 'test', 'e2e', '.deps');

if (!fs.existsSync(path.join(deps, 'node_modules', 'mocha'))) {
  fs.mkdirSync(deps, { recursive: true });
  if (!fs.existsSync(path.join(deps, 'package.json'))) fs.writeFileSync(path.join(deps, 'package.json'), '{ "name": "asp-e2e-tools", "private": true }\n');
  const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', 'mocha@10.8.2'], { cwd: deps, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'esbuild.mjs'), '--tests'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-electron-'));
const ws = path.join(tmp, 'ws');
fs.cpSync(path.join(root, 'test', 'e2e', 'fixtures', 'ws'), ws, { recursive: true });
const result = path.join(tmp, 'result.json');
let failed = 1;
try {
  await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'test', 'e2e', 'out', 'index.js'),
    extensionTestsEnv: { ASP_E2E_RESULT: result },
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(tmp, 'user')],
  });
  failed = 0;
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
}
const r = fs.existsSync(result) ? JSON.parse(fs.readFileSync(result, 'utf8')) : { tests: [] };
const passed = r.tests.filter((t) => t.state === 'passed').length;
const nFailed = r.tests.length - passed || failed;
process.stdout.write(`${passed} passed, ${nFailed} failed\n`);
process.exit(nFailed > 0 ? 1 : 0);
