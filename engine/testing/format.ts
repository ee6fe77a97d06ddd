/**
 * The `*.asp.test.json` fixture format, described once: the parser (parse.ts) reads fixtures
 * with it, `npm run generate` prints its JSON Schema (schemas/asp-test.schema.json), and the
 * TypeScript types below are inferred from it.
 */
import type { Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { DURATION_UNITS } from '../time/duration';
import { arr, bool, date, doc, external, type Infer, int, named, obj, oneOfValues, str, union } from './shape';

const duration = named('testDuration', obj(
  { size: int('How many units'), unit: oneOfValues(Object.keys(DURATION_UNITS), 'ms, second, minute, hour or day') },
  { description: 'A duration, as ASP writes them: {"size": 5, "unit": "second"}', required: ['size', 'unit'] },
));

/** A pipeline file (relative to the fixture), a bare pipeline array, or a processor document. */
const pipeline = external<string | Value[] | Record<string, Value>>(
  'pipelineRef',
  'a pipeline file name, a pipeline array or a processor document',
  (v) => (typeof v === 'string' && v.length > 0) || Array.isArray(v) || isPlainObject(v),
  'The pipeline under test: a path relative to this file ("orders.asp.json"), an inline pipeline array, or a processor document {name, pipeline, options}. Its $source is fed from the test input; its sink ($merge/$emit) is captured instead of written.',
);

const partition = union([str('Partition name'), int('Partition number')],
  'The watermark input (a Kafka partition) the document arrives on; each partition has its own watermark. Default 0.');

const docEvent = obj({
  doc: doc('The document as the source decodes it (Extended JSON).'),
  partition,
  at: date('Processing time at which the document arrives (the injected clock). Default: the previous event time plus `step`.'),
  time: date("The source's own timestamp (a Kafka message timestamp): the event time when the pipeline's $source has no timeField. Default: `at`."),
  source: doc('Extra members of _stream_meta.source for this document (a Kafka key, headers).'),
}, { description: 'One document arriving on the source.', required: ['doc'] });

const idleEvent = obj({
  idle: duration,
}, { description: 'Processing time passes with no data on any partition (idle partitions and window idleTimeout fire).', required: ['idle'] });

export const eventShape = named('event', union([idleEvent, docEvent], 'A document arriving, or a gap of processing time without data.',
  (v) => (isPlainObject(v) ? ('idle' in v ? idleEvent : docEvent) : undefined)));

const input = obj({
  documents: arr(doc('A document'), 'Documents in arrival order, all on partition 0.'),
  documentsFile: str('An Extended JSON lines file of documents (one per line), relative to this fixture.', 1),
  events: arr(eventShape, 'Documents with partition and arrival time, and idle gaps, in arrival order.'),
  eventsFile: str('An Extended JSON lines file of events ({"doc": ...} or {"idle": ...} per line), relative to this fixture.', 1),
  start: date('Processing time of the first event (default 1970-01-01T00:00:00Z).'),
  step: duration,
  partitionIdleTimeout: duration,
  drain: bool('At the end of the input, close every open window, as `asp run` does (default true). false keeps them open, as Atlas does until the processor stops.'),
}, {
  description: 'What the source delivers. Event time comes from the pipeline\'s $source timeField when it has one, else from each event\'s `time` (default: its arrival time).',
  exclusive: ['documents', 'documentsFile', 'events', 'eventsFile'],
  needOneOf: true,
});

const match = oneOfValues(['exact', 'subset'], '"exact" (default): the same documents. "subset": every expected document, with at least its fields, is among the actual ones.');
const order = oneOfValues(['ordered', 'unordered'], '"ordered" (default): in this order. "unordered": in any order.');

const expect = obj({
  output: arr(doc('An output document'), 'Documents that reach the end of the pipeline (or its sink), as relaxed Extended JSON. Omitted: none.'),
  dlq: arr(doc('A DLQ record'), 'Dead letter queue records ({errInfo, operatorName, doc, ...}). Omitted: none.'),
  match,
  order,
  ignore: arr(str('A field path, e.g. "_ts" or "_stream_meta.source.offset"', 1), 'Field paths left out of the comparison, in output documents and DLQ records. Arrays on the path are entered element by element.'),
}, { description: 'What the run must produce. `asp test --update` rewrites output and dlq from the actual run.' });

const testCase = named('test', obj({
  name: str('The test name shown in reports and the Test Explorer.', 1),
  description: str('What this test shows.'),
  pipeline,
  connections: str('A connection registry file (asp.connections.json) relative to this fixture; default: the one found next to the pipeline file or above it.', 1),
  input,
  expect,
}, { description: 'One test: a pipeline, its input and the expected output and DLQ records.', required: ['name', 'input', 'expect'] }));

export const fixtureShape = obj({
  $schema: str('The JSON Schema of this file.'),
  description: str('What these tests cover.'),
  pipeline,
  connections: str('A connection registry file relative to this fixture, for every test.', 1),
  tests: arr(testCase, 'The tests; each may name its own pipeline or use the file\'s.', 1),
}, { description: 'Pipeline tests for `asp test` and the VS Code Test Explorer.', required: ['tests'] });

export type FixtureFile = Infer<typeof fixtureShape>;
export type TestCase = FixtureFile['tests'][number];
export type TestInput = TestCase['input'];
export type TestExpect = TestCase['expect'];
export type Duration = { size: number; unit: string };
export type InputEvent = Infer<typeof eventShape>;
