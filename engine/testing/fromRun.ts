/**
 * A fixture test made from a recorded run (engine/runtime/recording.ts). The documents the
 * `$source` delivered become input events with their partition, arrival time, event time and
 * source metadata, so the test replays the run under its manual clock; the run's output and DLQ
 * records become the expectation ("Save as test"), or it is left empty for update to fill
 * ("Capture input"). The new test is added to the fixture's text without reformatting the rest.
 */
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import type { Doc, Value } from '../core/types';
import { equals } from '../bson/compare';
import type { RecordedEvent, RunRecording } from '../runtime/recording';
import { prettyJSON } from './print';

/** Fields of DLQ records that name the run or the wall clock, not what the pipeline did. */
const RUN_FIELDS = ['dlqTime', 'processorName'];
/** Members of `_stream_meta.source` the test source writes itself for a change stream (copied from the document). */
const CHANGE_FIELDS = ['operationType', 'ns', 'documentKey'];

export interface TestFromRun {
  /** The test object (engine values, in fixture key order). */
  test: Doc;
  /** Why it may not reproduce the run exactly. */
  warnings: string[];
}

/** Partitions as the fixture writes them: numbers for one Kafka topic, else the input names. */
function partitionOf(rec: RunRecording): (e: RecordedEvent) => number | string | undefined {
  const topics = new Set(rec.events.map((e) => e.source['topic']).filter((t) => t !== undefined));
  const numeric = topics.size <= 1 && rec.events.every((e) => e.input === undefined || typeof e.source['partition'] === 'number');
  return (e) => (e.input === undefined ? undefined : numeric ? (e.source['partition'] as number) : e.input);
}

/** `_stream_meta.source` members the test source would not write the same way by itself. */
function sourceExtras(rec: RunRecording, e: RecordedEvent, partition: number | string | undefined): Doc | undefined {
  const out: Doc = {};
  for (const [k, v] of Object.entries(e.source)) {
    if (k === 'type') continue;
    if (k === 'partition' && v === partition) continue;
    if (k === 'topic' && rec.topics.length > 0 && v === rec.topics[0]) continue;
    if (k === 'headers' && Array.isArray(v) && v.length === 0) continue;
    if (rec.sourceType === 'atlas' && CHANGE_FIELDS.includes(k) && equals(v, e.doc[k])) continue;
    out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The recording's documents as fixture input events, with an idle gap for the time the run went on after the last one. */
export function recordedEvents(rec: RunRecording): Doc[] {
  const partition = partitionOf(rec);
  const events: Doc[] = rec.events.map((e) => {
    const ev: Doc = { doc: e.doc };
    const p = partition(e);
    if (p !== undefined && p !== 0) ev['partition'] = p;
    ev['at'] = new Date(e.at);
    if (!rec.hasTimeField && e.time !== e.at) ev['time'] = new Date(e.time);
    const extra = sourceExtras(rec, e, p);
    if (extra) ev['source'] = extra;
    return ev;
  });
  const last = rec.events[rec.events.length - 1];
  if (rec.end && !rec.end.drained && last && rec.end.at > last.at) events.push({ idle: { size: rec.end.at - last.at, unit: 'ms' } });
  return events;
}

/** The test for a recorded run. */
export function testFromRun(rec: RunRecording, o: { name: string; pipeline?: string; expect: 'run' | 'none' }): TestFromRun {
  const warnings: string[] = [];
  if (rec.truncated) warnings.push(`the run read more documents than were recorded; the test has the first ${rec.events.length}`);
  if (rec.undecodable > 0) warnings.push(`${rec.undecodable} source record${rec.undecodable === 1 ? '' : 's'} could not be decoded and cannot be replayed`);
  const input: Doc = {};
  if (rec.end && !rec.end.drained) input['drain'] = false;
  input['events'] = recordedEvents(rec);
  const expect: Doc = {};
  if (o.expect === 'run') {
    const clash = RUN_FIELDS.filter((f) => rec.output.some((d) => f in d));
    if (rec.dlq.length > 0) {
      const ignore = RUN_FIELDS.filter((f) => !clash.includes(f));
      if (ignore.length) expect['ignore'] = ignore;
      if (clash.length) warnings.push(`output documents have ${clash.join(' and ')} fields, so the DLQ records' own are compared too`);
    }
    expect['output'] = rec.output;
    if (rec.dlq.length > 0) expect['dlq'] = rec.dlq;
  }
  const test: Doc = { name: o.name };
  if (o.pipeline !== undefined) test['pipeline'] = o.pipeline;
  test['input'] = input;
  test['expect'] = expect;
  return { test, warnings };
}

/** The leading whitespace of the line a node starts on. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function testNames(tests: Node): string[] {
  return (tests.children ?? []).map((t) => (t.type === 'object' ? findNodeAtLocation(t, ['name'])?.value : undefined)).filter((n): n is string => typeof n === 'string');
}

/** `name`, or `name (2)`, ... when the fixture has a test of that name already. */
function uniqueName(name: string, taken: string[]): string {
  if (!taken.includes(name)) return name;
  let i = 2;
  while (taken.includes(`${name} (${i})`)) i++;
  return `${name} (${i})`;
}

/**
 * The fixture text with the test added at the end of `tests`: a new fixture naming `pipeline`
 * when there is no text yet. The test names the pipeline itself when the fixture's is another.
 * Throws with a message when the text is not a fixture a test can be added to.
 */
export function addTestToFixture(existing: string | undefined, pipeline: string, build: (o: { ownPipeline: boolean; unique(name: string): string }) => Doc): { text: string; index: number } {
  if (existing === undefined || existing.trim() === '') {
    const value: Record<string, Value> = { pipeline, tests: [build({ ownPipeline: false, unique: (n) => n })] };
    return { text: `${prettyJSON(value, '')}\n`, index: 0 };
  }
  const tree = parseTree(existing);
  const tests = tree && tree.type === 'object' ? findNodeAtLocation(tree, ['tests']) : undefined;
  if (!tests || tests.type !== 'array') throw new Error('it has no "tests" array to add the test to');
  const ownPipeline = findNodeAtLocation(tree!, ['pipeline'])?.value !== pipeline;
  const taken = testNames(tests);
  const test = build({ ownPipeline, unique: (n) => uniqueName(n, taken) });
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const items = tests.children ?? [];
  const last = items[items.length - 1];
  if (last) {
    const indent = lineIndent(existing, last.offset);
    const end = last.offset + last.length;
    const text = `${existing.slice(0, end)},${eol}${indent}${prettyJSON(test, indent).replace(/\n/g, eol)}${existing.slice(end)}`;
    return { text, index: items.length };
  }
  const outer = lineIndent(existing, tests.offset);
  const inner = `${outer}  `;
  const body = `[${eol}${inner}${prettyJSON(test, inner).replace(/\n/g, eol)}${eol}${outer}]`;
  return { text: existing.slice(0, tests.offset) + body + existing.slice(tests.offset + tests.length), index: 0 };
}
