/**
 * Hopping windows with size/slide = 60 (60 s windows every second), same $group and documents
 * as the tumbling benchmark; the baseline is our own 60-second tumbling window in the same run.
 */
import { solarDocs } from './data';
import { sideBySide, type Bench } from './types';
import { GROUP, windowRunner } from './windowSetup';

export const bench: Bench = {
  name: 'hopping',
  async run({ seconds }) {
    const docs = solarDocs(60_000);
    const hopping = windowRunner(
      { $hoppingWindow: { interval: { size: 60, unit: 'second' }, hopSize: { size: 1, unit: 'second' }, allowedLateness: 0, pipeline: [GROUP] } },
      docs,
    );
    const tumbling = windowRunner({ $tumblingWindow: { interval: { size: 60, unit: 'second' }, allowedLateness: 0, pipeline: [GROUP] } }, docs);
    return sideBySide(() => void hopping.run(), () => void tumbling.run(), docs.length, seconds);
  },
};
