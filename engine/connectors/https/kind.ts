/**
 * The Https connection type (I/O-free half): a base `url` and request `headers` (Admin API
 * `StreamsHttpsConnection`) for `$https`. An Authorization header is a secret. Test connection
 * is in runtime.ts.
 */
import type { HttpsConnection } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';
import { redactUri } from '../catalog/redact';

export const httpsKind: ConnectionKind<HttpsConnection> = {
  type: 'Https',
  summary: 'An HTTP(S) endpoint that $https calls.',
  usedFor: '$https',
  icon: 'globe',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-https/',
  fields: [
    { name: 'url', role: 'literal', type: 'string', required: true, description: 'The base URL; $https appends its urlPath.' },
    {
      name: 'headers',
      role: 'options',
      type: 'object',
      openKeys: true,
      description: 'Headers sent with every request (string values); credentials belong in Authorization.',
      fields: [{ name: 'Authorization', role: 'literal', type: 'string', secret: true, description: 'Credentials for the endpoint, as ${env:NAME}.' }],
    },
  ],
  template: { url: 'https://example.com' },
  form: ['url', 'headers.Authorization'],
  describe: (c) => (typeof c.url === 'string' ? [`URL: \`${redactUri(c.url)}\``] : []),
  load: () => import('./runtime'),
};
