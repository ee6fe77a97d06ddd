import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EJSON, Decimal128, Long } from 'bson';
import { allAccumulators } from '../../../engine/accumulators/registry';
import type { Doc, Value } from '../../../engine/core/types';
import { compileAccumulator, runAccumulator } from './_accumulate';
import { newEvalCtx } from '../../../engine/expr/compile';
import { ManualClock } from '../../../engine/core/clock';

const compile = compileAccumulator;
const run = runAccumulator;

const D = (v: Value): Doc => (v === undefined ? {} : { x: v });
const date = new Date('2024-01-01T00:00:00Z');

// [accumulator, input values of `x` (undefined = missing), expected]
const cases: [Doc, Value[], Value][] = [
  [{ $sum: '$x' }, [1, 2, 3], 6],
  [{ $sum: '$x' }, [1, null, undefined, 'a', true, date], 1],
  [{ $sum: '$x' }, [], 0],
  [{ $sum: '$x' }, [null, undefined], 0],
  [{ $sum: '$x' }, [1.5, 2], 3.5],
  [{ $sum: '$x' }, [0.1, 0.2, 0.3], 0.6],
  [{ $sum: '$x' }, [Long.fromNumber(2), 3], Long.fromNumber(5)],
  [{ $sum: '$x' }, [Decimal128.fromString('1.5'), 1], Decimal128.fromString('2.5')],
  [{ $sum: 1 }, [null, 'a', undefined], 3],
  [{ $avg: '$x' }, [1, 2, 3, 4], 2.5],
  [{ $avg: '$x' }, [null, undefined, 'a'], null],
  [{ $avg: '$x' }, [], null],
  [{ $avg: '$x' }, [10, 'skip', null], 10],
  [{ $min: '$x' }, [3, 1, 2], 1],
  [{ $min: '$x' }, [null, undefined], null],
  [{ $min: '$x' }, ['a', 5, null], 5],
  [{ $min: '$x' }, [date, 'z'], 'z'],
  [{ $max: '$x' }, [3, 1, 2], 3],
  [{ $max: '$x' }, ['a', 5, null], 'a'],
  [{ $max: '$x' }, [undefined], null],
  [{ $max: '$x' }, [{ a: 1 }, [1], true], true],
  [{ $first: '$x' }, [undefined, 2], null],
  [{ $first: '$x' }, ['a', 'b'], 'a'],
  [{ $first: '$x' }, [], null],
  [{ $last: '$x' }, [1, null], null],
  [{ $last: '$x' }, [1, 2], 2],
  [{ $push: '$x' }, [1, undefined, null, 'a'], [1, null, 'a']],
  [{ $push: '$x' }, [], []],
  [{ $addToSet: '$x' }, [1, 1.0, Long.fromNumber(1), 2, undefined, null, null], [1, 2, null]],
  [{ $addToSet: '$x' }, [[1, 2], [1, 2], { a: 1 }], [[1, 2], { a: 1 }]],
  [{ $count: {} }, [undefined, null, 1], 3],
  [{ $count: {} }, [], 0],
  [{ $top: { sortBy: { x: -1 }, output: '$x' } }, [1, 3, 2], 3],
  [{ $top: { sortBy: { x: 1 }, output: '$x' } }, [undefined, 3, null], null],
  [{ $top: { sortBy: { x: 1 }, output: '$x' } }, [], null],
  [{ $bottom: { sortBy: { x: -1 }, output: '$x' } }, [1, 3, 2], 1],
  [{ $topN: { n: 2, sortBy: { x: 1 }, output: '$x' } }, [5, 1, 4, 2], [1, 2]],
  [{ $topN: { n: 5, sortBy: { x: 1 }, output: '$x' } }, [2, 1], [1, 2]],
  [{ $bottomN: { n: 2, sortBy: { x: 1 }, output: '$x' } }, [5, 1, 4, 2], [4, 5]],
  [{ $bottomN: { n: 2, sortBy: { x: 1 }, output: '$x' } }, ['s', null, 3], [3, 's']],
  [{ $firstN: { input: '$x', n: 2 } }, [undefined, 1, 2], [null, 1]],
  [{ $firstN: { input: '$x', n: 3 } }, [1], [1]],
  [{ $lastN: { input: '$x', n: 2 } }, [1, 2, undefined], [2, null]],
  [{ $maxN: { input: '$x', n: 2 } }, [1, null, 7, undefined, 4], [7, 4]],
  [{ $maxN: { input: '$x', n: 2 } }, ['a', 1], ['a', 1]],
  [{ $minN: { input: '$x', n: 2 } }, [9, null, 7, 4], [4, 7]],
  [{ $minN: { input: '$x', n: 3 } }, [], []],
  [{ $median: { input: '$x', method: 'approximate' } }, [4, 1, 3, 2, 5], 3],
  [{ $median: { input: '$x', method: 'approximate' } }, ['a', null, undefined], null],
  [{ $median: { input: '$x', method: 'continuous' } }, [1, 2, 3, 4], 2.5],
  [{ $percentile: { input: '$x', p: [0, 0.5, 1], method: 'approximate' } }, [3, 1, 2, 'x'], [1, 2, 3]],
  [{ $percentile: { input: '$x', p: [0.5, 0.9], method: 'approximate' } }, [null], [null, null]],
  [{ $stdDevPop: '$x' }, [2, 4, 4, 4, 5, 5, 7, 9], 2],
  [{ $stdDevPop: '$x' }, [1, 'a', null], 0],
  [{ $stdDevPop: '$x' }, [undefined], null],
  [{ $stdDevSamp: '$x' }, [1, 3], Math.SQRT2],
  [{ $stdDevSamp: '$x' }, [1], null],
  [{ $stdDevSamp: '$x' }, ['a', true], null],
  [{ $mergeObjects: '$x' }, [{ a: 1 }, null, undefined, { a: 2, b: 3 }], { a: 2, b: 3 }],
  [{ $mergeObjects: '$x' }, [], {}],
];

test('accumulators: [input, expected] table', () => {
  for (const [acc, values, expected] of cases) {
    const got = run(acc, values.map(D));
    assert.deepEqual(EJSON.serialize(got as Doc), EJSON.serialize(expected as Doc), `${JSON.stringify(acc)} over ${EJSON.stringify(values as Value[])}`);
  }
});

test('every accumulator is in the catalog with docs, syntax and working examples', () => {
  assert.equal(allAccumulators.length, 22);
  for (const a of allAccumulators) {
    assert.match(a.docsUrl, /^https:\/\/www\.mongodb\.com\/docs\//, a.name);
    assert.ok(a.summary.length > 0 && a.syntax.includes(a.name), a.name);
    // the examples themselves run in test/engine/examples.test.ts
    assert.ok(a.examples.length > 0, a.name);
  }
});

test('wrong-type runtime input to $mergeObjects and a bad n throw ExprError', () => {
  assert.throws(() => run({ $mergeObjects: '$x' }, [D(5)]), { name: 'ExprError', message: /requires object inputs/ });
  assert.throws(() => run({ $firstN: { input: '$x', n: 0 } }, [D(1)]), { name: 'ExprError', message: "'n' must be greater than 0, found 0" });
  assert.throws(() => run({ $maxN: { input: '$x', n: 'a' } }, [D(1)]), { name: 'ExprError', message: /must be of integral type/ });
});

test('argument errors are reported at compile time', () => {
  const bad: [Doc, RegExp][] = [
    [{ $sum: [1, 2] }, /unary operator/],
    [{ $count: { a: 1 } }, /takes no arguments/],
    [{ $topN: { sortBy: { x: 1 }, output: '$x' } }, /requires an 'n'/],
    [{ $top: { n: 1, sortBy: { x: 1 }, output: '$x' } }, /Unknown argument/],
    [{ $top: { sortBy: { x: 2 }, output: '$x' } }, /must be 1/],
    [{ $firstN: { input: '$x' } }, /requires an 'n'/],
    [{ $median: { input: '$x' } }, /'method'/],
    [{ $median: { input: '$x', method: 'exact' } }, /percentile 'method'/],
    [{ $percentile: { input: '$x', p: [1.5], method: 'approximate' } }, /between 0.0 and 1.0/],
  ];
  for (const [acc, re] of bad) {
    const { a, errors } = compile(acc);
    assert.equal(a, undefined, JSON.stringify(acc));
    assert.match(errors.join('\n'), re, JSON.stringify(acc));
  }
});

test('merge of split states equals one pass, and snapshots round-trip through EJSON', () => {
  const values = [5, null, 3.5, 'x', 8, undefined, 1, 9, 2, 7];
  const docs = values.map(D);
  for (const a of allAccumulators) {
    if (a.name === '$mergeObjects') continue; // needs documents; covered by the table
    const example = a.examples[0]!.acc;
    const acc = JSON.parse(JSON.stringify(example).replace(/"\$[a-z]+"(?=[,}\]])/gi, '"$x"')) as Doc;
    const { a: f, slots } = compile(acc);
    assert.ok(f, a.name);
    const ctx = newEvalCtx(slots, new ManualClock());
    const fold = (ds: Doc[]) => {
      let s = f.init();
      for (const d of ds) {
        ctx.current = d;
        ctx.root = d;
        s = f.add(s, ctx);
      }
      return s;
    };
    const whole = f.result(fold(docs));
    const restored = f.restore(EJSON.parse(EJSON.stringify(f.snapshot(fold(docs)) as Doc)));
    assert.deepEqual(f.result(restored), whole, `${a.name} snapshot`);
    if (!f.merge) continue;
    const merged = f.merge(f.merge(f.init(), fold(docs.slice(0, 4))), fold(docs.slice(4)));
    const got = f.result(merged);
    if (typeof whole === 'number') assert.ok(Math.abs((got as number) - whole) < 1e-9, `${a.name} merge`);
    else assert.deepEqual(got, whole, `${a.name} merge`);
  }
});

test('fast forms agree with the reference ones: step = add, mergeInto = merge, mergedResult = result(merge)', () => {
  const values: Value[] = [5, null, 3.5, 'x', 8, undefined, Long.fromNumber(4), 9, Decimal128.fromString('2.5'), 7, true];
  const docs = values.map(D);
  let checked = 0;
  for (const acc of [{ $sum: '$x' }, { $avg: '$x' }, { $min: '$x' }, { $max: '$x' }, { $count: {} }, { $stdDevPop: '$x' }, { $stdDevSamp: '$x' }]) {
    const { a: f, slots } = compile(acc);
    assert.ok(f?.step && f.merge, JSON.stringify(acc));
    const ctx = newEvalCtx(slots, new ManualClock());
    const fold = (ds: Doc[], stepped: boolean) => {
      let s = f.init();
      for (const d of ds) {
        ctx.current = d;
        ctx.root = d;
        s = stepped ? f.step!(s, f.input ? f.input(ctx) : undefined) : f.add(s, ctx);
      }
      return s;
    };
    const name = JSON.stringify(acc);
    const ser = (v: Value) => EJSON.serialize({ v } as Doc);
    assert.deepEqual(ser(f.result(fold(docs, true))), ser(f.result(fold(docs, false))), `${name} step`);
    for (const cut of [0, 3, 7, docs.length]) {
      const [l, r] = [fold(docs.slice(0, cut), false), fold(docs.slice(cut), false)];
      const rBefore = ser(f.snapshot(r));
      const reference = ser(f.result(f.merge(l, r)));
      if (f.mergedResult) assert.deepEqual(ser(f.mergedResult(l, r)), reference, `${name} mergedResult at ${cut}`);
      if (f.mergeInto) assert.deepEqual(ser(f.result(f.mergeInto(fold(docs.slice(0, cut), false), r))), reference, `${name} mergeInto at ${cut}`);
      assert.deepEqual(ser(f.snapshot(r)), rBefore, `${name} leaves b untouched`);
      checked++;
    }
  }
  assert.equal(checked, 28);
});
