/**
 * `asp test --update`: rewrite the expected output and DLQ records of failing tests from what
 * they actually produced, for review in version control. Only the parts that differ are
 * replaced, in place; the rest of the file keeps its text, key order and formatting. Ignored
 * field paths are left out of what is written, so the snapshot stays stable.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { Doc } from '../core/types';
import { withoutIgnored } from './compare';
import type { TestResult } from './fixtureRun';
import type { ParsedFixture } from './parse';
import { documentList } from './print';

/** The new fixture text, or undefined when nothing needs rewriting. */
export function updatedFixtureText(p: ParsedFixture, results: TestResult[]): string | undefined {
  let text = p.text;
  let changed = false;
  // From the last test up, so earlier offsets stay valid.
  for (const r of [...results].sort((x, y) => y.index - x.index)) {
    const t = p.tests[r.index];
    if (r.passed || !r.actual || !t?.test) continue;
    const ignore = t.test.expect.ignore ?? [];
    const parts = new Map<string, Doc[]>();
    for (const part of ['output', 'dlq'] as const) {
      if (r.differences.some((d) => d.path.startsWith(`${part}[`))) parts.set(part, withoutIgnored(r.actual[part], ignore));
    }
    if (parts.size === 0) continue;
    text = rewriteExpect(text, r.index, parts);
    changed = true;
  }
  return changed ? text : undefined;
}

/**
 * Replace the parts in place when the `expect` object is already laid out over several lines
 * and has them; otherwise print the whole `expect` object again, its other members copied as
 * they are written, so a one-line `"expect": {}` grows into a readable block.
 */
function rewriteExpect(text: string, index: number, parts: Map<string, Doc[]>): string {
  const tree = parseTree(text);
  const expect = tree && findNodeAtLocation(tree, ['tests', index, 'expect']);
  if (!expect || expect.type !== 'object') return text;
  const members = (expect.children ?? []).map((m) => ({ key: m.children?.[0]?.value as string, value: m.children?.[1] }));
  const multiLine = text.slice(expect.offset, expect.offset + expect.length).includes('\n');
  if (multiLine && [...parts.keys()].every((k) => members.some((m) => m.key === k))) {
    const edits = members.filter((m) => parts.has(m.key) && m.value).sort((x, y) => y.value!.offset - x.value!.offset);
    for (const m of edits) text = splice(text, m.value!, documentList(parts.get(m.key)!, lineIndent(text, m.value!)));
    return text;
  }
  const outer = lineIndent(text, expect);
  const inner = outer + ' '.repeat(indentUnit(text));
  const lines = members.filter((m) => m.value).map((m) => {
    const v = parts.get(m.key);
    return `${inner}${JSON.stringify(m.key)}: ${v ? documentList(v, inner) : text.slice(m.value!.offset, m.value!.offset + m.value!.length)}`;
  });
  for (const [k, v] of parts) if (!members.some((m) => m.key === k)) lines.push(`${inner}${JSON.stringify(k)}: ${documentList(v, inner)}`);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return splice(text, expect, `{${eol}${lines.join(`,${eol}`)}${eol}${outer}}`);
}

function splice(text: string, node: Node, replacement: string): string {
  return text.slice(0, node.offset) + replacement + text.slice(node.offset + node.length);
}

/** The leading whitespace of the line a node starts on. */
function lineIndent(text: string, node: Node): string {
  const start = text.lastIndexOf('\n', node.offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The file's indentation step (2 unless its first indented line says otherwise). */
function indentUnit(text: string): number {
  const m = /\n( +)\S/.exec(text);
  return m ? m[1]!.length : 2;
}
