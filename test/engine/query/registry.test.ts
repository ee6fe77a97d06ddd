import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { queryOperators } from '../../../engine/query/registry';

test('every query operator has docs metadata and exactly one compile function', () => {
  const names = new Set<string>();
  for (const op of queryOperators) {
    assert.ok(op.name.startsWith('$'), op.name);
    assert.ok(!names.has(op.name), `duplicate ${op.name}`);
    names.add(op.name);
    assert.ok(op.summary.length > 10, op.name);
    assert.match(op.docsUrl, /^https:\/\/www\.mongodb\.com\/docs\//, op.name);
    assert.ok(op.syntax.includes(op.name) || op.name === '$options', `${op.name} syntax`);
    assert.equal(op.level === 'field', typeof op.compileField === 'function', op.name);
    assert.equal(op.level === 'top', typeof op.compileTop === 'function', op.name);
  }
  for (const n of ['$eq', '$in', '$and', '$not', '$exists', '$type', '$regex', '$expr', '$jsonSchema', '$elemMatch', '$all', '$size', '$mod', '$bitsAllSet', '$comment']) {
    assert.ok(names.has(n), n);
  }
});

test('every operator file starts with its MongoDB docs URL', () => {
  const root = join(__dirname, '../../../engine/query');
  for (const dir of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const f of readdirSync(join(root, dir.name)).filter((x) => !x.startsWith('_'))) {
      const first = readFileSync(join(root, dir.name, f), 'utf8').split('\n')[0]!;
      assert.match(first, /^\/\/ https:\/\/www\.mongodb\.com\/docs\//, `${dir.name}/${f}`);
    }
  }
});
