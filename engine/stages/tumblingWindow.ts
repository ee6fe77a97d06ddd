/**
 * $tumblingWindow: fixed-size, non-overlapping, epoch-aligned windows over event time.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-tumbling/
 */
import { parseFixedWindow, type WindowConfig } from '../windows/windowArgs';
import { InstanceWindowOperator } from '../windows/instanceWindow';
import { PaneWindowOperator } from '../windows/paneWindow';
import { FIXED_WINDOW, WINDOW_COMMON } from '../windows/fields';
import { durationField } from '../parse/duration';
import { windowShape } from '../windows/shape';
import type { StageSpec } from '../parse/types';

export const tumblingWindow: StageSpec<WindowConfig> = {
  name: '$tumblingWindow',
  kind: 'window',
  placement: { main: true, window: false, payload: false },
  operatorName: 'WindowOperator',
  summary: 'Groups documents into fixed, non-overlapping time windows and runs the inner pipeline per window.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-tumbling/',
  syntax:
    '{ $tumblingWindow: { interval: { size: <int>, unit: "<unit>" }, pipeline: [ <stage>, ... ], offset?: { offsetFromUtc: <int>, unit: "<unit>" }, idleTimeout?: { size, unit }, allowedLateness?: { size, unit }, boundary?: "eventTime" | "processingTime" } }',
  idlName: 'tumblingWindow',
  fields: [durationField('interval', 'Window size', { required: true }), ...WINDOW_COMMON, ...FIXED_WINDOW],
  outputShape: windowShape,
  examples: [
    {
      title: 'Average watts per device per 10 seconds',
      stage: {
        $tumblingWindow: {
          interval: { size: 10, unit: 'second' },
          allowedLateness: 0,
          pipeline: [{ $group: { _id: '$device_id', avgWatts: { $avg: '$watts' } } }],
        },
      },
      input: [
        { device_id: 'd1', watts: 100, _ts: new Date('2024-01-01T00:00:01Z') },
        { device_id: 'd1', watts: 300, _ts: new Date('2024-01-01T00:00:05Z') },
        { device_id: 'd1', watts: 50, _ts: new Date('2024-01-01T00:00:12Z') },
      ],
      output: [
        { _id: 'd1', avgWatts: 200 },
        { _id: 'd1', avgWatts: 50 },
      ],
    },
  ],
  parse: (arg, path, ctx) => parseFixedWindow('$tumblingWindow', 'WindowOperator', arg, path, ctx),
  create: (config, rt, next) =>
    config.inner.pane ? new PaneWindowOperator(config, rt, next, config.inner.pane) : new InstanceWindowOperator(config, rt, next),
};
