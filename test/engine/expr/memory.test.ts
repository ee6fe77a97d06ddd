/**
 * No document can exhaust the engine (issue 13 item 1): MongoDB's own refusals where it has
 * them, with its texts (ExpressionRange's memory estimate against internalQueryMaxRangeBytes;
 * RCString::create's 16 MB; $push / $addToSet past 100 MB; BSONObjectTooLarge and the nesting
 * limit for output documents), and the per-document growth budget of
 * engine/expr/_shared/memory.ts for everything else that builds strings and arrays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Doc, Value } from '../../../engine/core/types';
import { runPipelineText } from '../../../engine/pipeline/run';
import { ExprCompiler, newEvalCtx } from '../../../engine/expr/compile';
import { accumulatorRegistry } from '../../../engine/accumulators/registry';
import { ManualClock } from '../../../engine/core/clock';
import { ExprError } from '../../../engine/core/errors';
import { GROWTH_BUDGET_BYTES } from '../../../engine/expr/_shared/memory';
import { err, run, table } from './_support';

const MB = 1024 * 1024;

// https://www.mongodb.com/docs/manual/reference/operator/aggregation/range/ and
// ExpressionRange (evaluate_math.cpp): 24 + 16 bytes per element must stay below 100 MB.
table('$range refuses before building', [
  [{ n: 1e9 }, { $range: [0, '$n'] }, err('$range would use too much memory (16000000040 bytes) and cannot spill to disk. Memory limit: 104857600 bytes')],
  [{}, { $range: [0, 6553598] }, err('$range would use too much memory (104857608 bytes) and cannot spill to disk. Memory limit: 104857600 bytes')],
  [{}, { $size: { $range: [0, 2147483647, 1000] } }, 2147484],
  [{}, { $range: [5, 0] }, []],
]);

test('$range just under the limit is built (6553597 elements: the estimate counts one more)', () => {
  const out = run({ $size: { $range: [0, 6553597] } }, {});
  assert.deepEqual(out, { value: 6553597 });
});

test('strings of 16 MB or more are refused, and their doubling in $reduce stops there', () => {
  const half = 'x'.repeat(8 * MB);
  assert.deepEqual(run({ $concat: ['$s', '$s'] }, { s: half }), { error: 'Tried to create string longer than 16MB' });
  assert.deepEqual(run({ $strLenBytes: { $concat: ['$s', '$s'] } }, { s: half.slice(1) }), { value: 16 * MB - 2 });
  // Multi-byte characters count in UTF-8 bytes: 6 million 3-byte characters are 18 MB.
  assert.deepEqual(run({ $concat: ['$s'] }, { s: '€'.repeat(6_000_000) }), { error: 'Tried to create string longer than 16MB' });
  const doubling = { $reduce: { input: { $range: [0, 40] }, initialValue: 'abc', in: { $concat: ['$$value', '$$value'] } } };
  assert.deepEqual(run(doubling, {}), { error: 'Tried to create string longer than 16MB' });
  // $replaceAll knows its output size first: a 1 MB input with every character replaced by 20.
  const wide = { $replaceAll: { input: '$s', find: 'a', replacement: 'b'.repeat(20) } };
  assert.deepEqual(run(wide, { s: 'a'.repeat(MB) }), { error: 'Tried to create string longer than 16MB' });
});

test('arrays built by doubling hit the per-document budget; element-by-element building does not', () => {
  const doubling = { $reduce: { input: { $range: [0, 40] }, initialValue: [1, 2], in: { $concatArrays: ['$$value', '$$value'] } } };
  const r = run(doubling, {});
  assert.ok('error' in r && /^\$concatArrays needs too much memory\. Needs: \d+ bytes\. Local memory limit: 104857600 bytes\.$/.test(r.error), JSON.stringify(r));
  // 5000 appends copy 12.5 million elements in all, far past the budget if each copy counted;
  // the array a step replaces is given back, so only what is held counts.
  const appending = { $size: { $reduce: { input: { $range: [0, 5000] }, initialValue: [], in: { $concatArrays: ['$$value', ['$$this']] } } } };
  assert.deepEqual(run(appending, {}), { value: 5000 });
  // $map over a large input producing arrays: the results count.
  // (The input comes from the document: with constant arguments the call fails when compiled.)
  const fanOut = { $map: { input: { $range: [0, '$n'] }, in: { $range: [0, 200] } } };
  const f = run(fanOut, { n: 100000 });
  assert.ok('error' in f && f.error.startsWith('$range needs too much memory.'), JSON.stringify(f).slice(0, 200));
  assert.ok(GROWTH_BUDGET_BYTES === 100 * MB);
});

test('the budget is per document: the next document starts from zero', () => {
  const c = new ExprCompiler();
  const f = c.expr({ $size: { $range: [0, 4_000_000] } }, []);
  const ctx = newEvalCtx(c.slotCount, new ManualClock());
  // Each document builds 64 MB (counted); two of them would exceed 100 MB if carried over.
  for (const d of [{ i: 1 }, { i: 2 }, { i: 3 }]) {
    ctx.current = ctx.root = d;
    assert.equal(f(ctx), 4_000_000);
  }
});

function pushAll(acc: Doc, values: Value[]): Value {
  const name = Object.keys(acc)[0]!;
  const c = new ExprCompiler();
  const a = accumulatorRegistry.get(name)!.compile(acc[name], c, [])!;
  const ctx = newEvalCtx(c.slotCount, new ManualClock());
  let s = a.init();
  for (const x of values) {
    ctx.current = ctx.root = { x };
    s = a.add(s, ctx);
  }
  return a.result(s);
}

// https://www.mongodb.com/docs/manual/reference/operator/aggregation/push/ ("$push used too
// much memory and cannot spill to disk", internalQueryMaxPushBytes = 100 MB).
test('$push and $addToSet stop at 100 MB with MongoDB\'s message', () => {
  const big = 'y'.repeat(MB);
  const many = Array.from({ length: 120 }, (_, i) => big + i);
  assert.throws(() => pushAll({ $push: '$x' }, many), (e: unknown) => e instanceof ExprError && e.message === '$push used too much memory and cannot spill to disk. Memory limit: 104857600 bytes');
  assert.throws(() => pushAll({ $addToSet: '$x' }, many), (e: unknown) => e instanceof ExprError && e.message === '$addToSet used too much memory and cannot spill to disk. Memory limit: 104857600 bytes');
  // Duplicates do not grow a set.
  assert.deepEqual(pushAll({ $addToSet: '$x' }, Array.from({ length: 500 }, () => big)), [big]);
});

test('an output document over 16 MB or nested past 200 levels goes to the DLQ, the run goes on', async () => {
  const text = JSON.stringify([
    { $source: { documents: [{ s: 'z'.repeat(9 * MB) }, { s: 'ok' }] } },
    { $project: { _id: 0, a: '$s', b: '$s' } },
  ]);
  const r = await runPipelineText(text, { projectStreamMeta: false });
  assert.deepEqual(r.docs, [{ a: 'ok', b: 'ok' }]);
  assert.equal(r.dlq.length, 1);
  const rec = r.dlq[0] as { errInfo: { reason: string }; doc: unknown };
  assert.match(rec.errInfo.reason, /^Failed to process input document in NoOpSinkOperator with error: BSONObj size: \d+ \(0x[0-9a-f]+\) is invalid\. Size must be between 0 and 16793600\(16MB\)$/);
  assert.equal(rec.doc, 'full document too large to emit');

  const deep = JSON.stringify([
    { $source: { documents: [{ n: 300 }, { n: 10 }] } },
    { $project: { _id: 0, d: { $reduce: { input: { $range: [0, '$n'] }, initialValue: 0, in: { x: '$$value' } } } } },
  ]);
  const d = await runPipelineText(deep, { projectStreamMeta: false });
  assert.equal(d.docs.length, 1);
  assert.equal(d.dlq.length, 1);
  assert.match((d.dlq[0] as { errInfo: { reason: string } }).errInfo.reason, /BSONObj exceeds maximum nested object depth$/);
});
