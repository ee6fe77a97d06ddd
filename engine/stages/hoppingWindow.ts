/**
 * $hoppingWindow: fixed-size windows that start every hopSize and may overlap.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-hopping/
 */
import { parseFixedWindow, type WindowConfig } from '../windows/windowArgs';
import { InstanceWindowOperator } from '../windows/instanceWindow';
import { PaneWindowOperator } from '../windows/paneWindow';
import { FIXED_WINDOW, WINDOW_COMMON } from '../windows/fields';
import { durationField } from '../parse/duration';
import { windowShape } from '../windows/shape';
import type { StageSpec } from '../parse/types';

export const hoppingWindow: StageSpec<WindowConfig> = {
  name: '$hoppingWindow',
  kind: 'window',
  placement: { main: true, window: false, payload: false },
  operatorName: 'WindowOperator',
  summary: 'Groups documents into fixed-size windows that start every hopSize (overlapping when hopSize < interval).',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-hopping/',
  syntax:
    '{ $hoppingWindow: { interval: { size: <int>, unit: "<unit>" }, hopSize: { size: <int>, unit: "<unit>" }, pipeline: [ <stage>, ... ], offset?, idleTimeout?, allowedLateness?, boundary? } }',
  idlName: 'hoppingWindow',
  fields: [durationField('interval', 'Window size', { required: true }), durationField('hopSize', 'Time between window starts', { required: true }), ...WINDOW_COMMON, ...FIXED_WINDOW],
  outputShape: windowShape,
  examples: [
    {
      title: 'Readings per 10 seconds, every 5 seconds',
      stage: {
        $hoppingWindow: {
          interval: { size: 10, unit: 'second' },
          hopSize: { size: 5, unit: 'second' },
          allowedLateness: 0,
          pipeline: [{ $group: { _id: null, n: { $count: {} } } }],
        },
      },
      input: [
        { _ts: new Date('2024-01-01T00:00:01Z') },
        { _ts: new Date('2024-01-01T00:00:06Z') },
        { _ts: new Date('2024-01-01T00:00:21Z') },
      ],
      output: [
        { _id: null, n: 1 },
        { _id: null, n: 2 },
        { _id: null, n: 1 },
        { _id: null, n: 1 },
        { _id: null, n: 1 },
      ],
    },
  ],
  parse: (arg, path, ctx) => parseFixedWindow('$hoppingWindow', 'WindowOperator', arg, path, ctx),
  create: (config, rt, next) =>
    config.inner.pane ? new PaneWindowOperator(config, rt, next, config.inner.pane) : new InstanceWindowOperator(config, rt, next),
};
