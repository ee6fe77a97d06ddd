import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, labels, service, REGISTRY } from './helpers';

const SRC = '{ "$source": { "connectionName": "sample_stream_solar" } }';
const s = service(REGISTRY);

test('stage names follow placement: only $source first', () => {
  assert.deepEqual(labels(s, '[ { "|" } ]'), ['$source']);
  assert.deepEqual(labels(s, '[ | ]'), ['$source']);
});

test('after $source: no $source, no window-only stages; sinks only in the last position', () => {
  const last = labels(s, `[ ${SRC}, { "|" } ]`);
  assert.ok(last.includes('$match') && last.includes('$merge') && last.includes('$emit') && last.includes('$tumblingWindow'));
  assert.ok(!last.includes('$source') && !last.includes('$group') && !last.includes('$limit'));
  const middle = labels(s, `[ ${SRC}, { "|" }, { "$merge": {} } ]`);
  assert.ok(middle.includes('$match') && !middle.includes('$merge') && !middle.includes('$emit'));
});

test('only one window per pipeline', () => {
  const l = labels(s, `[ ${SRC}, { "$tumblingWindow": { "interval": { "size": 1, "unit": "second" }, "pipeline": [] } }, { "|" } ]`);
  assert.ok(!l.includes('$hoppingWindow') && !l.includes('$tumblingWindow'));
});

test('window pipelines offer window-only stages and no sinks or sources', () => {
  const l = labels(s, `[ ${SRC}, { "$tumblingWindow": { "interval": { "size": 1, "unit": "second" }, "pipeline": [ { "|" } ] } } ]`);
  assert.ok(l.includes('$group') && l.includes('$sort') && l.includes('$limit') && l.includes('$count'));
  assert.ok(!l.includes('$merge') && !l.includes('$source') && !l.includes('$tumblingWindow'));
});

test('stage items are snippets replacing the typed key', () => {
  const { doc, pos } = at(`[ ${SRC}, { "$ma|" } ]`);
  const item = s.complete(doc, pos).items.find((i) => i.label === '$match')!;
  assert.equal(item.insertTextFormat, 2);
  const edit = item.textEdit as { newText: string; range: { start: { character: number }; end: { character: number } } };
  assert.match(edit.newText, /^"\$match": \{/);
  assert.equal(edit.range.start.character, doc.getText().indexOf('"$ma'));
});

test('option keys come from the stage schema and skip present keys', () => {
  const l = labels(s, '[ { "$source": { "connectionName": "kafka1", | } } ]');
  assert.ok(l.includes('topic') && l.includes('timeField') && !l.includes('connectionName'));
});

test('enum values come from the schema', () => {
  const l = labels(s, `[ ${SRC}, { "$validate": { "validator": {}, "validationAction": "|" } } ]`);
  assert.ok(l.includes('"dlq"') && l.includes('"discard"'), l.join());
});

test('connection names are filtered by the type the stage needs', () => {
  // the table's list, which the engine checks too: no $source flavour reads the `local` store
  assert.deepEqual(labels(s, '[ { "$source": { "connectionName": "|" } } ]').sort(), ['atlas1', 'kafka1', 'sample_stream_solar']);
  assert.deepEqual(labels(s, `[ ${SRC}, { "$merge": { "into": { "connectionName": "|" } } } ]`).sort(), ['atlas1', 'local']);
  assert.deepEqual(labels(s, `[ ${SRC}, { "$https": { "connectionName": "|" } } ]`), ['web']);
});

test('expression operators are snippets with placeholders', () => {
  const { doc, pos } = at(`[ ${SRC}, { "$addFields": { "x": { "|" } } } ]`);
  const items = s.complete(doc, pos).items;
  const add = items.find((i) => i.label === '$add')!;
  assert.ok(add, 'has $add');
  assert.match((add.textEdit as { newText: string }).newText, /\$\{?1/);
  assert.ok(!items.some((i) => i.label === '$match'));
});

test('field paths are carried from the sample source through $addFields and $project', () => {
  const l = labels(s, `[ ${SRC}, { "$addFields": { "kw": { "$divide": ["$obs.watts", 1000] } } }, { "$project": { "device_id": 1, "kw": 1 } }, { "$set": { "x": "$|" } } ]`);
  assert.ok(l.includes('$device_id') && l.includes('$kw') && l.includes('$_id') === false);
  assert.ok(!l.includes('$obs.watts'), 'projected away');
  const before = labels(s, `[ ${SRC}, { "$addFields": { "y": "$|" } } ]`);
  assert.ok(before.includes('$obs.watts') && before.includes('$_ts'));
});

test('field paths from $source.documents and through a window $group', () => {
  const docs = '{ "$source": { "documents": [ { "sensor": "a", "reading": { "v": 1 } } ] } }';
  assert.ok(labels(s, `[ ${docs}, { "$set": { "z": "$|" } } ]`).includes('$reading.v'));
  const l = labels(s, `[ ${docs}, { "$tumblingWindow": { "interval": { "size": 1, "unit": "second" }, "pipeline": [ { "$group": { "_id": "$sensor", "avgV": { "$avg": "$reading.v" } } } ] } }, { "$addFields": { "q": "$|" } } ]`);
  assert.ok(l.includes('$avgV') && l.includes('$_id') && !l.includes('$sensor'), l.join());
});

test('$$ variables include $let and $map bindings', () => {
  const l = labels(s, `[ ${SRC}, { "$addFields": { "x": { "$let": { "vars": { "w": "$obs.watts" }, "in": { "$map": { "input": [1], "as": "n", "in": "$$|" } } } } } } ]`);
  assert.ok(l.includes('$$ROOT') && l.includes('$$w') && l.includes('$$n'));
});

test('$meta paths, window paths only after a window', () => {
  const plain = labels(s, `[ ${SRC}, { "$addFields": { "m": { "$meta": "|" } } } ]`);
  assert.ok(plain.includes('stream.source.topic') && !plain.includes('stream.window.start'));
  const win = labels(s, `[ ${SRC}, { "$tumblingWindow": { "interval": { "size": 1, "unit": "second" }, "pipeline": [ { "$group": { "_id": { "$meta": "|" } } } ] } } ]`);
  assert.ok(win.includes('stream.window.start'));
});

test('duration units', () => {
  const l = labels(s, `[ ${SRC}, { "$tumblingWindow": { "interval": { "size": 1, "unit": "|" } } } ]`);
  for (const u of ['"second"', '"minute"', '"hour"', '"day"']) assert.ok(l.includes(u), `${u} in ${l.join()}`);
});

test('accumulators in $group outputs, query operators under a $match field', () => {
  const acc = labels(s, `[ ${SRC}, { "$hoppingWindow": { "pipeline": [ { "$group": { "_id": null, "n": { "|" } } } ] } } ]`);
  assert.ok(acc.includes('$sum') && acc.includes('$avg') && !acc.includes('$concat'));
  const q = labels(s, `[ ${SRC}, { "$match": { "group_id": { "|" } } } ]`);
  assert.ok(q.includes('$gt') && q.includes('$in') && !q.includes('$and'));
});

test('processor form: top-level keys, options and DLQ connection', () => {
  assert.deepEqual(labels(s, '{ "name": "p", | }').sort(), ['failoverEnabled', 'options', 'pipeline', 'tier']);
  assert.ok(labels(s, '{ "pipeline": [], "options": { | } }').includes('dlq'));
  assert.ok(labels(s, '{ "pipeline": [], "options": { | } }').includes('autoscaling'));
  assert.deepEqual(labels(s, '{ "pipeline": [], "options": { "autoscaling": { | } } }'), ['enabled', 'minTier', 'maxTier']);
  assert.deepEqual(labels(s, '{ "pipeline": [], "tier": "|" }'), ['SP2', 'SP5', 'SP10', 'SP30', 'SP50']);
  assert.deepEqual(labels(s, '{ "pipeline": [], "options": { "autoscaling": { "maxTier": "|" } } }'), ['SP2', 'SP5', 'SP10', 'SP30', 'SP50']);
  assert.deepEqual(labels(s, '{ "pipeline": [], "options": { "dlq": { "connectionName": "|" } } }').sort(), ['atlas1', 'local']);
  assert.deepEqual(labels(s, '{ "name": "p", "pipeline": [ { "|" } ] }'), ['$source']);
});

test('the registry file: types and per-type fields', () => {
  const uri = 'file:///ws/asp.connections.json';
  const run = (text: string): string[] => {
    const { doc, pos } = at(text, uri);
    return s.complete(doc, pos).items.map((i) => i.label);
  };
  // Every Admin API connection type (Local and TestLog are built in only).
  assert.deepEqual(run('{ "connections": [ { "name": "k", "type": "|" } ] }').sort(), ['AWSKinesisDataStreams', 'AWSLambda', 'AzureBlobStorage', 'Cluster', 'GCPPubSub', 'Https', 'Kafka', 'S3', 'Sample', 'SchemaRegistry']);
  const kafka = run('{ "connections": [ { "name": "k", "type": "Kafka", | } ] }');
  assert.ok(kafka.includes('bootstrapServers') && kafka.includes('authentication') && !kafka.includes('uri'));
  assert.ok(run('{ "connections": [ { "name": "k", "type": "Kafka", "security": { "protocol": "|" } } ] }').includes('SASL_SSL'));
  assert.ok(run('{ "connections": [ | ] }').includes('Kafka connection'));
});
