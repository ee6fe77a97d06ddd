/**
 * Golden corpus (test/golden/corpus.ts): every pipeline must print exactly its expected file.
 * A pipeline without an expected file fails: `npm run golden:update` writes it, and a person
 * reviews it before it is committed, so no new case passes unread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from '../helpers/root';
import { expectedPath, goldenNames, runGolden } from './corpus';

for (const name of goldenNames()) {
  test(`golden: ${name}`, async () => {
    const { lines, errors } = await runGolden(name);
    assert.deepEqual(errors, []);
    const file = expectedPath(name);
    if (!existsSync(file)) assert.fail(`${relative(ROOT, file)} is missing: run npm run golden:update, review the file it writes, and commit it`);
    const expected = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
    assert.deepEqual(lines, expected, `${relative(ROOT, file)} differs; if the change is intended, run npm run golden:update and review the diff`);
  });
}
