/**
 * `asp test [PATH...] [--update]`: run every `*.asp.test.json` fixture under the paths (default
 * the current folder), print a diff per failure and `N passed, N failed`; exit 1 on a failure.
 * The fixture logic lives in engine/testing/, shared with the editor's Test Explorer.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { ConnectionRegistry } from '../../connections/types';
import type { Services } from '../../io/types';
import { findFixtureFiles, type TestHost } from '../../testing/load';
import { runFixtureFile, type TestResult } from '../../testing/fixtureRun';
import { formatResult } from '../../testing/report';
import { updatedFixtureText } from '../../testing/update';
import { parseArgs } from '../../core/argv';
import { loadRegistry } from '../context';

/** The embedded `local` store for a test that uses $lookup: loaded only when a test needs it. */
async function testServices(registry: ConnectionRegistry): Promise<{ value: Services; close(): Promise<void> }> {
  const { scratchServices } = await import('../../connectors/scratchServices');
  return scratchServices(registry);
}

/** Paths below the current folder are shown relative to it. */
function display(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['connections'], ['update']);
  const update = args.flags.has('update');
  const flagRegistry = args.flags.get('connections') as string | undefined;
  const host: TestHost = { registry: (explicit, near) => loadRegistry(explicit ?? flagRegistry, near) };
  const { files, missing } = findFixtureFiles(args.positional);
  const out = (s: string): boolean => process.stdout.write(s + '\n');
  let passed = 0;
  let failed = 0;
  let updated = 0;
  for (const m of missing) {
    process.stderr.write(`asp test: ${m}: no such file or folder\n`);
    failed++;
  }
  if (files.length === 0 && missing.length === 0) process.stderr.write(`asp test: no *.asp.test.json fixtures under ${args.positional.join(' ') || '.'}\n`);
  for (const file of files) {
    const shown = display(file);
    const { fixture, results } = await runFixtureFile(file, host, { services: testServices });
    out(shown);
    const named: TestResult[] = results.map((r) => ({ ...r, file: display(r.file), problems: r.problems.map((p) => ({ ...p, file: display(p.file) })) }));
    for (const r of named) out(formatResult(r));
    const text = update && fixture ? updatedFixtureText(fixture, results) : undefined;
    const rewritten = new Set<number>();
    if (text !== undefined) {
      writeFileSync(file, text);
      for (const r of results) if (!r.passed && r.actual) rewritten.add(r.index);
      out(`  updated ${shown}: expected output rewritten for ${rewritten.size} test${rewritten.size === 1 ? '' : 's'}`);
    }
    for (const r of results) {
      if (r.passed) passed++;
      else if (rewritten.has(r.index)) updated++;
      else failed++;
    }
  }
  out('');
  out(`${passed} passed, ${failed} failed${update ? `, ${updated} updated` : ''}`);
  return failed > 0 || (files.length === 0 && missing.length === 0) ? 1 : 0;
}
