/**
 * Test results as text: one line per test, and for a failure its problems (file:line:col) or
 * its differences by path, expected against actual, in relaxed Extended JSON.
 */
import type { Value } from '../core/types';
import type { Difference } from './compare';
import type { TestResult } from './fixtureRun';
import type { TestProblem } from './load';
import { inlineJSON, prettyJSON } from './print';

const INLINE_MAX = 120;

function shown(v: Value, indent: string): string {
  const one = inlineJSON(v);
  return one.length <= INLINE_MAX ? one : prettyJSON(v, indent);
}

export function formatProblem(p: TestProblem): string {
  return `${p.file}:${p.line}:${p.col} ${p.severity} ${p.code} ${p.message}`;
}

export function formatDifference(d: Difference, indent = '    '): string {
  const part = d.path.split('[')[0];
  const at = d.actualIndex !== undefined && !d.path.startsWith(`${part}[${d.actualIndex}]`) ? ` (compared with actual ${part}[${d.actualIndex}])` : '';
  const more = indent + '  ';
  if (!('actual' in d)) {
    return `${indent}${d.path}: missing${at}\n${more}expected ${shown(d.expected, more)}`;
  }
  if (!('expected' in d)) {
    return `${indent}${d.path}: unexpected${at}\n${more}actual   ${shown(d.actual, more)}`;
  }
  return `${indent}${d.path}:${at}\n${more}expected ${shown(d.expected, more)}\n${more}actual   ${shown(d.actual, more)}`;
}

/** The lines for one result: a ✓/✗ line, and the details of a failure. */
export function formatResult(r: TestResult): string {
  const where = `${r.file}:${r.line}:${r.col}`;
  if (r.passed) return `  ✓ ${r.name}`;
  const lines = [`  ✗ ${r.name} (${where})`];
  for (const p of r.problems) lines.push(`    ${formatProblem(p)}`);
  for (const d of r.differences) lines.push(formatDifference(d));
  if (r.actual && r.differences.length) {
    lines.push(`    actual: ${r.actual.output.length} output document${r.actual.output.length === 1 ? '' : 's'}, ${r.actual.dlq.length} DLQ record${r.actual.dlq.length === 1 ? '' : 's'}`);
  }
  return lines.join('\n');
}

export function summary(results: TestResult[]): string {
  const passed = results.filter((r) => r.passed).length;
  return `${passed} passed, ${results.length - passed} failed`;
}
