/**
 * asp.connections.json in the language server: completion of every type's fields, nested
 * fields and enum values comes from the same field tables the loader checks with
 * (engine/connectors/<type>/kind.ts); hover on a connectionName shows the kind's text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONNECTION_KINDS, entryFields } from '../../engine/connectors/catalog/index';
import type { FieldSpec } from '../../engine/parse/fieldSpec';
import { at, docOf, service } from './helpers';

const URI = 'file:///ws/asp.connections.json';
const s = service('{ "connections": [] }');

function complete(text: string): { label: string; detail?: string }[] {
  const { doc, pos } = at(text, URI);
  return s.complete(doc, pos).items.map((i) => ({ label: i.label, detail: i.detail }));
}

const visible = (fields: readonly FieldSpec[]): string[] => fields.filter((f) => !f.readOnly).map((f) => f.name).sort();

for (const kind of CONNECTION_KINDS.filter((k) => k.inFile !== false)) {
  test(`${kind.type}: the server completes the kind's fields, nested fields and enum values from its table`, () => {
    const top = complete(`{ "connections": [ { "name": "x", "type": "${kind.type}", | } ] }`).map((i) => i.label).sort();
    assert.deepEqual(top, visible(entryFields(kind)));
    for (const f of kind.fields.filter((x) => x.fields && !x.openKeys)) {
      const inner = complete(`{ "connections": [ { "name": "x", "type": "${kind.type}", "${f.name}": { | } } ] }`).map((i) => i.label).sort();
      assert.deepEqual(inner, visible(f.fields!), `${kind.type}.${f.name}`);
    }
    for (const f of kind.fields.filter((x) => x.enum)) {
      const values = complete(`{ "connections": [ { "name": "x", "type": "${kind.type}", "${f.name}": "|" } ] }`).map((i) => i.label);
      assert.deepEqual(values, f.enum!.map(String), `${kind.type}.${f.name}`);
    }
    const snippets = complete('{ "connections": [ | ] }').map((i) => i.label);
    assert.ok(snippets.includes(`${kind.type} connection`));
  });
}

test('SASL mechanisms: every one Atlas accepts is offered, the ones only Atlas runs are marked', () => {
  const items = complete('{ "connections": [ { "name": "k", "type": "Kafka", "authentication": { "mechanism": "|" } } ] }');
  assert.deepEqual(items.map((i) => i.label), ['PLAIN', 'SCRAM-256', 'SCRAM-512', 'OAUTHBEARER', 'AWS_MSK_IAM']);
  assert.deepEqual(items.filter((i) => i.detail?.startsWith('Atlas only')).map((i) => i.label), ['OAUTHBEARER', 'AWS_MSK_IAM']);
});

test('a registry copied from Atlas validates in the editor with no error; hover marks Atlas-only connections', () => {
  const text = JSON.stringify({ connections: [
    { name: 'lambda1', type: 'AWSLambda', state: 'READY', aws: { roleArn: 'arn:aws:iam::123456789012:role/r' } },
    { name: 'sr', type: 'SchemaRegistry', provider: 'CONFLUENT', schemaRegistryUrls: ['https://sr.example.com'] },
  ] }, null, 2);
  const editor = service(text);
  assert.deepEqual(editor.validate(docOf(text, URI)).filter((d) => d.severity === 1), []);
  const { doc, pos } = at('[ { "$source": { "connectionName": "sample_stream_solar" } }, { "$externalFunction": { "connectionName": "lam|bda1", "functionName": "f", "as": "r" } } ]');
  const h = editor.hover(doc, pos);
  const md = (h?.contents as { value: string } | undefined)?.value ?? '';
  assert.match(md, /AWSLambda connection \(Atlas only\)/);
  assert.match(md, /IAM role: `arn:aws:iam::123456789012:role\/r`/);
});
