/**
 * Entry the extension host loads (extensionTestsPath): runs the mocha suites next to this
 * file and writes a JSON result (ASP_E2E_RESULT) for scripts/e2e.mjs to count.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface MochaRunner {
  on(event: string, fn: (t: { fullTitle(): string; duration?: number }, err?: Error) => void): void;
}
interface MochaLike {
  addFile(f: string): void;
  run(done: (failures: number) => void): MochaRunner;
}
type MochaCtor = new (opts: Record<string, unknown>) => MochaLike;

export function run(): Promise<void> {
  // mocha is a test tool, not an extension dependency: it comes from test/e2e/.deps.
  const mochaDir = process.env['ASP_E2E_MOCHA'] ?? path.resolve(__dirname, '..', '.deps', 'node_modules', 'mocha');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require(mochaDir) as MochaCtor;
  // ASP_E2E_GREP (a test-title pattern) runs a part of the suites while working on them.
  const grep = process.env['ASP_E2E_GREP'];
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));
  const results: { title: string; state: 'passed' | 'failed'; error?: string; ms?: number }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env['ASP_E2E_RESULT'];
      if (out) fs.writeFileSync(out, JSON.stringify({ failures, tests: results }, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed.`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
    runner.on('fail', (t, err) => results.push({ title: t.fullTitle(), state: 'failed', error: err?.message }));
  });
}
