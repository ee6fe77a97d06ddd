/**
 * Stage arguments of the `int` field type accept an integral value of any number type: a file's
 * `10.0` is a BSON double (docs/architecture.md "Numbers"), and Atlas's own GET replies print
 * integers that way. A fractional value is still the wrong type, named by its BSON type.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { runPipelineText } from '../../../engine/pipeline/run';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { toNumber, typeName } from '../../../engine/bson/types';

const SOURCE = '{"$source":{"documents":[{"a":1,"t":{"$date":"2024-01-01T00:00:01Z"}},{"a":2.0,"t":{"$date":"2024-01-01T00:00:02Z"}}],"timeField":"$t"}}';

const window = (interval: string, rest = ''): string =>
  `[${SOURCE},{"$tumblingWindow":{"interval":${interval}${rest},"pipeline":[{"$group":{"_id":null,"s":{"$sum":"$a"}}},{"$limit":5.0},{"$project":{"s":1.0,"_id":0.0}}]}}]`;

const errors = (text: string): string[] =>
  analyzeText(text, { connections: builtinRegistry() }).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);

test('integral doubles in window sizes, offsets, allowedLateness, $limit and $project run like integers', async () => {
  const asDoubles = window('{"size":10.0,"unit":"second"}', ',"allowedLateness":0.0,"offset":{"offsetFromUtc":1.0,"unit":"second"}');
  const asInts = window('{"size":10,"unit":"second"}', ',"allowedLateness":0,"offset":{"offsetFromUtc":1,"unit":"second"}');
  assert.deepEqual(errors(asDoubles), []);
  const a = await runPipelineText(asDoubles);
  const b = await runPipelineText(asInts);
  assert.equal(a.docs.length, 1);
  assert.deepEqual(a.docs, b.docs);
  // 1 + 2.0 is the double 3.0, as in MongoDB.
  assert.equal(typeName(a.docs[0]!['s']), 'double');
  assert.equal(toNumber(a.docs[0]!['s']), 3);
});

test('a fractional window size is the wrong type, named double', () => {
  assert.deepEqual(errors(window('{"size":10.5,"unit":"second"}')), [
    "ASP304 BSON field 'tumblingWindow.interval.size' is the wrong type 'double', expected type 'int'",
  ]);
});

test('NumberLong and $numberDouble wrappers count as int values when integral and within 32 bits', () => {
  assert.deepEqual(errors(window('{"size":{"$numberLong":"10"},"unit":"second"}')), []);
  assert.deepEqual(errors(window('{"size":{"$numberDouble":"10"},"unit":"second"}')), []);
  assert.equal(errors(window('{"size":{"$numberLong":"3000000000"},"unit":"second"}')).length, 1);
});
