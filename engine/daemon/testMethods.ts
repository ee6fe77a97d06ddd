/**
 * The pipeline-test requests of shared/protocol/testing.ts: list and run the tests of a fixture
 * with the engine's fixture runner (the one `asp test` uses), rewrite its expectations, and make
 * a test from a recorded run. Results travel as relaxed Extended JSON with every difference
 * located in the fixture, so the editor can show a diff and go to the failure.
 */
import * as fs from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConnectionRegistry } from '../connections/types';
import { loadConnectionRegistryFile } from '../connectors/catalog/registry';
import type { Doc } from '../core/types';
import { errorMessage } from '../core/errors';
import { lineCol, lineStartsOf } from '../json/tree';
import { withoutIgnored } from '../testing/compare';
import { runFixture, type TestResult } from '../testing/fixtureRun';
import type { TestHost } from '../testing/load';
import { locateDifference, parseFixture, type ParsedFixture } from '../testing/parse';
import { documentList, plainEJSON } from '../testing/print';
import { formatDifference, formatResult, summary } from '../testing/report';
import type { RunTestOptions } from '../testing/runTest';
import { updatedFixtureText } from '../testing/update';
import { addTestToFixture, recordedEvents, testFromRun } from '../testing/fromRun';
import type { RunRecording } from '../runtime/recording';
import { CommandError, invalid } from '../runtime/errors';
import * as P from '../../shared/protocol';

export interface TestMethodSources {
  /** The instance's registry: the one Run uses, for fixtures that name none. */
  registry(): ConnectionRegistry;
  /** The recording of an ended run, if it asked for one and is among the last few. */
  recording(name: string): { recording: RunRecording; reason: P.RunEndReason } | undefined;
  /** Services for a test that uses $lookup (a scratch embedded store). */
  services: RunTestOptions['services'];
}

function readText(q: P.FixtureParams): string {
  if (typeof q.file !== 'string' || q.file === '') throw invalid('a fixture request needs "file"');
  if (typeof q.text === 'string') return q.text;
  try {
    return fs.readFileSync(q.file, 'utf8');
  } catch {
    throw new CommandError(`cannot read ${q.file}`, P.AspErrorCodes.NotFound);
  }
}

function spanOf(starts: number[], offset: number, length: number): P.TextSpan {
  const a = lineCol(starts, offset);
  const b = lineCol(starts, offset + length);
  return { offset, length, line: a.line, col: a.col, endLine: b.line, endCol: b.col };
}

const ejsonDocs = (docs: Doc[]): P.EJsonDoc[] => plainEJSON(docs) as P.EJsonDoc[];

export class TestMethods {
  constructor(private readonly src: TestMethodSources) {}

  /** A fixture that names a registry file reads it; one that does not uses the instance's, as Run does. */
  private readonly host: TestHost = {
    registry: (explicit) => {
      if (explicit === undefined) return { registry: this.src.registry(), diagnostics: [] };
      if (!fs.existsSync(explicit)) throw new Error(`cannot read connection registry ${explicit}: no such file`);
      return loadConnectionRegistryFile(explicit);
    },
  };

  listFixtureTests(q: P.FixtureParams): P.ListFixtureTestsReply {
    const p = parseFixture(readText(q), q.file);
    const starts = lineStartsOf(p.text);
    return {
      diagnostics: p.diagnostics,
      tests: p.tests.map((t) => ({ index: t.index, name: t.name, span: spanOf(starts, t.offset, t.length), diagnostics: t.diagnostics })),
    };
  }

  async runFixture(q: P.RunFixtureParams): Promise<P.RunFixtureReply> {
    const p = parseFixture(readText(q), q.file);
    const indexes = p.tests.length === 0 ? [-1] : p.tests.map((t) => t.index).filter((i) => !q.only || q.only.includes(i));
    const results: TestResult[] = [];
    const wire: P.FixtureTestResult[] = [];
    for (const i of indexes) {
      const t0 = performance.now();
      const opts = { services: this.src.services, ...(q.debug ? { debug: { perStage: q.debug.perStage } } : {}), ...(i >= 0 ? { only: [i] } : {}) };
      let rs: TestResult[];
      try {
        rs = await runFixture(p, this.host, opts);
      } catch (e) {
        throw new CommandError(`${q.file}: the test could not run: ${errorMessage(e)}`, P.AspErrorCodes.Internal);
      }
      const ms = Math.round(performance.now() - t0);
      for (const r of rs) {
        results.push(r);
        wire.push(this.toWire(p, r, ms));
      }
    }
    const reply: P.RunFixtureReply = { results: wire, summary: summary(results) };
    if (q.update) {
      const text = updatedFixtureText(p, results);
      if (text !== undefined) {
        reply.updatedText = text;
        reply.updated = results.filter((r) => !r.passed && r.actual && r.differences.length > 0).map((r) => r.index);
      }
    }
    return reply;
  }

  private toWire(p: ParsedFixture, r: TestResult, durationMs: number): P.FixtureTestResult {
    const starts = lineStartsOf(p.text);
    const out: P.FixtureTestResult = {
      index: r.index,
      name: r.name,
      line: r.line,
      col: r.col,
      passed: r.passed,
      problems: r.problems,
      notes: r.notes,
      report: formatResult(r),
      durationMs,
      differences: r.differences.map((d) => {
        const at = locateDifference(p, r.index, d.path);
        const diff: P.FixtureDifference = { path: d.path, at: spanOf(starts, at.offset, at.length), text: formatDifference(d, '') };
        if ('expected' in d) diff.expected = plainEJSON(d.expected);
        if ('actual' in d) diff.actual = plainEJSON(d.actual);
        return diff;
      }),
    };
    const test = p.tests[r.index]?.test;
    const pipeline = test?.pipeline ?? p.fixture?.pipeline;
    if (pipeline !== undefined) out.pipelineFile = typeof pipeline === 'string' ? resolve(dirname(p.file), pipeline) : p.file;
    if (r.actual && test) {
      out.actual = { output: ejsonDocs(r.actual.output), dlq: ejsonDocs(r.actual.dlq) };
      const ignore = test.expect.ignore ?? [];
      const shown = (output: Doc[], dlq: Doc[]): string => `{\n  "output": ${documentList(withoutIgnored(output, ignore), '  ')},\n  "dlq": ${documentList(withoutIgnored(dlq, ignore), '  ')}\n}\n`;
      out.compare = { expected: shown(test.expect.output ?? [], test.expect.dlq ?? []), actual: shown(r.actual.output, r.actual.dlq) };
    }
    if (r.trace) out.trace = r.trace;
    return out;
  }

  private recordingOf(name: string): { recording: RunRecording; reason: P.RunEndReason } {
    if (typeof name !== 'string' || name === '') throw invalid('a run recording request needs "name"');
    const r = this.src.recording(name);
    if (!r) throw new CommandError(`run '${name}' has no recorded input: only runs started with run.record keep one, and only the last 8 of them`, P.AspErrorCodes.NotFound);
    return r;
  }

  getRunRecording(q: P.GetRunRecordingParams): P.RunRecordingReply {
    const { recording: rec, reason } = this.recordingOf(q.name);
    const events = recordedEvents(rec).filter((e) => e['doc'] !== undefined).map((e) => {
      const ev: P.RecordedInputEvent = { doc: plainEJSON(e['doc']) as P.EJsonDoc, at: (e['at'] as Date).toISOString(), time: ((e['time'] ?? e['at']) as Date).toISOString() };
      if (e['partition'] !== undefined) ev.partition = e['partition'] as number | string;
      if (e['source'] !== undefined) ev.source = plainEJSON(e['source']) as P.EJsonDoc;
      return ev;
    });
    const reply: P.RunRecordingReply = { name: q.name, reason, events, output: ejsonDocs(rec.output), dlq: ejsonDocs(rec.dlq), undecodable: rec.undecodable, truncated: rec.truncated };
    if (typeof q.documentsIndent === 'string') reply.documentsText = documentList(rec.events.map((e) => e.doc), q.documentsIndent);
    return reply;
  }

  fixtureFromRun(q: P.FixtureFromRunParams): P.FixtureFromRunReply {
    const { recording: rec } = this.recordingOf(q.name);
    if (rec.events.length === 0) throw new CommandError(`run '${q.name}' read no documents from its source: there is nothing to make a test of`, P.AspErrorCodes.BadState);
    let existing = q.existingText;
    if (existing === undefined && fs.existsSync(q.fixtureFile)) existing = fs.readFileSync(q.fixtureFile, 'utf8');
    let warnings: string[] = [];
    try {
      const made = addTestToFixture(existing, q.pipeline, ({ ownPipeline, unique }) => {
        const t = testFromRun(rec, { name: unique(q.testName), pipeline: ownPipeline ? q.pipeline : undefined, expect: q.expect });
        warnings = t.warnings;
        return t.test;
      });
      return { ...made, events: rec.events.length, warnings };
    } catch (e) {
      throw invalid(`cannot add a test to ${q.fixtureFile}: ${errorMessage(e)}`);
    }
  }
}
