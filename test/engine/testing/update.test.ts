// --update: failing tests get their expected output and DLQ records from the run, in place,
// with the rest of the file as it was; afterwards the fixture passes and a second update is a no-op.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadConnectionRegistryFile } from '../../../engine/connectors/catalog/registry';
import { runFixture } from '../../../engine/testing/fixtureRun';
import type { TestHost } from '../../../engine/testing/load';
import { parseFixture } from '../../../engine/testing/parse';
import { updatedFixtureText } from '../../../engine/testing/update';

const base = mkdtempSync(join(tmpdir(), 'asp-fixture-update-'));
after(() => rmSync(base, { recursive: true, force: true }));
const host: TestHost = { registry: (explicit) => loadConnectionRegistryFile(explicit) };
const file = join(base, 'u.asp.test.json');

async function update(text: string): Promise<{ text: string | undefined; passedBefore: boolean[] }> {
  writeFileSync(file, text);
  const p = parseFixture(text, file);
  const results = await runFixture(p, host);
  return { text: updatedFixtureText(p, results), passedBefore: results.map((r) => r.passed) };
}

async function passes(text: string): Promise<boolean[]> {
  return (await runFixture(parseFixture(text, file), host)).map((r) => r.passed);
}

const PIPE = '[{ "$source": { "documents": [] } }, { "$addFields": { "q": { "$divide": [6, "$d"] } } }]';

test('update: a one-line expect grows into a block; the rest of the file keeps its text', async () => {
  const before = [
    '{',
    '  // comments and layout outside expect survive',
    `  "pipeline": ${PIPE},`,
    '  "tests": [',
    '    { "name": "passing", "input": { "documents": [] }, "expect": { "output": [] } },',
    '    {',
    '      "name": "failing",',
    '      "input": { "documents": [{ "d": 2 }, { "d": 0 }] },',
    '      "expect": { "ignore": ["_ts", "_stream_meta", "doc._ts", "dlqTime"] }',
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');
  const { text, passedBefore } = await update(before);
  assert.deepEqual(passedBefore, [true, false]);
  assert.ok(text);
  const expectAt = before.indexOf('"expect": { "ignore"');
  assert.equal(text.slice(0, expectAt), before.slice(0, expectAt), 'everything before the rewritten expect is unchanged');
  assert.ok(text.endsWith('\n    }\n  ]\n}\n'));
  assert.equal(text.slice(expectAt, text.indexOf('\n    }\n  ]')), [
    '"expect": {',
    '        "ignore": ["_ts", "_stream_meta", "doc._ts", "dlqTime"],',
    '        "output": [',
    '          { "d": 2, "q": 3 }',
    '        ],',
    '        "dlq": [',
    '          {',
    '            "errInfo": {',
    '              "reason": "Failed to process input document in AddFieldsOperator with error: can\'t $divide by zero"',
    '            },',
    '            "operatorName": "AddFieldsOperator",',
    '            "doc": { "d": 0 },',
    '            "processorName": "preview"',
    '          }',
    '        ]',
    '      }',
  ].join('\n'), 'ignored paths are not written');
  assert.deepEqual(await passes(text), [true, true]);
  assert.equal((await update(text)).text, undefined, 'a second update changes nothing');
});

test('update: only the part that differs is replaced, in place', async () => {
  const before = [
    '{',
    `  "pipeline": ${PIPE},`,
    '  "tests": [{',
    '    "name": "t",',
    '    "input": { "documents": [{ "d": 3 }, { "d": 0 }] },',
    '    "expect": {',
    '      "match": "subset",',
    '      "output": [{ "q": 2 }],',
    '      "dlq": [{ "operatorName": "SomethingElse" }]',
    '    }',
    '  }]',
    '}',
  ].join('\n');
  const { text } = await update(before);
  assert.ok(text);
  assert.ok(text.includes('      "match": "subset",\n      "output": [{ "q": 2 }],\n      "dlq": [\n        {\n'), text);
  assert.match(text, /"operatorName": "AddFieldsOperator"/);
  assert.deepEqual(await passes(text), [true]);
});

test('update: a test that cannot run is left as it is', async () => {
  const before = '{"tests": [{"name": "t", "pipeline": "missing.asp.json", "input": {"documents": []}, "expect": {"output": [{"a": 1}]}}]}';
  const { text, passedBefore } = await update(before);
  assert.deepEqual(passedBefore, [false]);
  assert.equal(text, undefined);
});
