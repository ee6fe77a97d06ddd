/** $throttle (ASP): rate-limit the stream. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-throttle/ */
import { atlasOnlyStage } from './_atlasOnly';

export const throttle = atlasOnlyStage({
  name: '$throttle', kind: 'transform', placement: { main: true, window: false, payload: false }, operatorName: 'ThrottleOperator',
  summary: 'Limits throughput in bytes or messages per second.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-throttle/',
  syntax: '{ $throttle: { bytesPerSec: <int>, messagesPerSec: <int> } }',
  fields: { bytesPerSec: { type: 'integer', minimum: 1 }, messagesPerSec: { type: 'integer', minimum: 1 } },
});
