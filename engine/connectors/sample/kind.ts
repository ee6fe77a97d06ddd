/**
 * The Sample connection type: Atlas's built-in generator `sample_stream_solar` (solar-panel
 * readings). Nothing to reach; the generator itself is engine/sources/sample.ts.
 */
import type { SampleConnection } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';

export const sampleKind: ConnectionKind<SampleConnection> = {
  type: 'Sample',
  summary: 'The built-in sample generator (sample_stream_solar).',
  usedFor: 'sample source ($source)',
  icon: 'beaker',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/manage-connection-registry/',
  fields: [],
  form: [],
  builtins: [{ name: 'sample_stream_solar', type: 'Sample' }],
  describe: () => ['Generates sample solar-panel documents (device_id, group_id, timestamp, max_watts, event_type, obs).'],
  statsLabels: { source: 'SampleDataSourceOperator' },
  testMessage: 'the sample generator is built in',
};
