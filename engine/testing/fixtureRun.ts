/**
 * Every test of one fixture file, run and checked: the entry point the CLI and the editor's
 * Test Explorer share. A fixture that cannot be read yields one failed result naming the
 * problem, so a broken file is never silently skipped.
 */
import type { Doc } from '../core/types';
import { compareDocs, type Difference } from './compare';
import type { TestExpect } from './format';
import { readFixtureFile, resolveTest, type TestHost, type TestProblem } from './load';
import { FIXTURE_CODES, type ParsedFixture } from './parse';
import { runTest, type RunTestOptions } from './runTest';
import type { StageTrace } from '../../shared/protocol';

export interface TestResult {
  file: string;
  index: number;
  name: string;
  line: number;
  col: number;
  passed: boolean;
  /** What kept the test from running, or from being read. */
  problems: TestProblem[];
  differences: Difference[];
  /** What the run produced (absent when it could not run). */
  actual?: { output: Doc[]; dlq: Doc[] };
  /** Pipeline warnings and hints. */
  notes: TestProblem[];
  /** With the `debug` option: what each stage emitted, dropped and sent to the DLQ. */
  trace?: StageTrace[];
}

export interface FixtureOptions extends RunTestOptions {
  /** Run only these test indexes (the Test Explorer runs one test at a time). */
  only?: number[];
}

/** The differences between a test's expectation and a run's output and DLQ records. */
export function checkExpectations(expect: TestExpect, actual: { output: Doc[]; dlq: Doc[] }): Difference[] {
  const opts = { match: expect.match ?? 'exact', order: expect.order ?? 'ordered', ignore: expect.ignore ?? [] };
  return [...compareDocs('output', expect.output ?? [], actual.output, opts), ...compareDocs('dlq', expect.dlq ?? [], actual.dlq, opts)];
}

export async function runFixture(p: ParsedFixture, host: TestHost, opts: FixtureOptions = {}): Promise<TestResult[]> {
  if (p.tests.length === 0) {
    const problems = p.diagnostics.length ? p.diagnostics : [{ code: FIXTURE_CODES.shape, message: 'the fixture has no tests', severity: 'error' as const, path: [], offset: 0, length: 0, line: 1, col: 1 }];
    return [{ file: p.file, index: -1, name: '(fixture)', line: problems[0]!.line, col: problems[0]!.col, passed: false, problems: problems.map((d) => ({ ...d, file: p.file })), differences: [], notes: [] }];
  }
  const results: TestResult[] = [];
  for (const t of p.tests) {
    if (opts.only && !opts.only.includes(t.index)) continue;
    const base = { file: p.file, index: t.index, name: t.name, line: t.line, col: t.col, differences: [], notes: [] };
    const r = resolveTest(p, t, host);
    if ('problems' in r) {
      results.push({ ...base, passed: false, problems: r.problems });
      continue;
    }
    const run = await runTest(r, opts);
    if (run.problems.length) {
      results.push({ ...base, passed: false, problems: run.problems, notes: run.notes });
      continue;
    }
    const actual = { output: run.output, dlq: run.dlq };
    const differences = checkExpectations(r.case.expect, actual);
    const result: TestResult = { ...base, passed: differences.length === 0, problems: [], differences, actual, notes: run.notes };
    if (run.trace) result.trace = run.trace;
    results.push(result);
  }
  return results;
}

/** Read and run a fixture file; an unreadable file is one failed result. */
export async function runFixtureFile(file: string, host: TestHost, opts: FixtureOptions = {}): Promise<{ fixture?: ParsedFixture; results: TestResult[] }> {
  const p = readFixtureFile(file);
  if (!('tests' in p)) return { results: [{ file, index: -1, name: '(fixture)', line: p.line, col: p.col, passed: false, problems: [p], differences: [], notes: [] }] };
  return { fixture: p, results: await runFixture(p, host, opts) };
}
