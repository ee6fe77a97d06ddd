#!/usr/bin/env node
// The whole test suite: build, lint, unit tests, integration tests against real Kafka and a
// MongoDB-wire server (started once here, stopped by PID), and end-to-end tests in a real
// VS Code. Ends with one line "N passed, N failed".
//
// Phases: `node scripts/test.mjs [build] [lint] [unit] [integration] [e2e]`; none = all.
//   unit         no servers, no child processes: test/architecture.test.ts and
//                test/{engine,server,client,golden} (npm run test:unit), in one process. Runs
//                from the TypeScript sources through tsx, so it skips the tsc build unless
//                `build` is named too; npm run typecheck checks the types.
//   process      the files of those folders that start processes (the asp CLI, the instance
//                daemon, mongosh, Neovim; see startsProcesses below), no servers.
//   integration  test/{integration,runtime}, against the servers started here (npm run test:integration).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const want = (phase) => only.length === 0 || only.includes(phase);
let passed = 0;
let failed = 0;
const phases = [];

function findTests(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

/** Run a command, echo its output, and collect "# pass N" / "# fail N" or "N passed, N failed". */
function run(label, cmd, args, env = {}) {
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${label}: ${cmd} ${args.length > 6 ? args.slice(0, 6).join(' ') + ' ...' : args.join(' ')}\n`);
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let p = 0;
    let f = 0;
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const text = tail + chunk.toString();
      const lines = text.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        let m;
        if ((m = /^# pass (\d+)/.exec(line))) p += Number(m[1]);
        else if ((m = /^# fail (\d+)/.exec(line))) f += Number(m[1]);
        else if ((m = /^(?:\w+: )?(\d+) passed, (\d+) failed/.exec(line))) { p += Number(m[1]); f += Number(m[2]); }
      }
    });
    child.on('close', (code) => {
      if (code !== 0 && f === 0) f = 1; // a crashed phase counts as a failure
      passed += p;
      failed += f;
      phases.push(`${label}: ${p} passed, ${f} failed`);
      resolve(code);
    });
  });
}

// Tests run from their TypeScript sources through tsx (the same way they are written and
// debugged); the tsc build above type-checks everything and produces out/ for the CLI and bench.
const nodeTest = (files) => ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-timeout=180000', '--test-concurrency=1', ...files];

// Integration and e2e run compiled code (out/test/infra, the bundles); unit tests do not.
const needsBuild = only.length === 0 || ['build', 'integration', 'e2e'].some((p) => only.includes(p));
if (needsBuild) {
  process.stdout.write('=== build: tsc -p tsconfig.json\n');
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('build failed');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

if (want('lint')) {
  process.stdout.write('\n=== lint: eslint (type-aware: floating promises, no console in engine/server, no eval)\n');
  const lint = spawnSync('npx', ['eslint', 'bin', 'engine', 'server', 'client', 'shared', 'test', 'bench', 'scripts'], { cwd: root, stdio: 'inherit' });
  if (lint.status === 0) passed += 1;
  else failed += 1;
  phases.push(`lint: ${lint.status === 0 ? 'clean' : 'problems found (npx eslint ...)'}`);
}

/**
 * A test file starts processes when it imports child_process or a helper that spawns (the asp
 * binary, the daemon, the recovery harness) or the extension's EngineProcess. Such files are
 * slower by nature and run in their own phase, so the unit phase stays pure and fast.
 */
const SPAWNS = /from '(?:node:child_process|(?:\.\.\/)+helpers\/(?:aspBin|daemonProcess|recovery)|(?:\.\.\/)+client\/engineProcess)'/;
const startsProcesses = (file) => SPAWNS.test(readFileSync(file, 'utf8'));
const unitFolders = [join(root, 'test', 'architecture.test.ts'), ...['engine', 'server', 'client', 'golden'].flatMap((d) => findTests(join(root, 'test', d)))];

if (want('unit')) {
  const files = unitFolders.filter((f) => !startsProcesses(f));
  const started = Date.now();
  // One process for all unit files: the modules load once (test/helpers/inProcess.ts says why).
  await run('unit', process.execPath, ['--import', 'tsx', '--test-reporter=tap', join(root, 'test', 'helpers', 'inProcess.ts'), ...files]);
  phases[phases.length - 1] += ` in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  // The example fixtures through the CLI, as a user runs them; each fixture test counts.
  await run('asp test', 'npm', ['run', '-s', 'asp', '--', 'test', 'examples/']);
}

if (want('process')) {
  const files = unitFolders.filter(startsProcesses);
  const started = Date.now();
  await run('process', process.execPath, ['--import', 'tsx', '--test-reporter=tap', join(root, 'test', 'helpers', 'inProcess.ts'), ...files]);
  phases[phases.length - 1] += ` in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

if (want('integration')) {
  const files = ['integration', 'runtime'].flatMap((d) => findTests(join(root, 'test', d)));
  if (files.length) {
    const up = spawnSync(process.execPath, ['out/test/infra/cli.js', 'up'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    process.stdout.write(up.stdout ?? '');
    if (up.status !== 0) {
      console.log('integration: could not start Kafka / MongoDB-wire servers');
      failed += 1;
      phases.push('integration: servers did not start');
    } else {
      try {
        await run('integration', process.execPath, nodeTest(files));
      } finally {
        spawnSync(process.execPath, ['out/test/infra/cli.js', 'down'], { cwd: root, stdio: 'inherit' });
      }
    }
  }
}

if (want('e2e') && existsSync(join(root, 'scripts/e2e.mjs'))) {
  await run('e2e', process.execPath, ['scripts/e2e.mjs']);
}

console.log('\n' + phases.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
