/**
 * Queries and expressions share one regex builder (engine/regex), so `{$match: {s: {$regex}}}`
 * and `{$regexMatch: {input: "$s", regex}}` agree on every pattern and input. Issue 10 measured
 * them disagreeing on `^\p{L}+$` against "é"; MongoDB matches (PCRE2 in UTF mode knows \p{L}).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BSONRegExp } from 'bson';
import type { Value } from '../../../engine/core/types';
import { ExprCompiler, newEvalCtx } from '../../../engine/expr/compile';
import { compileFilter } from '../../../engine/query/compile';

function viaQuery(pattern: string, options: string, s: string): boolean {
  const c = new ExprCompiler();
  const pred = compileFilter({ s: { $regex: pattern, $options: options } }, c, []);
  assert.deepEqual(c.diagnostics, [], pattern);
  return pred({ s }, newEvalCtx(c.slotCount, { now: () => 0 }));
}

function viaExpr(regex: Value, options: string | undefined, s: string): Value {
  const c = new ExprCompiler();
  const f = c.expr({ $regexMatch: { input: '$s', regex, ...(options === undefined ? {} : { options }) } }, []);
  assert.deepEqual(c.diagnostics, [], String(regex));
  const ctx = newEvalCtx(c.slotCount, { now: () => 0 });
  ctx.current = ctx.root = { s };
  return f(ctx);
}

test('issue 10: $match $regex and $regexMatch agree on ^\\p{L}+$ against "é" (both match)', () => {
  assert.equal(viaQuery('^\\p{L}+$', '', 'é'), true);
  assert.equal(viaExpr('^\\p{L}+$', undefined, 'é'), true);
  assert.equal(viaExpr(new BSONRegExp('^\\p{L}+$', ''), undefined, 'é'), true);
});

const PATTERNS: [string, string][] = [
  ['^\\p{L}+$', ''], ['\\w+', ''], ['^ab', 'i'], ['b$', 'm'], ['a.c', ''], ['a.c', 's'], ['\\s', ''],
  ['(?i)É', ''], ['\\Aa', 'm'], ['a\\Z', ''], ['x++x', ''], ['(?>a|ab)c', ''], ['[[:upper:]]', ''],
  ['a b # c', 'x'], ['\\bé', ''], ['^$', 'm'], ['\\x{e9}', ''], ['[^a-z]', 'i'],
];
const INPUTS = ['é', 'abc', 'ABC', 'a\nb', 'a\rc', 'xxx', 'É', '\u00a0', 'ab\n', '', 'ac', 'a b'];

test('query and expression regexes agree on every pattern × input of a table', () => {
  let n = 0;
  for (const [p, o] of PATTERNS) {
    for (const s of INPUTS) {
      assert.equal(viaQuery(p, o, s), viaExpr(p, o, s), `/${p}/${o} on ${JSON.stringify(s)}`);
      n++;
    }
  }
  assert.equal(n, PATTERNS.length * INPUTS.length);
});
