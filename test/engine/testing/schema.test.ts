// The generated fixture schema (schemas/asp-test.schema.json, contributed through
// jsonValidation) and the fixture parser come from one description, so they agree: every
// shipped fixture passes both, and each bad shape below fails both. ajv compiles only our own
// generated schema, never user input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ROOT } from '../../helpers/root';
import { parseFixture } from '../../../engine/testing/parse';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/asp-test.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const parserAccepts = (v: unknown): boolean => {
  const p = parseFixture(JSON.stringify(v), 'f.asp.test.json');
  return p.diagnostics.length === 0 && p.tests.every((t) => t.diagnostics.length === 0);
};

test('fixture schema: package.json contributes it for *.asp.test.json', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } };
  assert.ok(pkg.contributes.jsonValidation.some((j) => j.fileMatch === '*.asp.test.json' && j.url === './schemas/asp-test.schema.json'));
});

test('fixture schema: every example fixture is valid for the schema and the parser', () => {
  const files = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.asp.test.json'));
  assert.ok(files.length >= 6, `example fixtures: ${files.join(', ')}`);
  for (const f of files) {
    const v = JSON.parse(readFileSync(join(ROOT, 'examples', f), 'utf8'));
    assert.ok(validate(v), `${f}: ${JSON.stringify(validate.errors)}`);
    assert.ok(parserAccepts(v), f);
  }
});

const ok = { name: 'n', input: { documents: [] }, expect: {} };
const good: unknown[] = [
  { pipeline: 'p.asp.json', tests: [ok] },
  { tests: [{ ...ok, pipeline: [{ $source: { documents: [] } }] }] },
  { tests: [{ ...ok, pipeline: { name: 'x', pipeline: [{ $source: { documents: [] } }] } }] },
  { tests: [{ ...ok, input: { events: [{ doc: {}, partition: 'p1', at: { $date: '2024-01-01T00:00:00Z' }, time: '2024-01-01T00:00:00Z' }, { idle: { size: 1, unit: 'ms' } }], drain: false } }] },
  { tests: [{ ...ok, input: { documentsFile: 'x.jsonl', start: { $date: '2024-01-01T00:00:00Z' }, step: { size: 1, unit: 'second' }, partitionIdleTimeout: { size: 1, unit: 'minute' } } }] },
  { tests: [{ ...ok, expect: { output: [{ a: 1 }], dlq: [], match: 'subset', order: 'unordered', ignore: ['_ts'] } }] },
];
const bad: unknown[] = [
  {},
  { tests: [] },
  { tests: [ok], extra: 1 },
  { tests: [{ input: { documents: [] }, expect: {} }] },
  { tests: [{ ...ok, input: {} }] },
  { tests: [{ ...ok, input: { documents: [], events: [] } }] },
  { tests: [{ ...ok, input: { documents: [1] } }] },
  { tests: [{ ...ok, input: { events: [{ partition: 1 }] } }] },
  { tests: [{ ...ok, input: { events: [{ idle: { size: 1, unit: 'week' } }] } }] },
  { tests: [{ ...ok, input: { events: [{ idle: { size: 1.5, unit: 'ms' } }] } }] },
  { tests: [{ ...ok, input: { documents: [], start: 5 } }] },
  { tests: [{ ...ok, expect: { match: 'some' } }] },
  { tests: [{ ...ok, expect: { ignore: [''] } }] },
  { tests: [{ ...ok, expect: { outputs: [] } }] },
  { tests: [{ ...ok, pipeline: 3 }] },
];

test('fixture schema: the schema and the parser accept the same good shapes', () => {
  for (const v of good) {
    assert.ok(validate(v), `schema rejects ${JSON.stringify(v)}: ${JSON.stringify(validate.errors)}`);
    assert.ok(parserAccepts(v), `parser rejects ${JSON.stringify(v)}`);
  }
});

test('fixture schema: the schema and the parser reject the same bad shapes', () => {
  for (const v of bad) {
    assert.equal(validate(v), false, `schema accepts ${JSON.stringify(v)}`);
    assert.equal(parserAccepts(v), false, `parser accepts ${JSON.stringify(v)}`);
  }
});
