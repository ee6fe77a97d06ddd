/**
 * The processor file is the Atlas Admin API create body: it validates with Atlas's rules, exports
 * back unchanged (key order included), an Admin API GET reply imports to the same body, and the
 * mongosh placements are aliases that move on export.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { loadConnectionRegistryText } from '../../../engine/connectors/catalog/registry';
import { parseJsonText } from '../../../engine/json/tree';
import { createBody, exportDocument, importGetReply, type JsonDoc } from '../../../engine/pipeline/processorDocument';
import { fieldsSchema, PROCESSOR_FIELDS } from '../../../engine/pipeline/processorFields';

const conns = loadConnectionRegistryText(JSON.stringify([{ name: 'mongodb1', type: 'Cluster', uri: 'mongodb://127.0.0.1:27017' }])).registry;

/** The Admin API create body of atlas-interop §c.2 (key order as Atlas documents it). */
const CREATE_BODY = `{
  "name": "solarDemo",
  "pipeline": [
    { "$source": { "connectionName": "sample_stream_solar" } },
    { "$tumblingWindow": { "interval": { "size": 10, "unit": "second" },
        "pipeline": [ { "$group": { "_id": "$group_id", "max_watts": { "$max": "$obs.watts" }, "avg_watts": { "$avg": "$obs.watts" } } } ] } },
    { "$project": { "region": 1, "city": 1, "max_watts": 1 } },
    { "$merge": { "into": { "connectionName": "mongodb1", "db": "solarDb", "coll": "solarColl" } } }
  ],
  "options": {
    "dlq": { "connectionName": "mongodb1", "db": "solarDb", "coll": "dlq" },
    "autoscaling": { "enabled": true, "minTier": "SP5", "maxTier": "SP30" }
  },
  "tier": "SP10",
  "failoverEnabled": false
}`;

/** What GET …/processor/solarDemo returns for it: read-only fields around it, integral numbers as doubles. */
const GET_REPLY = `{
  "_id": "6a1f0c2e9b1d4c0012345678",
  "name": "solarDemo",
  "pipeline": [
    { "$source": { "connectionName": "sample_stream_solar" } },
    { "$tumblingWindow": { "interval": { "size": 10.0, "unit": "second" },
        "pipeline": [ { "$group": { "_id": "$group_id", "max_watts": { "$max": "$obs.watts" }, "avg_watts": { "$avg": "$obs.watts" } } } ] } },
    { "$project": { "region": 1.0, "city": 1.0, "max_watts": 1.0 } },
    { "$merge": { "into": { "connectionName": "mongodb1", "db": "solarDb", "coll": "solarColl" } } }
  ],
  "options": {
    "dlq": { "connectionName": "mongodb1", "db": "solarDb", "coll": "dlq" },
    "autoscaling": { "enabled": true, "minTier": "SP5", "maxTier": "SP30" }
  },
  "state": "STARTED",
  "stats": { "inputMessageCount": 12.0, "outputMessageCount": 3.0 },
  "tier": "SP10",
  "effectiveTier": "SP30",
  "failoverEnabled": false,
  "eligibleForFailover": false,
  "links": [{ "href": "https://cloud.mongodb.com/api/atlas/v2/groups/x/streams/w/processor/solarDemo", "rel": "self" }]
}`;

const plain = (text: string): JsonDoc => parseJsonText(text).value as JsonDoc;
const diagnostics = (text: string): string[] => analyzeText(text, { connections: conns, mode: 'processor' }).diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`);

test('an Admin API create body with tier, failoverEnabled and options.autoscaling validates with no diagnostic', () => {
  assert.deepEqual(diagnostics(CREATE_BODY), []);
});

test('export (admin-api) writes the create body back equal to the input, key order included', () => {
  const input = plain(CREATE_BODY);
  const out = exportDocument(input, 'admin-api');
  assert.equal(JSON.stringify(out), JSON.stringify(input));
  assert.deepEqual(Object.keys(out), ['name', 'pipeline', 'options', 'tier', 'failoverEnabled']);
});

test('a GET reply imports to a file that exports to the same create body', () => {
  const { doc, unknown } = importGetReply(plain(GET_REPLY));
  assert.deepEqual(unknown, []);
  const file = `${JSON.stringify(doc, null, 2)}\n`;
  assert.deepEqual(diagnostics(file), []);
  assert.equal(JSON.stringify(exportDocument(plain(file), 'admin-api')), JSON.stringify(plain(CREATE_BODY)));
  // 10.0 became 10 and no read-only field survived.
  assert.match(file, /"size": 10,/);
  assert.doesNotMatch(file, /6a1f0c2e|"state"|"stats"|"links"|effectiveTier|eligibleForFailover/);
});

test('an import names the fields no create body takes', () => {
  const r = importGetReply({ name: 'p', pipeline: [], options: { dlq: { connectionName: 'a', db: 'b', coll: 'c' }, parallelism: 2 }, state: 'STOPPED', someNewField: 1 });
  assert.deepEqual(r.unknown, ['options.parallelism', 'someNewField']);
  assert.deepEqual(Object.keys(r.doc), ['name', 'pipeline', 'options']);
});

test('export drops comments and ASP Studio keys ($schema, description)', () => {
  const text = `// my processor
  { "$schema": "../schemas/asp-pipeline.schema.json", "name": "p", "description": "local notes",
    /* inline */ "pipeline": [ { "$source": { "connectionName": "sample_stream_solar" } }, { "$emit": { "connectionName": "__testLog" } }, ], "tier": "SP5" }`;
  assert.deepEqual(diagnostics(text), []);
  assert.equal(JSON.stringify(exportDocument(plain(text), 'admin-api')), '{"name":"p","pipeline":[{"$source":{"connectionName":"sample_stream_solar"}},{"$emit":{"connectionName":"__testLog"}}],"tier":"SP5"}');
});

test('the mongosh placements are aliases: they validate, move to the Admin API placement, and back with --format mongosh', () => {
  const text = JSON.stringify({ name: 'p', pipeline: [{ $source: { connectionName: 'sample_stream_solar' } }, { $emit: { connectionName: '__testLog' } }], options: { tier: 'SP30', failover: true, enableAutoScaling: true, streamMetaFieldName: 'm' } });
  assert.deepEqual(diagnostics(text), []);
  const admin = exportDocument(plain(text), 'admin-api');
  assert.equal(JSON.stringify(admin), '{"name":"p","pipeline":[{"$source":{"connectionName":"sample_stream_solar"}},{"$emit":{"connectionName":"__testLog"}}],"options":{"streamMetaFieldName":"m","autoscaling":{"enabled":true}},"tier":"SP30","failoverEnabled":true}');
  const mongosh = exportDocument(admin, 'mongosh');
  assert.equal(JSON.stringify(mongosh), '{"name":"p","pipeline":[{"$source":{"connectionName":"sample_stream_solar"}},{"$emit":{"connectionName":"__testLog"}}],"options":{"streamMetaFieldName":"m","autoscaling":{"enabled":true},"tier":"SP30","failover":true}}');
  assert.equal(JSON.stringify(exportDocument(mongosh, 'admin-api')), JSON.stringify(admin));
});

test('Atlas rules: tier values, autoscaling bounds, tier inside the range, failover from SP10, one value per setting', () => {
  const doc = (extra: object): string => JSON.stringify({ name: 'p', pipeline: [{ $source: { connectionName: 'sample_stream_solar' } }, { $emit: { connectionName: '__testLog' } }], ...extra });
  assert.deepEqual(diagnostics(doc({ tier: 'SP3' })), ["error ASP109 BSON field 'tier' must be one of SP2, SP5, SP10, SP30, SP50, got \"SP3\""]);
  assert.deepEqual(diagnostics(doc({ failoverEnabled: 'yes' })), ["error ASP109 BSON field 'failoverEnabled' must be a boolean, got \"yes\""]);
  assert.deepEqual(diagnostics(doc({ options: { autoscaling: { minTier: 'SP30', maxTier: 'SP10' } } })), ['error ASP110 options.autoscaling.minTier (SP30) is above maxTier (SP10)']);
  assert.deepEqual(diagnostics(doc({ tier: 'SP50', options: { autoscaling: { enabled: true, minTier: 'SP5', maxTier: 'SP30' } } })), ['error ASP110 tier SP50 is outside the autoscaling range SP5..SP30: Atlas refuses to start the processor']);
  assert.deepEqual(diagnostics(doc({ tier: 'SP50', options: { autoscaling: { enabled: false, minTier: 'SP5', maxTier: 'SP30' } } })), []);
  assert.deepEqual(diagnostics(doc({ tier: 'SP5', failoverEnabled: true })), ['error ASP110 failover needs tier SP10 or above, the tier is SP5']);
  assert.deepEqual(diagnostics(doc({ failoverEnabled: true, options: { autoscaling: { minTier: 'SP2' } } })), ['warning ASP110 failover needs SP10 or above: autoscaling may scale this processor down to SP2']);
  assert.deepEqual(diagnostics(doc({ tier: 'SP10', options: { tier: 'SP30' } })), ["error ASP111 'options.tier' (\"SP30\") and 'tier' (\"SP10\") set the same thing to different values: keep one"]);
  assert.deepEqual(diagnostics(doc({ tier: 'SP10', options: { tier: 'SP10' } })), []);
  assert.deepEqual(diagnostics(doc({ options: { autoscaling: { enabled: true, max: 'SP30' } } })), ["error ASP106 BSON field 'options.autoscaling.max' is an unknown field."]);
  assert.deepEqual(diagnostics(doc({ options: { autoscaling: true } })), ["error ASP109 BSON field 'options.autoscaling' must be an object {enabled, minTier, maxTier}"]);
  assert.deepEqual(diagnostics(doc({ tierr: 'SP10' })), ["error ASP103 Unknown field 'tierr' in a processor document (expected name, pipeline, options, tier, failoverEnabled)"]);
});

test('a bare pipeline or an unnamed document gets the file name as its name, first', () => {
  const body = createBody([{ $source: { connectionName: 'sample_stream_solar' } }], '/x/orders.asp.json');
  assert.deepEqual(Object.keys(body), ['name', 'pipeline']);
  assert.equal(body['name'], 'orders');
  assert.deepEqual(Object.keys(createBody({ pipeline: [], tier: 'SP5' }, 'a b.asp.json')), ['name', 'pipeline', 'tier']);
});

test('the one field table: every alias names a field of the table; the schema has every non-alias field', () => {
  for (const f of PROCESSOR_FIELDS) if (f.aliasOf) assert.ok(PROCESSOR_FIELDS.some((g) => g.path.join('.') === f.aliasOf!.path.join('.')), f.path.join('.'));
  const schema = fieldsSchema([], { $ref: '#/definitions/pipeline' }) as { properties: Record<string, { properties?: Record<string, unknown> }> };
  assert.deepEqual(Object.keys(schema.properties), ['name', 'pipeline', 'options', 'tier', 'failoverEnabled', '$schema', 'description']);
  assert.deepEqual(Object.keys(schema.properties['options']!.properties!), ['dlq', 'streamMetaFieldName', 'autoscaling', 'tier', 'failover', 'enableAutoScaling']);
});
