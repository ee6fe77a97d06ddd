// The Atlas-only stages and operators (issue "Atlas stages locally", item 2): their field tables
// are checked, $https and $externalFunction may end a processor, $function is a warning, and a
// local run of any of them is refused before it starts, naming the stage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { runPipelineText } from '../../../engine/pipeline/run';
import { loadConnectionRegistryText } from '../../../engine/connectors/catalog/registry';

const connections = loadConnectionRegistryText(JSON.stringify([
  { name: 'api', type: 'Https', url: 'https://127.0.0.1:9/v1' },
  { name: 'atlas', type: 'Cluster', uri: 'mongodb://127.0.0.1:9' },
])).registry;
const SRC = { $source: { connectionName: 'sample_stream_solar' } };
const VECTOR_SEARCH = { $vectorSearch: { from: { connectionName: 'atlas', db: 'a', coll: 'b' }, as: 'near', queryVector: [0.1, 0.2], index: 'vec', path: 'v', numCandidates: 10, limit: 2 } };

function diagnostics(pipeline: unknown[], mode: 'processor' | 'either' = 'processor'): { code: string; message: string; severity: string }[] {
  return analyzeText(JSON.stringify({ name: 'p', pipeline }), { connections, mode }).diagnostics.map(({ code, message, severity }) => ({ code, message, severity }));
}
const errors = (pipeline: unknown[]): string[] => diagnostics(pipeline).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);

test('$https and $externalFunction may end a processor; other transforms may not', () => {
  assert.deepEqual(errors([SRC, { $https: { connectionName: 'api', path: 'hook', method: 'POST' } }]), []);
  assert.deepEqual(errors([SRC, { $externalFunction: { connectionName: 'fn', functionName: 'arn:aws:lambda:x' } }]).filter((e) => !e.startsWith('ASP510')), []);
  assert.deepEqual(errors([SRC, { $match: { a: 1 } }]), ['ASP206 The last stage in the pipeline must be $merge or $emit.']);
});

test('{ "$https": {} } reports its missing required fields; `as` only in the middle of a pipeline', () => {
  const sink = { $emit: { connectionName: '__testLog' } };
  assert.deepEqual(errors([SRC, { $https: {} }, sink]), [
    "ASP303 BSON field '$https.connectionName' is missing but a required field",
    "ASP303 BSON field '$https.as' is missing but a required field",
  ]);
  assert.deepEqual(errors([SRC, { $https: {} }]), ["ASP303 BSON field '$https.connectionName' is missing but a required field"]);
  assert.deepEqual(errors([SRC, { $https: { connectionName: 'api', as: 'r', method: 'FETCH', config: { requestTimeoutSec: 'x' } } }, sink]), [
    "ASP305 Enumeration value 'FETCH' for field '$https.method' is not a valid value.",
    "ASP304 BSON field '$https.config.requestTimeoutSec' is the wrong type 'string', expected type 'int'",
  ]);
});

test('stages that run locally still check their tables; only the Atlas-only ones warn', () => {
  const sink = { $merge: { into: { connectionName: 'atlas', db: 'a', coll: 'b' } } };
  assert.deepEqual(errors([SRC, { $throttle: {} }, sink]), ["ASP303 $throttle requires at least one of 'bytesPerSec' or 'messagesPerSec'"]);
  assert.deepEqual(errors([SRC, { $cachedLookup: { from: { connectionName: 'atlas', db: 'd', coll: 'c' }, localField: 'a', foreignField: 'b', as: 'x' } }, sink]), [
    "ASP303 BSON field '$cachedLookup.ttl' is missing but a required field",
  ]);
  // $throttle, $cachedLookup and $https run on the local engine now: no ASP390.
  assert.deepEqual(diagnostics([SRC, { $throttle: { messagesPerSec: 5 } }, sink]).filter((d) => d.severity === 'warning'), []);
  const warned = diagnostics([SRC, VECTOR_SEARCH, sink]).filter((d) => d.severity === 'warning').map((d) => d.code);
  assert.deepEqual(warned, ['ASP390']);
});

test('$function is an Atlas-only warning, and a local run of it is refused naming the stage', async () => {
  const fn = { $addFields: { y: { $function: { body: 'function(x) { return x; }', args: ['$a'], lang: 'js' } } } };
  const pipeline = [{ $source: { documents: [{ a: 1 }] } }, fn, { $emit: { connectionName: '__testLog' } }];
  const d = diagnostics(pipeline);
  assert.deepEqual(d.filter((x) => x.severity === 'error'), []);
  assert.deepEqual(d.filter((x) => x.severity === 'warning').map((x) => x.code), ['ASP390']);
  await assert.rejects(runPipelineText(JSON.stringify(pipeline), { connections }), (e: Error) => {
    assert.match(e.message, /cannot run on the local engine \(stage 1 of its pipeline, \$addFields\): \$function runs JavaScript/);
    return true;
  });
});

test('a local run of a pipeline with an Atlas-only stage is refused before it starts', async () => {
  const pipeline = [{ $source: { documents: [{ a: 1 }] } }, VECTOR_SEARCH];
  await assert.rejects(runPipelineText(JSON.stringify(pipeline), { connections }), /stage 1 of its pipeline, \$vectorSearch\): \$vectorSearch runs on Atlas only/);
});
