/** $merge and $lookup against the embedded `local` store, and the parse rules of the I/O stages. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runPipelineText } from '../../../engine/pipeline/run';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { createServices } from '../../../engine/connectors/services';
import { type Services } from '../../../engine/io/types';
import type { Doc } from '../../../engine/core/types';

const registry = builtinRegistry([
  { name: 'k', type: 'Kafka', bootstrapServers: '127.0.0.1:9' },
  { name: 'c', type: 'Cluster', uri: 'mongodb://127.0.0.1:9' },
]);

describe('$merge and $lookup into the local store', () => {
  let dir: string;
  let services: Services;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-sinks-'));
    services = createServices(registry, { stateDir: dir });
  });
  after(async () => {
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const run = (docs: Doc[], ...stages: Doc[]) =>
    runPipelineText(JSON.stringify({ name: 't', pipeline: [{ $source: { documents: docs } }, { $project: { _ts: 0 } }, ...stages] }), { connections: registry, services, projectStreamMeta: false });
  const coll = (c: string) => services.localStore.collection('db', c);

  const modes: [string, Doc, Doc[], Doc[]][] = [
    ['merge/insert (default)', {}, [{ _id: 1, b: 2 }, { _id: 3, c: 3 }], [{ _id: 1, a: 1, b: 2 }, { _id: 2, a: 2 }, { _id: 3, c: 3 }]],
    ['replace/insert', { whenMatched: 'replace' }, [{ _id: 1, b: 2 }], [{ _id: 1, b: 2 }, { _id: 2, a: 2 }]],
    ['keepExisting/insert', { whenMatched: 'keepExisting' }, [{ _id: 1, b: 2 }, { _id: 4, d: 4 }], [{ _id: 1, a: 1 }, { _id: 2, a: 2 }, { _id: 4, d: 4 }]],
    ['delete/insert', { whenMatched: 'delete' }, [{ _id: 1 }, { _id: 5, e: 5 }], [{ _id: 2, a: 2 }, { _id: 5, e: 5 }]],
    ['merge/discard', { whenNotMatched: 'discard' }, [{ _id: 1, b: 2 }, { _id: 9 }], [{ _id: 1, a: 1, b: 2 }, { _id: 2, a: 2 }]],
    ['delete/discard', { whenMatched: 'delete', whenNotMatched: 'discard' }, [{ _id: 2 }, { _id: 9 }], [{ _id: 1, a: 1 }]],
    ['on another field', { on: 'a', whenMatched: 'replace' }, [{ a: 2, z: 1 }], [{ _id: 1, a: 1 }, { _id: 2, a: 2, z: 1 }]],
    ['pipeline with $$new', { whenMatched: [{ $addFields: { total: { $add: ['$a', '$$new.a'] } } }] }, [{ _id: 1, a: 10 }], [{ _id: 1, a: 1, total: 11 }, { _id: 2, a: 2 }]],
    ['expression modes', { whenMatched: { $cond: [{ $eq: ['$op', 'd'] }, 'delete', 'merge'] }, whenNotMatched: { $cond: ['$ins', 'insert', 'discard'] } }, [{ _id: 1, op: 'd' }, { _id: 2, op: 'u' }, { _id: 7, ins: true }, { _id: 8, ins: false }], [{ _id: 2, a: 2, op: 'u' }, { _id: 7, ins: true }]],
  ];
  modes.forEach(([title, opts, input, expected], i) => {
    it(title, async () => {
      const name = `m${i}`;
      coll(name).insertMany([{ _id: 1, a: 1 }, { _id: 2, a: 2 }]);
      const r = await run(input, { $merge: { into: { connectionName: 'local', db: 'db', coll: name }, ...opts } });
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
      assert.deepEqual(r.dlq, []);
      assert.deepEqual(coll(name).find({}).sort((x, y) => Number(x['_id']) - Number(y['_id'])), expected);
    });
  });

  it('a bad expression mode goes to the DLQ', async () => {
    const r = await run([{ _id: 1, m: 'fail' }], { $merge: { into: { connectionName: 'local', db: 'db', coll: 'bad' }, whenMatched: '$m' } });
    coll('bad');
    assert.equal(r.dlq.length, 0, 'not matched: whenMatched is not evaluated');
    coll('bad2').insertOne({ _id: 1 });
    const r2 = await run([{ _id: 1, m: 'fail' }], { $merge: { into: { connectionName: 'local', db: 'db', coll: 'bad2' }, whenMatched: { $toString: '$m' } } });
    assert.equal(r2.dlq.length, 1);
    assert.equal((r2.dlq[0] as { errInfo: { reason: string } }).errInfo.reason, 'Failed to process input document in MergeOperator with error: Unsupported whenMatched mode: fail');
  });

  it('$lookup: equality, let/pipeline and concise forms', async () => {
    coll('rooms').insertMany([{ _id: 'A', floor: 1 }, { _id: 'B', floor: 2 }, { _id: 'C', floor: 1 }]);
    const from = { connectionName: 'local', db: 'db', coll: 'rooms' };
    const docs = [{ room: 'A' }, { room: ['B', 'C'] }, { other: 1 }];
    let r = await run(docs, { $lookup: { from, localField: 'room', foreignField: '_id', as: 'r' } }, { $project: { n: { $size: '$r' } } });
    assert.deepEqual(r.docs.map((d) => d['n']), [1, 2, 0]);
    r = await run([{ f: 1 }], { $lookup: { from, let: { f: '$f' }, pipeline: [{ $match: { $expr: { $eq: ['$floor', '$$f'] } } }], as: 'r' } });
    assert.deepEqual((r.docs[0]!['r'] as Doc[]).map((d) => d['_id']), ['A', 'C']);
    r = await run([{ room: 'C', min: 1 }], { $lookup: { from, localField: 'room', foreignField: '_id', let: { m: '$min' }, pipeline: [{ $match: { $expr: { $gte: ['$floor', '$$m'] } } }], as: 'r' } });
    assert.deepEqual(r.docs[0]!['r'], [{ _id: 'C', floor: 1 }]);
  });
});

describe('parse rules of $source (Kafka, change stream), $emit, $merge, $lookup', () => {
  const cases: [string, Doc[], RegExp][] = [
    ['kafka topic missing', [{ $source: { connectionName: 'k' } }], /BSON field '\$source.topic' is missing but a required field/],
    ['kafka bad offset reset', [{ $source: { connectionName: 'k', topic: 't', config: { auto_offset_reset: 'middle' } } }], /Enumeration value 'middle' for field '\$source.config.auto_offset_reset' is not a valid value./],
    ['kafka unknown config', [{ $source: { connectionName: 'k', topic: 't', config: { headers: 1 } } }], /BSON field '\$source.config.headers' is an unknown field./],
    ['kafka bad idle timeout', [{ $source: { connectionName: 'k', topic: 't', partitionIdleTimeout: { size: 1 } } }], /partitionIdleTimeout must be/],
    ['change stream coll without db', [{ $source: { connectionName: 'c', coll: 'x' } }], /If coll is specified, db must be specified./],
    ['change stream empty db', [{ $source: { connectionName: 'c', db: '' } }], /Cannot specify an empty database name to \$source when configuring a change stream/],
    ['startAfter and startAtOperationTime', [{ $source: { connectionName: 'c', config: { startAfter: { _data: 'x' }, startAtOperationTime: { $date: '2024-01-01T00:00:00Z' } } } }], /startAfter and startAtOperationTime cannot both be set/],
    ['fullDocumentOnly needs updateLookup', [{ $source: { connectionName: 'c', config: { fullDocumentOnly: true } } }], /fullDocumentOnly is set to true, fullDocument mode can either be updateLookup or required/],
    ['fullDocumentBeforeChange with fullDocumentOnly', [{ $source: { connectionName: 'c', config: { fullDocument: 'required', fullDocumentOnly: true, fullDocumentBeforeChange: 'required' } } }], /fullDocumentBeforeChange is set, so fullDocumentOnly should not be set./],
    ['emit without connection', [{ $source: { documents: [] } }, { $emit: { topic: 't' } }], /\$emit must contain 'connectionName' field in it/],
    ['emit key without keyFormat', [{ $source: { documents: [] } }, { $emit: { connectionName: 'k', topic: 't', config: { key: '$a' } } }], /Expected config.keyFormat to be specified when config.key is specified/],
    ['emit unknown connection', [{ $source: { documents: [] } }, { $emit: { connectionName: 'zz', topic: 't' } }], /connection named zz does not exist/],
    ['merge unknown connection', [{ $source: { documents: [] } }, { $merge: { into: { connectionName: 'zz', db: 'd', coll: 'c' } } }], /Unknown connection name zz/],
    ['merge wrong connection type', [{ $source: { documents: [] } }, { $merge: { into: { connectionName: 'k', db: 'd', coll: 'c' } } }], /Only atlas merge connection type is currently supported/],
    ['merge duplicate on', [{ $source: { documents: [] } }, { $merge: { into: { connectionName: 'local', db: 'd', coll: 'c' }, on: ['a', 'a'] } }], /Found a duplicate field in the \$merge.on list: 'a'/],
    ['merge fail mode', [{ $source: { documents: [] } }, { $merge: { into: { connectionName: 'local', db: 'd', coll: 'c' }, whenMatched: 'fail' } }], /Unsupported whenMatched mode: fail/],
    ['merge fail not-matched mode', [{ $source: { documents: [] } }, { $merge: { into: { connectionName: 'local', db: 'd', coll: 'c' }, whenNotMatched: 'fail' } }], /Unsupported whenNotMatched mode: fail/],
    ['lookup wrong connection type', [{ $source: { documents: [] } }, { $lookup: { from: { connectionName: 'k', db: 'd', coll: 'c' }, localField: 'a', foreignField: 'b', as: 'x' } }, { $merge: { into: { connectionName: 'local', db: 'd', coll: 'c' } } }], /Only atlas connection type is currently supported for \$lookup/],
    ['lookup unknown connection', [{ $source: { documents: [] } }, { $lookup: { from: { connectionName: 'zz', db: 'd', coll: 'c' }, localField: 'a', foreignField: 'b', as: 'x' } }], /Unknown connection name zz/],
    ['lookup from incomplete', [{ $source: { documents: [] } }, { $lookup: { from: { connectionName: 'local', db: 'd' }, localField: 'a', foreignField: 'b', as: 'x' } }], /BSON field '\$lookup.from.coll' is missing but a required field/],
  ];
  for (const [title, pipeline, expected] of cases) {
    it(title, () => {
      const a = analyzeText(JSON.stringify(pipeline), { connections: registry });
      const errors = a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
      assert.ok(errors.some((m) => expected.test(m)), `expected ${expected} in ${JSON.stringify(errors)}`);
    });
  }
  it('accepts the full option set', () => {
    const ok = [
      { $source: { connectionName: 'k', topic: ['a', 'b'], timeField: { $toDate: '$t' }, partitionIdleTimeout: { size: 5, unit: 'second' }, config: { auto_offset_reset: 'earliest', group_id: 'g', enable_auto_commit: false, keyFormat: 'json', keyFormatError: 'passThrough' } } },
      { $lookup: { from: { connectionName: 'c', db: 'd', coll: 'x' }, localField: 'a', foreignField: 'b', as: 'j' } },
      { $emit: { connectionName: 'k', topic: { $concat: ['out-', '$kind'] }, config: { key: '$id', keyFormat: 'string', headers: { a: 'b' }, outputFormat: 'basicJson', dateFormat: 'ISO8601', compression_type: 'gzip', acks: 1, tombstoneWhen: { $eq: ['$deleted', true] } } } },
    ];
    const a = analyzeText(JSON.stringify({ name: 'p', pipeline: ok }), { connections: registry });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  });
});
