/**
 * Constant folding (engine/expr/fold.ts): a call whose arguments are all constant is evaluated
 * when the pipeline is compiled, as MongoDB's ExpressionNary::optimize does. One that always
 * fails is ASP411 with MongoDB's message; one that succeeds becomes its value; calls that read
 * the clock, randomness, metadata or the current document are left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../engine/core/clock';
import { ExprError } from '../../../engine/core/errors';
import { ExprCompiler, newEvalCtx } from '../../../engine/expr/compile';
import { isConstant } from '../../../engine/expr/fold';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import type { Diagnostic, Value } from '../../../engine/core/types';
import type { Expr } from '../../../engine/expr/types';

function compile(spec: Value): { f: Expr; diagnostics: Diagnostic[]; slots: number } {
  const c = new ExprCompiler();
  const f = c.expr(spec, []);
  return { f, diagnostics: c.diagnostics, slots: c.slotCount };
}

function evalOn(f: Expr, slots: number, doc: Value, clock = new ManualClock(0)): Value {
  const ctx = newEvalCtx(slots, clock);
  ctx.current = doc;
  ctx.root = doc;
  return f(ctx);
}

// [expression, MongoDB's message]. Each row is the operator's documented error for that input
// (the same text the per-document DLQ record carried before).
const ALWAYS_FAILING: [Value, string][] = [
  [{ $divide: [1, 0] }, "can't $divide by zero"],
  [{ $ln: -1 }, "$ln's argument must be a positive number, but is -1"],
  [{ $log10: 0 }, "$log10's argument must be a positive number, but is 0"],
  [{ $sqrt: -1 }, "$sqrt's argument must be greater than or equal to 0"],
  [{ $mod: [5, 0] }, "can't $mod by zero"],
  [{ $pow: [0, -1] }, '$pow cannot take a base of 0 and a negative exponent'],
  [{ $toInt: 'abc' }, "Failed to parse number 'abc' in $convert with no onError value: Did not consume whole string."],
  [{ $convert: { input: 'abc', to: 'int' } }, "Failed to parse number 'abc' in $convert with no onError value: Did not consume whole string."],
  [{ $substrBytes: ['abc', -1, 1] }, '$substrBytes:  starting index must be non-negative (got: -1)'],
  [{ $bitNot: 1.5 }, '$bitNot only supports int and long, not: double.'],
  [{ $range: [0, 5, 0] }, '$range requires a non-zero step value'],
  // Nested: the innermost failing call is the one named.
  [{ $add: [1, { $divide: [1, 0] }] }, "can't $divide by zero"],
];

test('a call with constant arguments that always fails is ASP411 with MongoDB\'s message, at the operator', () => {
  for (const [spec, reason] of ALWAYS_FAILING) {
    const { diagnostics } = compile(spec);
    const label = JSON.stringify(spec);
    assert.equal(diagnostics.length, 1, `${label}: ${JSON.stringify(diagnostics)}`);
    const d = diagnostics[0]!;
    assert.equal(d.code, 'ASP411', label);
    assert.equal(d.data?.['reason'], reason, label);
    assert.ok(d.message.startsWith(reason), label);
  }
  // The nested row points at the inner $divide.
  assert.deepEqual(compile({ $add: [1, { $divide: [1, 0] }] }).diagnostics[0]!.path, ['$add', 1, '$divide']);
});

test('$arrayElemAt and $dateFromString with constant arguments that always fail are compile errors', () => {
  const elem = compile({ $arrayElemAt: [[1, 2], 1.5] }).diagnostics;
  assert.deepEqual(elem.map((d) => [d.code, d.message]), [['ASP411', "$arrayElemAt's second argument must be representable as a 32-bit integer: 1.5"]]);
  const date = compile({ $dateFromString: { dateString: 'not a date' } }).diagnostics;
  assert.equal(date.length, 1);
  assert.equal(date[0]!.code, 'ASP411');
  assert.match(String(date[0]!.data?.['reason']), /^Error parsing date string 'not a date'/);
});

test('the diagnostic names the stage and the JSON path of the operator', () => {
  const text = '[{"$source": {"documents": []}}, {"$set": {"r": {"$multiply": [2, {"$divide": [1, 0]}]}}}]';
  const a = analyzeText(text, { connections: builtinRegistry() });
  const d = a.diagnostics.filter((x) => x.code === 'ASP411');
  assert.equal(d.length, 1, JSON.stringify(a.diagnostics));
  assert.equal(d[0]!.message, "can't $divide by zero ($divide has only constant arguments, so it fails for every document: $set at [1].$set.r.$multiply[1].$divide)");
  assert.equal(text.slice(d[0]!.offset, d[0]!.offset + d[0]!.length), '[1, 0]');
});

test('a call with constant arguments that succeeds folds to its value', () => {
  for (const [spec, expected] of [
    [{ $add: [1, { $multiply: [2, 3] }] }, 7],
    [{ $toUpper: 'abc' }, 'ABC'],
    [{ $convert: { input: 'abc', to: 'int', onError: -1 } }, -1],
    [{ $dateFromString: { dateString: '2024-01-02T00:00:00Z' } }, new Date(Date.UTC(2024, 0, 2))],
    [{ $cond: [true, 1, { $divide: [1, 0] }] }, 1],
    [{ $and: [false, { $divide: [1, 0] }] }, false],
  ] as [Value, Value][]) {
    const { f, diagnostics, slots } = compile(spec);
    const label = JSON.stringify(spec);
    assert.deepEqual(diagnostics, [], label);
    assert.ok(isConstant(f), `${label} is constant`);
    assert.deepStrictEqual(evalOn(f, slots, { a: 1 }), expected, label);
    assert.deepStrictEqual(evalOn(f, slots, {}), expected, label);
  }
});

test('arrays and documents built from constants are not shared between documents', () => {
  const { f, slots } = compile({ $concatArrays: [[1], [2]] });
  assert.ok(isConstant(f));
  const x = evalOn(f, slots, {});
  const y = evalOn(f, slots, {});
  assert.deepStrictEqual(x, [1, 2]);
  assert.notEqual(x, y, 'a fresh array per document');
});

test('calls that depend on the document are not folded and fail per document as before', () => {
  for (const spec of [{ $add: ['$a', 1] }, { $divide: ['$a', 0] }, { $getField: 'a' }, { $let: { vars: { x: 1 }, in: '$$x' } }]) {
    const { f, diagnostics } = compile(spec);
    assert.deepEqual(diagnostics, [], JSON.stringify(spec));
    assert.ok(!isConstant(f), JSON.stringify(spec));
  }
  const { f, slots } = compile({ $getField: 'a' });
  assert.equal(evalOn(f, slots, { a: 1 }), 1);
  assert.equal(evalOn(f, slots, { a: 2 }), 2);
  const div = compile({ $divide: ['$a', 0] });
  assert.throws(() => evalOn(div.f, div.slots, { a: 1 }), (e: unknown) => e instanceof ExprError && e.message === "can't $divide by zero");
});

test('a failing constant under a call that may skip it stays a runtime error; under an eager one it is reported', () => {
  const lazy = compile({ $cond: ['$x', { $divide: [1, 0] }, 1] });
  assert.deepEqual(lazy.diagnostics, []);
  assert.equal(evalOn(lazy.f, lazy.slots, { x: false }), 1);
  assert.throws(() => evalOn(lazy.f, lazy.slots, { x: true }), ExprError);
  for (const spec of [{ $ifNull: ['$x', { $sqrt: -1 }] }, { $map: { input: '$xs', in: { $ln: 0 } } }, { $convert: { input: '$x', to: 'int', onError: { $divide: [1, 0] } } }]) {
    assert.deepEqual(compile(spec).diagnostics, [], JSON.stringify(spec));
  }
  const eager = compile({ $add: ['$a', { $divide: [1, 0] }] });
  assert.deepEqual(eager.diagnostics.map((d) => [d.code, d.path]), [['ASP411', ['$add', 1, '$divide']]]);
  const inLiteral = compile({ k: [1, { $mod: [1, 0] }] });
  assert.deepEqual(inLiteral.diagnostics.map((d) => [d.code, d.path]), [['ASP411', ['k', 1, '$mod']]]);
});

test('the clock, randomness and stream metadata are never folded', () => {
  const clock = new ManualClock(Date.UTC(2024, 0, 1));
  const now = compile({ $currentDate: {} });
  assert.ok(!isConstant(now.f));
  const t0 = evalOn(now.f, now.slots, {}, clock);
  clock.advance(1000);
  assert.notDeepStrictEqual(evalOn(now.f, now.slots, {}, clock), t0);
  for (const spec of [{ $rand: {} }, { $createObjectId: {} }, { $meta: 'stream' }, { $add: [{ $rand: {} }, 1] }, { $toString: { $currentDate: {} } }]) {
    const { f, diagnostics } = compile(spec);
    assert.deepEqual(diagnostics, [], JSON.stringify(spec));
    assert.ok(!isConstant(f), JSON.stringify(spec));
  }
  const r = compile({ $rand: {} });
  const values = new Set(Array.from({ length: 8 }, () => evalOn(r.f, r.slots, {})));
  assert.ok(values.size > 1, 'each document draws its own $rand');
});
