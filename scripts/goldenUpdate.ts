/**
 * `npm run golden:update [NAME...]`: run the golden pipelines (all, or the named ones) and write
 * test/golden/expected/<name>.jsonl for review. Prints which files are new or changed; read them
 * (git diff) before committing, since the golden test trusts whatever they say.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from '../test/helpers/root';
import { expectedPath, goldenNames, runGolden } from '../test/golden/corpus';

async function main(names: string[]): Promise<number> {
  const all = goldenNames();
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length) {
    process.stderr.write(`golden:update: no pipeline test/golden/pipelines/${unknown[0]!}.asp.json (known: ${all.join(', ')})\n`);
    return 2;
  }
  for (const name of names.length ? names : all) {
    const { lines, errors } = await runGolden(name);
    const file = expectedPath(name);
    if (errors.length) {
      process.stderr.write(`${name}: the pipeline has errors, nothing written: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}\n`);
      return 1;
    }
    const text = lines.join('\n') + '\n';
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (before === text) continue;
    writeFileSync(file, text);
    process.stdout.write(`${before === undefined ? 'new' : 'changed'}: ${relative(ROOT, file)} (${lines.length} lines); review it before committing\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.stderr.write(`golden:update: ${String(e)}\n`); process.exitCode = 1; },
);
