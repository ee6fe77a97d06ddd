/**
 * Runtime expression errors reach the DLQ with MongoDB's message text, as the engine wraps them
 * ("Failed to process input document in <Operator> with error: <reason>", asp-spec §6), and the
 * run goes on; the same argument given as a constant is a compile diagnostic instead.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runPipelineText } from '../../../engine/pipeline/run';
import { ManualClock } from '../../../engine/core/clock';

async function run(stage: unknown, docs: unknown[]) {
  const text = JSON.stringify([{ $source: { documents: docs } }, stage]);
  return runPipelineText(text, { clock: new ManualClock(Date.UTC(2024, 0, 1)), projectStreamMeta: false });
}

const cases: [string, unknown, unknown[], string][] = [
  ['$arrayElemAt index beyond 32 bits', { $addFields: { r: { $arrayElemAt: ['$a', '$i'] } } }, [{ a: [1], i: 2147483648 }, { a: [1], i: 0 }],
    "Failed to process input document in AddFieldsOperator with error: $arrayElemAt's second argument must be representable as a 32-bit integer: 2.14748e+09"],
  ['$slice fractional count', { $project: { r: { $slice: ['$a', 0, '$n'] } } }, [{ a: [1], n: 0.5 }, { a: [1], n: 1 }],
    "Failed to process input document in ProjectOperator with error: Third argument to $slice can't be represented as a 32-bit integer: 0.5"],
  ['$getField field that is not a string', { $addFields: { r: { $getField: '$f' } } }, [{ f: 1 }, { f: 'f' }],
    "Failed to process input document in AddFieldsOperator with error: $getField requires 'field' to evaluate to type String, but got int"],
  ['$dateFromParts millisecond overflow', { $addFields: { r: { $dateFromParts: { year: 1970, millisecond: '$ms' } } } }, [{ ms: 18014398509481984 }, { ms: 1 }],
    'Failed to process input document in AddFieldsOperator with error: Overflow casting from a lower-precision duration to a higher-precision duration'],
];

for (const [title, stage, docs, reason] of cases) {
  test(`DLQ: ${title}`, async () => {
    const r = await run(stage, docs);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(r.dlq.map((x) => (x['errInfo'] as { reason: string }).reason), [reason]);
    assert.equal(r.dlq[0]!['operatorName'], reason.split(' ')[6]);
    assert.equal(r.docs.length, docs.length - 1, 'the other document still comes out');
  });
}

test('the same arguments as constants are compile diagnostics (ASP411), not DLQ records', async () => {
  for (const stage of [
    { $addFields: { r: { $arrayElemAt: ['$a', 2147483648] } } },
    { $project: { r: { $slice: ['$a', 0, 0.5] } } },
    { $addFields: { r: { $getField: 1 } } },
    { $addFields: { r: { $setField: { field: 'a\u0000', input: '$$ROOT', value: 1 } } } },
  ]) {
    const r = await run(stage, [{ a: [1] }]);
    assert.ok(r.diagnostics.some((d) => d.code === 'ASP411' && d.severity === 'error'), JSON.stringify(r.diagnostics));
  }
});
