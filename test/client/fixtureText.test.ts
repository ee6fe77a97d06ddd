import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fixtureFileFor, isFixtureFile, minimalEdit, sourceDocumentsEdit, testIds } from '../../client/testing/fixtureText';

const apply = (text: string, e: { offset: number; length: number; text: string }): string => text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);

test('the fixture of a pipeline sits next to it', () => {
  assert.equal(fixtureFileFor(path.join('/w', 'orders.asp.json')), path.join('/w', 'orders.asp.test.json'));
  assert.equal(fixtureFileFor(path.join('/w', 'Orders.ASP.json')), path.join('/w', 'Orders.asp.test.json'));
  assert.ok(isFixtureFile('/w/orders.asp.test.json'));
  assert.ok(!isFixtureFile('/w/orders.asp.json'));
});

test('test ids are the names, numbered when a name repeats', () => {
  assert.deepEqual(testIds(['a', 'b', 'a', 'a']), ['a', 'b', 'a #2', 'a #3']);
});

test('the minimal edit replaces only what changed', () => {
  const before = '{\n  "output": [\n    { "kw": 0.4 }\n  ]\n}\n';
  const after = '{\n  "output": [\n    { "kw": 0.3 },\n    { "kw": 1 }\n  ]\n}\n';
  const e = minimalEdit(before, after);
  assert.equal(apply(before, e), after);
  assert.ok(e.length <= 4, `small edit: ${JSON.stringify(e)}`);
  assert.deepEqual(minimalEdit('same', 'same'), { offset: 4, length: 0, text: '' });
  assert.equal(apply('abc', minimalEdit('abc', '')), '');
  assert.equal(apply('', minimalEdit('', 'xyz')), 'xyz');
  assert.equal(apply('aaa', minimalEdit('aaa', 'aa')), 'aa');
});

test('captured documents replace the $source options, keeping timeField and tsFieldName', () => {
  const text = `{
  "name": "orders",
  "pipeline": [
    { "$source": { "connectionName": "kafka", "topic": "orders", "timeField": { "$toDate": "$t" }, "tsFieldName": "ts" } },
    { "$match": { "a": 1 } }
  ]
}
`;
  const e = sourceDocumentsEdit(text, (indent) => `[\n${indent}  { "a": 1 },\n${indent}  { "a": 2 }\n${indent}]`);
  assert.ok(!('error' in e));
  const out = apply(text, e);
  const v = JSON.parse(out) as { pipeline: [{ $source: Record<string, unknown> }] };
  assert.deepEqual(v.pipeline[0].$source, { documents: [{ a: 1 }, { a: 2 }], timeField: { $toDate: '$t' }, tsFieldName: 'ts' });
  assert.match(out, /\n {6}"documents": \[\n {8}\{ "a": 1 \},/);
  assert.ok(out.endsWith('    { "$match": { "a": 1 } }\n  ]\n}\n'), 'the rest is untouched');
});

test('a pipeline array, CRLF line ends, and a pipeline without $source', () => {
  const crlf = '[\r\n  { "$source": { "connectionName": "c" } }\r\n]\r\n';
  const e = sourceDocumentsEdit(crlf, () => '[\n  { "a": 1 }\n]');
  assert.ok(!('error' in e));
  const out = apply(crlf, e);
  assert.deepEqual(JSON.parse(out), [{ $source: { documents: [{ a: 1 }] } }]);
  assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
  assert.deepEqual(sourceDocumentsEdit('[{ "$match": {} }]', () => '[]'), { error: 'the pipeline does not start with a $source stage' });
  assert.deepEqual(sourceDocumentsEdit('{ "name": "x" }', () => '[]'), { error: 'the file has no pipeline array' });
});
