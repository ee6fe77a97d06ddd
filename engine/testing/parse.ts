/**
 * Reading a `*.asp.test.json` text: the fixture's value, every problem located at its line and
 * column, and each test with its own range, so one broken test does not hide the others (the
 * CLI counts it as a failure, the Test Explorer marks it) and reports can point at a test.
 */
import type { DiagnosticCode } from '../core/codes';
import type { Node } from 'jsonc-parser';
import { findNodeAtLocation } from 'jsonc-parser';
import type { Diagnostic, JsonPath, LocatedDiagnostic, Value } from '../core/types';
import { lineCol, lineStartsOf, locate, parseJsonText, toEngineValue } from '../json/tree';
import { isPlainObject } from '../bson/types';
import { BAD } from './shape';
import { fixtureShape, type FixtureFile, type TestCase } from './format';

/** Test fixture problems: shape of the file, files it names, its input lines. */
export const FIXTURE_CODES = { shape: 'ASP601', file: 'ASP602', input: 'ASP603', run: 'ASP604' } as const satisfies Record<string, DiagnosticCode>;

export interface FixtureTest {
  index: number;
  name: string;
  /** Where the test object starts (1-based), and its text range. */
  line: number;
  col: number;
  offset: number;
  length: number;
  /** The readable test, or undefined when it (or the file around it) has problems. */
  test?: TestCase;
  /** Problems of this test (file-level problems are in ParsedFixture.diagnostics). */
  diagnostics: LocatedDiagnostic[];
}

export interface ParsedFixture {
  file: string;
  text: string;
  tree: Node | undefined;
  fixture?: FixtureFile;
  /** Problems outside any one test (syntax, top-level fields). */
  diagnostics: LocatedDiagnostic[];
  tests: FixtureTest[];
}

export function parseFixture(text: string, file: string): ParsedFixture {
  const parsed = parseJsonText(text);
  const starts = lineStartsOf(text);
  const out: ParsedFixture = { file, text, tree: parsed.tree, diagnostics: [], tests: [] };
  if (!parsed.tree || parsed.syntax.length > 0) {
    out.diagnostics = parsed.syntax.map((d, i) => {
      const r = parsed.syntaxRanges[i]!;
      return { ...d, offset: r.offset, length: r.length, ...lineCol(starts, r.offset) };
    });
    if (out.diagnostics.length === 0) out.diagnostics.push({ code: 'ASP101', message: 'Empty file: expected a test fixture {"tests": [...]}', severity: 'error', path: [], offset: 0, length: 0, line: 1, col: 1 });
    return out;
  }
  const value = toEngineValue(parsed.value);
  const problems: Diagnostic[] = [];
  const read = fixtureShape.read(value, [], (path, message, target) => problems.push({ code: FIXTURE_CODES.shape, message, severity: 'error', path, target }));
  const located = problems.map((d) => locate(parsed.tree, text, d, starts));
  const testsValue = isPlainObject(value) && Array.isArray(value['tests']) ? (value['tests'] as Value[]) : [];
  const ofTest = (d: LocatedDiagnostic): number => (d.path[0] === 'tests' && typeof d.path[1] === 'number' ? d.path[1] : -1);
  out.diagnostics = located.filter((d) => ofTest(d) < 0);
  const fileOk = out.diagnostics.length === 0;
  if (read !== BAD) out.fixture = read;
  testsValue.forEach((t, index) => {
    const node = findNodeAtLocation(parsed.tree!, ['tests', index]);
    const offset = node?.offset ?? 0;
    const name = isPlainObject(t) && typeof t['name'] === 'string' && t['name'] ? t['name'] : `test ${index + 1}`;
    const diagnostics = located.filter((d) => ofTest(d) === index);
    const test = fileOk && diagnostics.length === 0 ? (read !== BAD ? read.tests[index] : undefined) : undefined;
    out.tests.push({ index, name, offset, length: node?.length ?? 0, ...lineCol(starts, offset), test, diagnostics });
  });
  if (read === BAD && fileOk) {
    // Only some tests are broken: the others still read on their own.
    const good = fixtureShape.read({ ...(value as Record<string, Value>), tests: testsValue.filter((_, i) => out.tests[i]!.diagnostics.length === 0) }, [], () => undefined);
    if (good !== BAD) {
      let j = 0;
      for (const t of out.tests) if (t.diagnostics.length === 0) t.test = good.tests[j++];
      out.fixture = good;
    }
  }
  return out;
}

/** Locate a problem found after parsing (a missing pipeline file...) at a JSON path of the fixture. */
export function locateIn(p: ParsedFixture, d: Diagnostic): LocatedDiagnostic {
  return locate(p.tree, p.text, d, lineStartsOf(p.text));
}

/** The path inside the fixture where test `index` takes a member from (its own, else the file's). */
export function memberPath(p: ParsedFixture, index: number, key: 'pipeline' | 'connections'): JsonPath {
  const own = p.tree && findNodeAtLocation(p.tree, ['tests', index, key]);
  return own ? ['tests', index, key] : [key];
}

/**
 * Where a difference (`output[1].revenue`) points in test `index`'s expectation: that node, or
 * the nearest one that exists (the `expect` object when `output` is not written). For "go to
 * failure" in an editor.
 */
export function locateDifference(p: ParsedFixture, index: number, diffPath: string): { offset: number; length: number; line: number; col: number } {
  const path: JsonPath = ['tests', index, 'expect'];
  for (const m of diffPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  const d = locateIn(p, { code: FIXTURE_CODES.shape, message: '', severity: 'error', path });
  return { offset: d.offset, length: d.length, line: d.line, col: d.col };
}
