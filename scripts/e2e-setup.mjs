// Installs what the end-to-end tests need, idempotently, into test/e2e/.deps:
// Debian chromium + libkrb5-dev + ripgrep (apt), code-server 4.100.3 and mocha (npm).
// Workarounds from shared/infra/vscode-e2e.md: --unsafe-perm (root), libkrb5-dev (kerberos
// build), a seeded @vscode/ripgrep download cache (no github.com), npm_config_yes (node-pty).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const MOCHA_VERSION = '10.8.2';

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

export function ensureApt(log) {
  const missing = [];
  if (!fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!dpkgInstalled('libkrb5-dev')) missing.push('libkrb5-dev');
  if (!have('rg')) missing.push('ripgrep');
  if (missing.length === 0) return;
  log(`apt-get install ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function installedVersion(deps, name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(deps, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

export function ensureNpmTools(deps, log) {
  fs.mkdirSync(deps, { recursive: true });
  const pkg = path.join(deps, 'package.json');
  if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, '{ "name": "asp-e2e-tools", "private": true }\n');
  const want = [];
  if (installedVersion(deps, 'code-server') !== CODE_SERVER_VERSION) want.push(`code-server@${CODE_SERVER_VERSION}`);
  if (installedVersion(deps, 'mocha') !== MOCHA_VERSION) want.push(`mocha@${MOCHA_VERSION}`);
  if (want.length === 0) return;
  const tmp = path.join(deps, 'tmp');
  const cache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(cache, { recursive: true });
  const tarball = path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (!fs.existsSync(tarball)) {
    const rgDir = path.join(deps, 'rgbin');
    fs.mkdirSync(rgDir, { recursive: true });
    fs.copyFileSync(execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim(), path.join(rgDir, 'rg'));
    run('tar', ['czf', tarball, '-C', rgDir, 'rg']);
  }
  log(`npm install ${want.join(' ')} (about 70 s the first time)`);
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--unsafe-perm', ...want], {
    cwd: deps,
    // A private HOME and npm cache keep the real home clean; nodedir points node-gyp at the
    // local Node headers (it cannot download them here).
    env: {
      ...process.env,
      TMPDIR: tmp,
      HOME: path.join(deps, 'home'),
      npm_config_yes: 'true',
      npm_config_nodedir: process.env.npm_config_nodedir || '/usr',
      npm_config_cache: path.join(deps, 'npm-cache'),
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const deps = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'test', 'e2e', '.deps');
  const log = (m) => process.stdout.write(`[e2e-setup] ${m}\n`);
  ensureApt(log);
  ensureNpmTools(deps, log);
  log('ready');
}
