/**
 * A test's input as a timeline: every document with its partition, arrival (processing) time
 * and source timestamp, and every idle gap as a point in time. Processing time only moves when
 * the fixture says so (`at`, `step`, `idle`), which makes runs with idleness deterministic.
 */
import type { Doc, JsonPath } from '../core/types';
import { durationMs } from '../time/duration';
import type { Duration, InputEvent, TestInput } from './format';

export interface TimelineEntry {
  /** Processing time (ms) at which this happens. */
  at: number;
  /** The arriving document; absent for an idle gap. */
  doc?: Doc;
  partition: string;
  /** The source's native timestamp (ms): the event time when $source has no timeField. */
  time: number;
  /** False when `time` defaulted to the arrival time. */
  timeGiven: boolean;
  source?: Doc;
}

export interface TimelineProblem {
  path: JsonPath;
  message: string;
}

const ms = (d: Duration | undefined): number => (d ? durationMs(d.size, d.unit) : 0);

/**
 * `events` are the input's events (inline, or read from its file); `where(i)` names the JSON
 * path (or file line) of event i in problems.
 */
export function buildTimeline(input: TestInput, events: InputEvent[], where: (i: number) => JsonPath): { timeline: TimelineEntry[]; problems: TimelineProblem[] } {
  const problems: TimelineProblem[] = [];
  const timeline: TimelineEntry[] = [];
  const step = ms(input.step);
  let clock = input.start?.getTime() ?? 0;
  let first = true;
  events.forEach((e, i) => {
    if ('idle' in e) {
      clock += ms(e.idle);
      timeline.push({ at: clock, partition: '0', time: clock, timeGiven: false });
      first = false;
      return;
    }
    let at = e.at?.getTime() ?? (first ? clock : clock + step);
    if (at < clock) {
      problems.push({ path: [...where(i), 'at'], message: `arrives at ${new Date(at).toISOString()}, before the previous event (${new Date(clock).toISOString()}): processing time cannot go back` });
      at = clock;
    }
    clock = at;
    first = false;
    const time = e.time?.getTime();
    timeline.push({ at, doc: e.doc, partition: String(e.partition ?? 0), time: time ?? at, timeGiven: time !== undefined, source: e.source });
  });
  return { timeline, problems };
}

/** Plain documents (inline or from a documents file) as events on partition 0. */
export function documentEvents(docs: Doc[]): InputEvent[] {
  return docs.map((doc) => ({ doc }));
}
