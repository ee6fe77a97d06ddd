/**
 * Pipeline tests from the editor: listing and running the tests of a `*.asp.test.json` fixture
 * (the Test Explorer), rewriting its expectations (update snapshot), and turning a run's
 * recorded input and output into a test (Save as test, Capture input). The daemon runs them
 * with the engine's fixture runner (engine/testing), the one `asp test` uses.
 * Part of the host <-> local instance contract described in shared/protocol/index.ts.
 */
import { RequestType } from 'vscode-jsonrpc';
import type { LocatedDiagnostic } from '../../engine/core/types';
import type { EJson, EJsonDoc, StageTrace } from './shapes';
import type { RunEndReason } from './notifications';

/** A text range, 1-based lines and columns. */
export interface TextSpan {
  offset: number;
  length: number;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** One test of a fixture, where it is written. */
export interface FixtureTestInfo {
  index: number;
  name: string;
  span: TextSpan;
  /** Problems that keep this test from running (its file-level ones are in the reply). */
  diagnostics: LocatedDiagnostic[];
}

export interface FixtureParams {
  /** Absolute path of the fixture file. */
  file: string;
  /** Its current text, when the editor has unsaved changes; else the file is read. */
  text?: string;
}

export interface ListFixtureTestsReply {
  tests: FixtureTestInfo[];
  /** Problems outside any one test (JSON syntax, unknown top-level fields). */
  diagnostics: LocatedDiagnostic[];
}
/** asp/listFixtureTests: the tests of a fixture (Test Explorer discovery); nothing runs. */
export const listFixtureTests = new RequestType<FixtureParams, ListFixtureTestsReply, void>('asp/listFixtureTests');

export interface RunFixtureParams extends FixtureParams {
  /** Run only these test indexes (default: every test). */
  only?: number[];
  /** Keep a per-stage trace of each test, as the Debug command does. */
  debug?: { perStage: number };
  /** Also return the fixture text with the failing tests' expectations rewritten (asp test --update). */
  update?: boolean;
}

/** A problem in some file: the fixture, the pipeline file, an input file. */
export type FixtureProblem = LocatedDiagnostic & { file: string };

/** One difference between what a test expects and what its run produced. */
export interface FixtureDifference {
  /** `output[1].revenue`, `dlq[0]`. */
  path: string;
  /** Absent: not expected (an extra document or field). */
  expected?: EJson;
  /** Absent: missing in the run. */
  actual?: EJson;
  /** Where in the fixture this difference is written (go to failure). */
  at: TextSpan;
  /** The difference as `asp test` prints it. */
  text: string;
}

export interface FixtureTestResult {
  index: number;
  name: string;
  /** Where the test is written. */
  line: number;
  col: number;
  passed: boolean;
  /** What kept the test from running, or from being read. */
  problems: FixtureProblem[];
  differences: FixtureDifference[];
  /** The result as `asp test` prints it (✓/✗ line and details). */
  report: string;
  /**
   * Expected and actual output and DLQ records (ignored paths left out), printed the same way,
   * for a diff view. Absent when the test did not run.
   */
  compare?: { expected: string; actual: string };
  /** What the run produced. */
  actual?: { output: EJsonDoc[]; dlq: EJsonDoc[] };
  /** Warnings and hints of the pipeline. */
  notes: FixtureProblem[];
  /** The pipeline file under test; the fixture itself for an inline pipeline. */
  pipelineFile?: string;
  /** With `debug`: what each stage emitted, dropped and sent to the DLQ. */
  trace?: StageTrace[];
  durationMs: number;
}

export interface RunFixtureReply {
  results: FixtureTestResult[];
  /** `N passed, N failed`. */
  summary: string;
  /** With `update`: the rewritten fixture text, when some failing test could be rewritten. */
  updatedText?: string;
  /** With `update`: the indexes of the tests whose expectations were rewritten. */
  updated?: number[];
}
/** asp/runFixture: run tests of a fixture with the engine's fixture runner. */
export const runFixture = new RequestType<RunFixtureParams, RunFixtureReply, void>('asp/runFixture');

export interface RunRecordingParams {
  /** The run (processStreamProcessor with `run.record`). */
  name: string;
}

export interface GetRunRecordingParams extends RunRecordingParams {
  /** Also print the documents as a fixture or `$source.documents` holds them, continuation lines at this indent. */
  documentsIndent?: string;
}

/** A recorded source document, as a fixture event. */
export interface RecordedInputEvent {
  doc: EJsonDoc;
  /** The partition (a number for one Kafka topic, else the watermark input's name). */
  partition?: number | string;
  /** Arrival (processing) time, ISO-8601. */
  at: string;
  /** Event time, ISO-8601. */
  time: string;
  source?: EJsonDoc;
}

export interface RunRecordingReply {
  name: string;
  reason?: RunEndReason;
  events: RecordedInputEvent[];
  output: EJsonDoc[];
  dlq: EJsonDoc[];
  /** Records the source could not decode (they cannot be replayed). */
  undecodable: number;
  truncated: boolean;
  /** With `documentsIndent`: the documents as a JSON array, one per line. */
  documentsText?: string;
}
/** asp/getRunRecording: what a recorded run's source delivered and what it produced. */
export const getRunRecording = new RequestType<GetRunRecordingParams, RunRecordingReply, void>('asp/getRunRecording');

export interface FixtureFromRunParams extends RunRecordingParams {
  /** The fixture file to write (absolute); a test is added to it when it exists. */
  fixtureFile: string;
  /** The fixture's current text (the editor's, when it is open); else the file is read if it exists. */
  existingText?: string;
  testName: string;
  /** The pipeline under test: a path relative to the fixture. */
  pipeline: string;
  /**
   * `run`: the run's output and DLQ records are the expectation (Save as test).
   * `none`: an empty expectation, for the caller to fill with update (Capture input).
   */
  expect: 'run' | 'none';
}

export interface FixtureFromRunReply {
  /** The whole fixture text to write. */
  text: string;
  /** The index of the new test in it. */
  index: number;
  events: number;
  /** Why the new test may not reproduce the run exactly, for the user. */
  warnings: string[];
}
/** asp/fixtureFromRun: the fixture text with a new test made from a recorded run. */
export const fixtureFromRun = new RequestType<FixtureFromRunParams, FixtureFromRunReply, void>('asp/fixtureFromRun');
