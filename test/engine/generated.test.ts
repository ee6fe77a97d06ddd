import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { outputs } from '../../scripts/generate';

test('generated files (JSON Schema, README stage table, docs/diagnostics.md) are up to date; refresh with: npm run generate', () => {
  for (const o of outputs()) {
    assert.equal(readFileSync(o.file, 'utf8'), o.text, `${o.file} is stale: run npm run generate`);
  }
});
