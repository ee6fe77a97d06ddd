/**
 * The file side of pipeline tests, kept in one place: finding fixtures under paths, reading a
 * fixture, and resolving one test into what the runner needs (pipeline text, registry, input
 * events), each problem named by file, line and column. Reading the connection registry is the
 * caller's (the CLI's lookup, or the editor's), passed in as `TestHost.registry`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findNodeAtLocation } from 'jsonc-parser';
import type { LoadedRegistry } from '../connectors/catalog/registry';
import type { Doc, JsonPath, LocatedDiagnostic } from '../core/types';
import { isPlainObject } from '../bson/types';
import { parseEJSON } from '../json/ejson';
import { lineCol, lineStartsOf } from '../json/tree';
import { BAD } from './shape';
import { eventShape, type InputEvent, type TestCase } from './format';
import type { DiagnosticCode } from '../core/codes';
import { FIXTURE_CODES, locateIn, memberPath, parseFixture, type FixtureTest, type ParsedFixture } from './parse';
import { buildTimeline, documentEvents, type TimelineEntry } from './timeline';

export const FIXTURE_SUFFIX = '.asp.test.json';
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.asp', '.infra']);

/** A problem in some file (the fixture, the pipeline file, an input file). */
export type TestProblem = LocatedDiagnostic & { file: string };

export interface TestHost {
  /** The registry for a pipeline: `explicit` (a path) if given, else the one found near `near`. Throws with a message. */
  registry(explicit: string | undefined, near: string): LoadedRegistry;
}

export interface ResolvedTest {
  fixture: ParsedFixture;
  test: FixtureTest;
  case: TestCase;
  pipelineText: string;
  /** The pipeline's file; the fixture itself for an inline pipeline. */
  pipelineFile: string;
  /** For an inline pipeline: where its text starts inside the fixture. */
  inlineOffset?: number;
  registry: LoadedRegistry;
  timeline: TimelineEntry[];
}

/** Every fixture file under the given files and folders, sorted; missing paths are problems. */
export function findFixtureFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (e.name.endsWith(FIXTURE_SUFFIX)) {
        files.push(p);
      }
    }
  };
  for (const p of paths.length ? paths : ['.']) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (isDir) walk(p);
    else files.push(p);
  }
  return { files: [...new Set(files)], missing };
}

export function readFixtureFile(file: string): ParsedFixture | TestProblem {
  try {
    return parseFixture(readFileSync(file, 'utf8'), file);
  } catch (e) {
    return problemAt(file, FIXTURE_CODES.file, `cannot read ${file}: ${readError(e)}`);
  }
}

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
}

function problemAt(file: string, code: DiagnosticCode, message: string, line = 1, col = 1): TestProblem {
  return { file, code, message, severity: 'error', path: [], offset: 0, length: 0, line, col };
}

/** Turn one readable test into its pipeline, registry and input timeline, or its problems. */
export function resolveTest(p: ParsedFixture, t: FixtureTest, host: TestHost): ResolvedTest | { problems: TestProblem[] } {
  const c = t.test;
  if (!c) return { problems: [...p.diagnostics, ...t.diagnostics].map((d) => ({ ...d, file: p.file })) };
  const dir = dirname(p.file);
  const at = (path: JsonPath, message: string, code: DiagnosticCode = FIXTURE_CODES.file): TestProblem => ({ ...locateIn(p, { code, message, severity: 'error', path }), file: p.file });
  const problems: TestProblem[] = [];
  const pipeline = c.pipeline ?? p.fixture?.pipeline;
  let pipelineText = '';
  let pipelineFile = p.file;
  let inlineOffset: number | undefined;
  const pPath = memberPath(p, t.index, 'pipeline');
  if (pipeline === undefined) {
    problems.push(at(['tests', t.index], `test '${t.name}' names no pipeline (set "pipeline" in the test or at the top of the file)`, FIXTURE_CODES.shape));
  } else if (typeof pipeline === 'string') {
    pipelineFile = resolve(dir, pipeline);
    try {
      pipelineText = readFileSync(pipelineFile, 'utf8');
    } catch (e) {
      problems.push(at(pPath, `cannot read pipeline file ${pipeline}: ${readError(e)}`));
    }
  } else {
    const node = findNodeAtLocation(p.tree!, pPath);
    inlineOffset = node?.offset ?? 0;
    pipelineText = p.text.slice(inlineOffset, inlineOffset + (node?.length ?? 0));
  }
  const explicit = c.connections ?? p.fixture?.connections;
  let registry: LoadedRegistry | undefined;
  try {
    registry = host.registry(explicit === undefined ? undefined : resolve(dir, explicit), typeof pipeline === 'string' ? pipelineFile : p.file);
  } catch (e) {
    problems.push(at(memberPath(p, t.index, 'connections'), (e as Error).message));
  }
  const events = inputEvents(p, t.index, c, problems);
  const where = (i: number): JsonPath => ['tests', t.index, 'input', 'events', i];
  const { timeline, problems: timeProblems } = buildTimeline(c.input, events?.list ?? [], events?.where ?? where);
  for (const tp of timeProblems) problems.push(events?.file ? problemAt(events.file, FIXTURE_CODES.input, tp.message, (tp.path[0] as number) + 1) : at(tp.path, tp.message, FIXTURE_CODES.input));
  if (problems.length || !registry) return { problems };
  return { fixture: p, test: t, case: c, pipelineText, pipelineFile, inlineOffset, registry, timeline };
}

interface Events {
  list: InputEvent[];
  where: (i: number) => JsonPath;
  /** Set when the events came from a lines file; `where` then gives [lineIndex]. */
  file?: string;
}

function inputEvents(p: ParsedFixture, index: number, c: TestCase, problems: TestProblem[]): Events | undefined {
  const input = c.input;
  const base: JsonPath = ['tests', index, 'input'];
  if (input.documents) return { list: documentEvents(input.documents), where: (i) => [...base, 'documents', i] };
  if (input.events) return { list: input.events, where: (i) => [...base, 'events', i] };
  const name = input.documentsFile ?? input.eventsFile!;
  const key = input.documentsFile !== undefined ? 'documentsFile' : 'eventsFile';
  const file = resolve(dirname(p.file), name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    problems.push({ ...locateIn(p, { code: FIXTURE_CODES.file, message: `cannot read ${key} ${name}: ${readError(e)}`, severity: 'error', path: [...base, key] }), file: p.file });
    return undefined;
  }
  const list: InputEvent[] = [];
  const lineOf: number[] = [];
  const starts = lineStartsOf(text);
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) return;
    const col = lineCol(starts, starts[i]! + raw.indexOf(line.charAt(0))).col;
    let v: unknown;
    try {
      v = parseEJSON(line);
    } catch (e) {
      problems.push(problemAt(file, FIXTURE_CODES.input, `line ${i + 1} is not Extended JSON: ${(e as Error).message}`, i + 1, col));
      return;
    }
    if (key === 'documentsFile') {
      if (!isPlainObject(v)) problems.push(problemAt(file, FIXTURE_CODES.input, `line ${i + 1}: expected a document (JSON object)`, i + 1, col));
      else {
        list.push({ doc: v as Doc });
        lineOf.push(i);
      }
    } else {
      const e = eventShape.read(v, [], (path, message, target) => problems.push(problemAt(file, FIXTURE_CODES.input, `line ${i + 1}${path.length && target !== 'key' ? ` at ${path.join('.')}` : ''}: ${message}`, i + 1, col)));
      if (e !== BAD) {
        list.push(e);
        lineOf.push(i);
      }
    }
  });
  return { list, where: (i) => [lineOf[i] ?? 0], file };
}
