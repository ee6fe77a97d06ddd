/**
 * The add/edit form and the Connections view read the connection kinds' tables: the type
 * picker lists every type a file may hold, each step is the field the kind's `form` names
 * (a pick list for an enum, a password box for a secret), the entry it builds loads through
 * the registry loader once its secrets leave for SecretStorage, and the view marks Atlas-only
 * types. Driven with scripted answers, without VS Code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '../../engine/connections/types';
import { CONNECTION_KINDS, FILE_TYPES, fieldAt, kindOf } from '../../engine/connectors/catalog/index';
import { loadConnectionRegistryText } from '../../engine/connectors/catalog/registry';
import { connectionLabel, fillForm, FormCancelled, formTypes, type FormStep } from '../../client/connectionForm';
import { splitSecrets } from '../../client/connectionSecrets';

/** Answers each step from `answers` by path; unlisted steps get a value that fits the field. */
function scripted(answers: Record<string, string>, seen: FormStep[]) {
  return async (step: FormStep): Promise<string> => {
    seen.push(step);
    if (step.path in answers) return answers[step.path]!;
    if (step.input === 'pick') return step.options!.find((o) => o.label !== '(none)' && !o.description)!.label;
    if (step.input === 'list') return 'https://a.example.com, https://b.example.com';
    if (step.input === 'secret') return 's3cret';
    return step.path.endsWith('uri') ? 'mongodb://app:pw@127.0.0.1:27017' : step.path.endsWith('url') ? 'https://api.example.com' : 'value-1';
  };
}

test('the type picker offers every type a registry file may hold', () => {
  assert.deepEqual(formTypes().map((t) => t.label).sort(), FILE_TYPES.filter((t) => kindOf(t)!.form.length > 0).sort());
  assert.ok(formTypes().every((t) => t.description.length > 0));
});

for (const kind of CONNECTION_KINDS.filter((k) => k.inFile !== false && k.form.length > 0)) {
  test(`${kind.type}: the form asks the kind's form fields as the table describes them, and its entry loads`, async () => {
    const seen: FormStep[] = [];
    const entry = await fillForm(kind.type, `my${kind.type}`, undefined, scripted({}, seen));
    assert.deepEqual(seen.map((s) => s.path), kind.form);
    for (const s of seen) {
      const f = fieldAt(kind, s.path.split('.'))!;
      assert.equal(s.input, f.secret ? 'secret' : f.enum ? 'pick' : f.type === 'array' ? 'list' : 'text', s.path);
      assert.equal(s.optional, !f.required, s.path);
      if (f.enum) assert.deepEqual(s.options!.filter((o) => o.label !== '(none)').map((o) => o.label), f.enum.map(String));
    }
    const { file } = splitSecrets(entry);
    const r = loadConnectionRegistryText(JSON.stringify([file]));
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], JSON.stringify(file));
    assert.equal(r.registry.get(`my${kind.type}`)?.type, kind.type);
  });
}

test('Kafka: Atlas-only mechanisms are marked in the pick list; no mechanism skips the whole authentication group', async () => {
  const seen: FormStep[] = [];
  const entry = await fillForm('Kafka', 'k', undefined, scripted({ bootstrapServers: '127.0.0.1:9092', 'authentication.mechanism': '(none)', 'security.protocol': '(none)' }, seen));
  const mech = seen.find((s) => s.path === 'authentication.mechanism')!;
  assert.deepEqual(mech.options!.filter((o) => o.description === 'Atlas only').map((o) => o.label), ['OAUTHBEARER', 'AWS_MSK_IAM']);
  assert.deepEqual(seen.map((s) => s.path), ['bootstrapServers', 'authentication.mechanism', 'security.protocol']);
  assert.deepEqual(entry, { name: 'k', type: 'Kafka', bootstrapServers: '127.0.0.1:9092' });
});

test('an edit keeps what the form does not ask, and a stored secret when its answer is empty', async () => {
  const prev: Connection = { name: 'k', type: 'Kafka', bootstrapServers: 'old:1', config: { 'client.id': 'x' }, authentication: { mechanism: 'PLAIN', username: 'u', password: '${env:ASP_K_PASSWORD}' } };
  const seen: FormStep[] = [];
  const entry = await fillForm('Kafka', 'k', prev, scripted({ bootstrapServers: 'new:1', 'authentication.mechanism': 'SCRAM-256', 'authentication.username': 'u2', 'authentication.password': '', 'security.protocol': '(none)' }, seen));
  assert.equal(seen.find((s) => s.path === 'authentication.password')!.keep, true);
  assert.equal(seen.find((s) => s.path === 'bootstrapServers')!.value, 'old:1');
  assert.deepEqual(entry, { name: 'k', type: 'Kafka', bootstrapServers: 'new:1', config: { 'client.id': 'x' }, authentication: { mechanism: 'SCRAM-256', username: 'u2', password: '${env:ASP_K_PASSWORD}' } });
});

test('cancelling a step cancels the form', async () => {
  await assert.rejects(fillForm('Https', 'h', undefined, async () => undefined), FormCancelled);
});

test('the Connections view: every type has its icon, Atlas-only types are marked, no secret in the tooltip', () => {
  const kafka = connectionLabel({ name: 'k', type: 'Kafka', bootstrapServers: 'b:1', authentication: { mechanism: 'PLAIN', username: 'u', password: 'pw-literal' } }, false);
  assert.equal(kafka.icon, 'symbol-event');
  assert.equal(kafka.atlasOnly, false);
  assert.ok(!kafka.tooltip.includes('pw-literal'));
  const s3 = connectionLabel({ name: 's', type: 'S3', aws: { roleArn: 'arn:aws:iam::1:role/r' } }, false);
  assert.equal(s3.description, 'S3 · Atlas only');
  assert.match(s3.tooltip, /run on Atlas only/);
  for (const k of CONNECTION_KINDS) assert.notEqual(connectionLabel({ name: 'x', type: k.type } as Connection, false).icon, 'plug', k.type);
  assert.equal(connectionLabel({ name: 'local', type: 'Local' }, true).description, 'Local · built in');
});
