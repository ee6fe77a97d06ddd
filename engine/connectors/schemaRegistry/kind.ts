/**
 * The SchemaRegistry connection type (I/O-free half): a Confluent-API schema registry for Avro
 * on Kafka (`$source.schemaRegistry`, `$emit.schemaRegistry`). Admin API shape: `provider`
 * CONFLUENT, `schemaRegistryUrls`, `schemaRegistryAuthentication` USER_INFO (username and
 * password) or SASL_INHERIT (the stage's Kafka SASL user). Test connection is in runtime.ts;
 * the client and the Avro codecs are client.ts, avroDecoder.ts and avroEncoder.ts.
 */
import type { SchemaRegistryConnection } from '../../connections/types';
import { isEnvRef } from '../../connections/env';
import type { ConnectionKind } from '../../parse/connectionKind';
import { redactUri } from '../catalog/redact';

export const schemaRegistryKind: ConnectionKind<SchemaRegistryConnection> = {
  type: 'SchemaRegistry',
  summary: 'A Confluent-compatible schema registry (Avro on Kafka).',
  usedFor: '$source.schemaRegistry (Avro decoding) and $emit.schemaRegistry (Avro encoding) on Kafka',
  icon: 'symbol-structure',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/manage-connection-registry/',
  fields: [
    { name: 'provider', role: 'literal', type: 'string', enum: ['CONFLUENT'], default: 'CONFLUENT', description: 'The registry API: CONFLUENT (the Confluent Schema Registry API).' },
    { name: 'schemaRegistryUrls', role: 'literal', type: 'array', required: true, description: 'One or more registry URLs (http or https), tried in order.' },
    {
      name: 'schemaRegistryAuthentication',
      role: 'options',
      type: 'object',
      aliases: ['authentication'],
      description: 'USER_INFO: a username and password; SASL_INHERIT: the SASL user of the stage\'s Kafka connection.',
      fields: [
        { name: 'type', role: 'literal', type: 'string', required: true, enum: ['USER_INFO', 'SASL_INHERIT'], description: 'USER_INFO or SASL_INHERIT.' },
        { name: 'username', role: 'literal', type: 'string', description: 'USER_INFO: the registry user (may be ${env:NAME}).' },
        { name: 'password', role: 'literal', type: 'string', secret: true, description: 'USER_INFO: the password, as ${env:NAME}.' },
      ],
    },
  ],
  template: { provider: 'CONFLUENT', schemaRegistryUrls: ['http://127.0.0.1:8081'] },
  form: ['schemaRegistryUrls', 'schemaRegistryAuthentication.type', 'schemaRegistryAuthentication.username', 'schemaRegistryAuthentication.password'],
  check(c, report) {
    const urls = c['schemaRegistryUrls'];
    if (Array.isArray(urls)) {
      if (urls.length === 0) report('schemaRegistryUrls must hold at least one URL', ['schemaRegistryUrls']);
      urls.forEach((u, i) => {
        if (typeof u !== 'string' || !(/^https?:\/\/\S+$/i.test(u) || isEnvRef(u))) report(`schemaRegistryUrls[${i}] must be an http(s) URL or a \${env:NAME} reference`, ['schemaRegistryUrls', i]);
      });
    }
    const a = c['schemaRegistryAuthentication'] as Record<string, unknown> | undefined;
    if (a && a['type'] === 'USER_INFO') {
      if (typeof a['username'] !== 'string') report('USER_INFO authentication needs a "username" string', ['schemaRegistryAuthentication', 'username']);
      // Atlas never returns the password, so an entry copied from Atlas lacks it: say what to add.
      if (a['password'] === undefined) report('USER_INFO authentication has no "password" (Atlas never returns it): add "password": "${env:NAME}"', ['schemaRegistryAuthentication'], 'warning');
    }
  },
  describe(c) {
    const urls = Array.isArray(c.schemaRegistryUrls) ? c.schemaRegistryUrls.filter((u) => typeof u === 'string') : [];
    const lines = urls.length ? [`Registry: ${urls.map((u) => `\`${redactUri(u)}\``).join(', ')}`] : [];
    if (c.schemaRegistryAuthentication) lines.push(`Authentication: ${c.schemaRegistryAuthentication.type}`);
    return lines;
  },
  load: () => import('./runtime'),
};
