/** $throttle (ASP): rate-limit the stream. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-throttle/ */
import { err } from '../parse/args';
import { intValue } from '../parse/fields';
import { atlasOnlyStage } from './_atlasOnly';

const RATES = ['bytesPerSec', 'messagesPerSec'] as const;

export const throttle = atlasOnlyStage({
  name: '$throttle', kind: 'transform', placement: { main: true, window: false, payload: false }, operatorName: 'ThrottleOperator',
  summary: 'Limits throughput in bytes or messages per second.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-throttle/',
  syntax: '{ $throttle: { bytesPerSec: <int>, messagesPerSec: <int> } }',
  fields: [
    { name: 'bytesPerSec', role: 'literal', type: 'int', description: 'Most bytes per second passed on (a positive integer)' },
    { name: 'messagesPerSec', role: 'literal', type: 'int', description: 'Most documents per second passed on (a positive integer)' },
  ],
  rules(arg, path, ctx) {
    if (RATES.every((f) => arg[f] === undefined)) err(ctx, path, "$throttle requires at least one of 'bytesPerSec' or 'messagesPerSec'", 'ASP303');
    for (const f of RATES) {
      const v = intValue(arg[f]);
      if (v !== undefined && v < 1) err(ctx, [...path, f], `$throttle.${f} must be a positive integer`, 'ASP304');
    }
  },
});
