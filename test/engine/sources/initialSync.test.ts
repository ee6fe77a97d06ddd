/**
 * `$source.initialSync` as the parser and the pipeline rules see it: `{enable, parallelism}` with
 * `enable` required, parallelism a positive integer, unknown fields reported, `enable: false`
 * meaning no sync, and no window stage in a pipeline that syncs (ASP216).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { loadConnectionRegistryText } from '../../../engine/connectors/catalog/registry';
import type { SourceConfig } from '../../../engine/stages/source';
import type { ChangeStreamConfig } from '../../../engine/io/types';

const { registry } = loadConnectionRegistryText(JSON.stringify([{ name: 'c', type: 'Cluster', uri: 'mongodb://127.0.0.1:1' }]));

function analyze(initialSync: unknown, extra: unknown[] = []) {
  const text = JSON.stringify([{ $source: { connectionName: 'c', db: 'd', coll: ['a', 'b'], initialSync } }, ...extra, { $merge: { into: { connectionName: 'c', db: 'd', coll: 'out' } } }]);
  const a = analyzeText(text, { connections: registry });
  const errors = a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
  const cfg = (a.validated?.stages[0]?.config as SourceConfig | undefined)?.config as ChangeStreamConfig | undefined;
  return { errors, cfg };
}

test('initialSync: parsed into the change-stream config', () => {
  assert.deepEqual(analyze({ enable: true }).errors, []);
  assert.deepEqual(analyze({ enable: true }).cfg?.initialSync, { parallelism: 1 });
  assert.deepEqual(analyze({ enable: true, parallelism: 4 }).cfg?.initialSync, { parallelism: 4 });
  assert.equal(analyze({ enable: false, parallelism: 4 }).cfg?.initialSync, undefined, 'enable: false is no sync');
});

test('initialSync: Atlas-style errors for malformed options', () => {
  assert.deepEqual(analyze({}).errors, ["ASP303 BSON field '$source.initialSync.enable' is missing but a required field"]);
  assert.deepEqual(analyze({ enable: 'yes' }).errors, ["ASP304 BSON field '$source.initialSync.enable' is the wrong type 'string', expected type 'bool'"]);
  assert.deepEqual(analyze({ enable: true, parallelism: 0 }).errors, ['ASP304 $source.initialSync.parallelism must be a positive integer']);
  assert.deepEqual(analyze({ enable: true, batch: 2 }).errors, ["ASP302 BSON field '$source.initialSync.batch' is an unknown field."]);
  assert.deepEqual(analyze(true).errors, ["ASP304 BSON field '$source.initialSync' is the wrong type 'bool', expected type 'object'"]);
});

test('initialSync: no window stage in a pipeline that syncs', () => {
  const window = { $tumblingWindow: { interval: { size: 1, unit: 'second' }, pipeline: [{ $group: { _id: null, n: { $count: {} } } }] } };
  assert.deepEqual(analyze({ enable: true }, [window]).errors, ['ASP216 $tumblingWindow cannot be used with $source.initialSync: a pipeline that syncs existing documents has no window stage']);
  assert.deepEqual(analyze({ enable: false }, [window]).errors, []);
});
