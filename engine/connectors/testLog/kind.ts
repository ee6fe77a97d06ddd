/** The TestLog connection type: `__testLog`, a built-in sink that logs each document it receives. */
import type { TestLogConnection } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';

export const testLogKind: ConnectionKind<TestLogConnection> = {
  type: 'TestLog',
  summary: 'A built-in sink that logs each document (local only).',
  usedFor: 'a sink that logs each document ($emit)',
  icon: 'output',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-emit/',
  fields: [],
  form: [],
  builtins: [{ name: '__testLog', type: 'TestLog' }],
  inFile: false,
  describe: () => ['Logs each document it receives.'],
  testMessage: 'the test log sink is built in',
};
