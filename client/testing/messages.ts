/**
 * A fixture test's result as Test Explorer messages: a failure is a diff message (VS Code's
 * diff view of expected against actual output and DLQ records) located at the first difference
 * in the fixture, plus one located message per further difference; a test that could not run
 * carries its problems at their file, line and column.
 */
import * as vscode from 'vscode';
import type * as P from '../../shared/protocol';

/** Shown on failure messages: the "Update Snapshot" action of the peek view (package.json menus). */
export const SNAPSHOT_CONTEXT = 'aspSnapshot';
const MAX_MESSAGES = 20;

export function rangeOf(s: { line: number; col: number; endLine?: number; endCol?: number }): vscode.Range {
  const start = new vscode.Position(Math.max(0, s.line - 1), Math.max(0, s.col - 1));
  if (s.endLine === undefined || s.endCol === undefined) return new vscode.Range(start, start);
  return new vscode.Range(start, new vscode.Position(Math.max(0, s.endLine - 1), Math.max(0, s.endCol - 1)));
}

function located(text: string, uri: vscode.Uri, range: vscode.Range): vscode.TestMessage {
  const m = new vscode.TestMessage(text);
  m.location = new vscode.Location(uri, range);
  return m;
}

export function failureMessages(r: P.FixtureTestResult, fixture: vscode.Uri): vscode.TestMessage[] {
  const [first, ...rest] = r.differences;
  if (!first) return [located(r.report, fixture, rangeOf(r))];
  const summary = `${r.differences.length} difference${r.differences.length === 1 ? '' : 's'} from the expected output:\n${r.differences.map((d) => d.text).join('\n')}`;
  const main = r.compare ? vscode.TestMessage.diff(summary, r.compare.expected, r.compare.actual) : new vscode.TestMessage(summary);
  main.location = new vscode.Location(fixture, rangeOf(first.at));
  main.contextValue = SNAPSHOT_CONTEXT;
  const more = rest.slice(0, MAX_MESSAGES - 1).map((d) => located(d.text, fixture, rangeOf(d.at)));
  return [main, ...more];
}

export function problemMessages(r: P.FixtureTestResult, fixture: vscode.Uri): vscode.TestMessage[] {
  if (r.problems.length === 0) return [located(r.report, fixture, rangeOf(r))];
  return r.problems.slice(0, MAX_MESSAGES).map((p) => located(`${p.code} ${p.message}`, vscode.Uri.file(p.file), rangeOf(p)));
}
