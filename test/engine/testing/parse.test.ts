// Reading *.asp.test.json: problems located at line:col, one broken test leaves the others
// readable, Extended JSON dates become Date values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateDifference, parseFixture } from '../../../engine/testing/parse';

const at = (d: { line: number; col: number; code: string; message: string }): string => `${d.line}:${d.col} ${d.code} ${d.message}`;

test('fixture parse: a good file gives its tests with their positions and Date values', () => {
  const text = [
    '{',
    '  "pipeline": "p.asp.json",',
    '  "tests": [',
    '    { "name": "one", "input": { "start": { "$date": "2024-01-01T00:00:00Z" }, "events": [{ "doc": { "a": 1 }, "at": "2024-01-01T00:00:01Z", "partition": 2 }] }, "expect": { "output": [] } }',
    '  ]',
    '}',
  ].join('\n');
  const p = parseFixture(text, 'f.asp.test.json');
  assert.deepEqual(p.diagnostics, []);
  assert.equal(p.tests.length, 1);
  const t = p.tests[0]!;
  assert.equal(t.name, 'one');
  assert.deepEqual([t.line, t.col], [4, 5]);
  assert.ok(t.test?.input.start instanceof Date);
  assert.equal(t.test?.input.start?.toISOString(), '2024-01-01T00:00:00.000Z');
  const e = t.test!.input.events![0]!;
  assert.ok('doc' in e && e.at instanceof Date && e.at.getTime() === Date.parse('2024-01-01T00:00:01Z') && e.partition === 2);
});

test('fixture parse: shape problems name the line, column and what was expected', () => {
  const text = [
    '{',
    '  "tests": [',
    '    { "name": "ok", "input": { "documents": [] }, "expect": {} },',
    '    { "name": "bad", "input": { "documents": {} }, "expect": { "order": "sideways", "extra": 1 } },',
    '    { "input": { "events": [{ "idle": { "size": -1, "unit": "week" } }] }, "expect": {} }',
    '  ]',
    '}',
  ].join('\n');
  const p = parseFixture(text, 'f.asp.test.json');
  assert.deepEqual(p.diagnostics, [], 'problems belong to their tests, not to the file');
  assert.ok(p.tests[0]!.test, 'the good test stays runnable');
  assert.deepEqual(p.tests[1]!.diagnostics.map(at), [
    '4:46 ASP601 expected an array, found an object',
    '4:73 ASP601 expected "ordered" or "unordered", found the string "sideways"',
    '4:85 ASP601 unknown field \'extra\' (expected output, dlq, match, order, ignore)',
  ]);
  assert.equal(p.tests[1]!.test, undefined);
  assert.equal(p.tests[2]!.name, 'test 3', 'a test without a name is named by its position');
  assert.deepEqual(p.tests[2]!.diagnostics.map(at), [
    '5:49 ASP601 expected a whole number >= 0, found -1',
    '5:61 ASP601 expected "ms" or "second" or "minute" or "hour" or "day", found the string "week"',
    '5:5 ASP601 missing field \'name\'',
  ]);
});

test('fixture parse: input needs exactly one of documents, documentsFile, events, eventsFile', () => {
  const one = parseFixture('{"tests": [{"name": "n", "input": {}, "expect": {}}]}', 'f');
  assert.deepEqual(one.tests[0]!.diagnostics.map((d) => d.message), ['needs one of documents, documentsFile, events, eventsFile']);
  const two = parseFixture('{"tests": [{"name": "n", "input": {"documents": [], "eventsFile": "e.jsonl"}, "expect": {}}]}', 'f');
  assert.deepEqual(two.tests[0]!.diagnostics.map((d) => d.message), ['use only one of documents, documentsFile, events, eventsFile (found documents and eventsFile)']);
});

test('fixture parse: file-level problems (syntax, unknown top-level fields, no tests) are reported on the file', () => {
  const syntax = parseFixture('{"tests": [', 'f');
  assert.equal(syntax.tests.length, 0);
  assert.ok(syntax.diagnostics.length > 0 && syntax.diagnostics.every((d) => d.code === 'ASP101'));
  const unknown = parseFixture('{"tests": [{"name": "n", "input": {"documents": []}, "expect": {}}], "pipelines": "x"}', 'f');
  assert.deepEqual(unknown.diagnostics.map(at), ["1:70 ASP601 unknown field 'pipelines' (expected $schema, description, pipeline, connections, tests)"]);
  assert.equal(unknown.tests[0]!.test, undefined, 'a broken file runs none of its tests');
  const empty = parseFixture('{"tests": []}', 'f');
  assert.deepEqual(empty.diagnostics.map(at), ['1:11 ASP601 expected at least 1 item']);
  assert.deepEqual(parseFixture('', 'f').diagnostics.map((d) => d.code), ['ASP101']);
});

test('fixture parse: a bad date is reported at its position', () => {
  const p = parseFixture('{"tests": [{"name": "n", "input": {"start": "yesterday", "documents": []}, "expect": {}}]}', 'f');
  assert.deepEqual(p.tests[0]!.diagnostics.map(at), ['1:45 ASP601 expected a date, found the string "yesterday"']);
});

test('fixture parse: a difference path is located in the expectation, or at the nearest node that exists', () => {
  const text = '{"tests": [\n  {"name": "a", "input": {"documents": []}, "expect": {}},\n  {"name": "b", "input": {"documents": []},\n   "expect": {"output": [{"x": 1}, {"y": {"z": 2}}]}}\n]}';
  const p = parseFixture(text, 'f');
  const at = (i: number, path: string): string => {
    const l = locateDifference(p, i, path);
    return `${l.line}:${l.col} ${text.slice(l.offset, l.offset + l.length)}`;
  };
  assert.equal(at(1, 'output[1].y.z'), '4:48 2');
  assert.equal(at(1, 'output[1].y.w'), '4:42 {"z": 2}');
  assert.equal(at(1, 'dlq[0]'), '4:14 {"output": [{"x": 1}, {"y": {"z": 2}}]}');
  assert.equal(at(0, 'output[0]'), '2:55 {}');
});
