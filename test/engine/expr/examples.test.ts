/** Every catalog example of every expression operator runs here (hover docs cannot drift). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allExprOperators } from '../../../engine/expr/registry';
import { run } from './_support';

test('every operator has 1-3 examples, a docs URL and a summary', () => {
  for (const op of allExprOperators) {
    assert.ok(op.examples.length >= 1 && op.examples.length <= 3, `${op.name}: ${op.examples.length} examples`);
    assert.match(op.docsUrl, /^https:\/\/www\.mongodb\.com\/docs\//, op.name);
    assert.ok(op.summary.length > 0 && op.syntax.includes(op.name), op.name);
  }
});

test('operator names are unique', () => {
  const names = allExprOperators.map((o) => o.name);
  assert.equal(new Set(names).size, names.length);
});

for (const op of allExprOperators) {
  test(`examples of ${op.name}`, () => {
    for (const ex of op.examples) {
      const out = run(ex.expr, ex.doc, ex.meta);
      const label = `${op.name}: ${JSON.stringify(ex.expr)}`;
      if (ex.error !== undefined) {
        const messages = 'diagnostics' in out ? out.diagnostics.map((d) => d.message) : 'error' in out ? [out.error] : [];
        assert.ok(messages.includes(ex.error), `${label}: expected error "${ex.error}", got ${JSON.stringify(out)}`);
      } else {
        assert.ok('value' in out, `${label}: ${JSON.stringify(out)}`);
        assert.deepStrictEqual(out.value, ex.expected, label);
      }
    }
  });
}
