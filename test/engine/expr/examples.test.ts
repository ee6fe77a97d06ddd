/** The expression catalog's shape: examples, docs and export names (the examples run in test/engine/examples.test.ts). */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allExprOperators } from '../../../engine/expr/registry';

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

// engine/expr/type is renamed by the BSON-number work running in parallel (issue 13); drop this
// entry once its files export `$name` too.
const EXPORT_NAME_PENDING = new Set(['type']);

test('every operator file exports `$` + its file name, holding the operator of that name', () => {
  const root = join(__dirname, '../../../engine/expr');
  const byName = new Map(allExprOperators.map((o) => [o.name, o]));
  let checked = 0;
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name.startsWith('_') || EXPORT_NAME_PENDING.has(dir.name)) continue;
    for (const f of readdirSync(join(root, dir.name))) {
      if (f.startsWith('_') || f === 'index.ts' || !f.endsWith('.ts')) continue;
      const name = '$' + f.slice(0, -3);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(root, dir.name, f)) as Record<string, unknown>;
      assert.deepEqual(Object.keys(mod).filter((k) => k.startsWith('$')), [name], `${dir.name}/${f}`);
      assert.equal(mod[name], byName.get(name), `${dir.name}/${f}: export ${name} is the registered ${name}`);
      checked++;
    }
  }
  assert.ok(checked >= 118, `only ${checked} operator files checked`);
});
