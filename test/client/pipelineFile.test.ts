import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processorNameFor, readPipelineFile, stageRange } from '../../client/pipelineFile';

const PROCESSOR = `{
  // comments are fine
  "name": "solar",
  "pipeline": [
    { "$source": { "connectionName": "sample_stream_solar" } },
    { "$tumblingWindow": { "interval": { "size": 1, "unit": "second" }, "pipeline": [ { "$group": { "_id": null } } ] } },
    { "$merge": { "into": { "connectionName": "local", "db": "d", "coll": "c" } } },
  ],
  "options": { "dlq": { "connectionName": "local", "db": "d", "coll": "dlq" } }
}`;

test('a processor document gives name, pipeline, options and stage ranges', () => {
  const r = readPipelineFile(PROCESSOR);
  assert.ok(r.ok);
  assert.equal(r.file.name, 'solar');
  assert.equal(r.file.pipeline.length, 3);
  assert.deepEqual(r.file.options, { dlq: { connectionName: 'local', db: 'd', coll: 'dlq' } });
  assert.deepEqual(r.file.stages.map((s) => s.name), ['$source', '$tumblingWindow', '$merge']);
  const src = r.file.stages[0]!;
  assert.equal(PROCESSOR.slice(src.offset, src.offset + src.length), '{ "$source": { "connectionName": "sample_stream_solar" } }');
  const inner = stageRange(r.file, 1, 0)!;
  assert.equal(PROCESSOR.slice(inner.offset, inner.offset + inner.length), '{ "$group": { "_id": null } }');
  assert.equal(stageRange(r.file, 7), undefined);
  assert.equal(PROCESSOR[r.file.pipelineRange.offset], '[');
});

test('a bare array is a pipeline; key order is kept', () => {
  const r = readPipelineFile('[{"$source":{"documents":[{"b":1,"a":2}]}}]');
  assert.ok(r.ok);
  assert.equal(r.file.name, undefined);
  assert.deepEqual(Object.keys((r.file.pipeline[0] as any).$source.documents[0]), ['b', 'a']);
});

const BAD: [string, string, string][] = [
  ['syntax error', '[{"$source": }]', 'JSON syntax error'],
  ['empty text', '', 'JSON syntax error'],
  ['no pipeline key', '{"name": "x"}', 'needs a "pipeline" array'],
  ['pipeline not an array', '{"pipeline": {}}', 'needs a "pipeline" array'],
  ['a number', '42', 'pipeline array or a processor document'],
];
for (const [what, text, message] of BAD) {
  test(`readPipelineFile reports ${what} without throwing`, () => {
    const r = readPipelineFile(text);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });
}

test('a stage element that is not a one-key object has an empty name', () => {
  const r = readPipelineFile('[{"$source":{}, "$match":{}}, 3]');
  assert.ok(r.ok);
  assert.deepEqual(r.file.stages.map((s) => s.name), ['', '']);
});

const NAMES: [string | undefined, string, string][] = [
  ['given', '/x/a.asp.json', 'given'],
  [undefined, '/x/my pipeline.asp.json', 'my_pipeline'],
  ['  ', 'C:\\w\\demo.asp.json', 'demo'],
];
for (const [name, file, expected] of NAMES) {
  test(`processorNameFor(${JSON.stringify(name)}, ${file})`, () => {
    const f = { pipeline: [], pipelineRange: { offset: 0, length: 0 }, stages: [], ...(name !== undefined ? { name } : {}) };
    assert.equal(processorNameFor(f, file), expected);
  });
}
