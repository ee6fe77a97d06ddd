/**
 * Runs many node:test files in one process: `node --import tsx --test-reporter=tap
 * test/helpers/inProcess.ts FILE...`. The unit phase (scripts/test.mjs) uses it because a
 * process per file spends most of its time loading tsx and the engine again; here the modules
 * load once. The test files must not depend on being alone in their process (they use temp
 * dirs and free ports). A watchdog fails the run if it has not ended after WATCHDOG_MS.
 */
import { resolve } from 'node:path';

const WATCHDOG_MS = 20 * 60_000;

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: node --import tsx --test-reporter=tap test/helpers/inProcess.ts FILE...\n');
  process.exit(2);
}
setTimeout(() => {
  process.stdout.write(`not ok - the unit run did not end within ${WATCHDOG_MS / 60_000} minutes\n# fail 1\n`);
  process.exit(1);
}, WATCHDOG_MS).unref();
void (async () => {
  // In order, so tests register (and report) in the order the files are named.
  for (const f of files) await import(resolve(f));
})().catch((e: unknown) => {
  process.stdout.write(`not ok - loading the test files failed: ${String(e)}\n# fail 1\n`);
  process.exitCode = 1;
});
