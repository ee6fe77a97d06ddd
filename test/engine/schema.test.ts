// The generated JSON Schema (contributed to VS Code through jsonValidation) must accept every real
// pipeline we ship and reject what the engine rejects at the shape level. ajv compiles only our
// own generated schema here, never user input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ROOT } from '../helpers/root';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/asp-pipeline.schema.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

function files(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.asp.json')).map((f) => join(dir, f));
}

test('schema: every example and golden pipeline is valid against the generated schema', () => {
  const all = [...files(join(ROOT, 'examples')), ...files(join(ROOT, 'test/golden/pipelines'))];
  assert.ok(all.length >= 8);
  for (const f of all) {
    const ok = validate(JSON.parse(readFileSync(f, 'utf8')));
    assert.ok(ok, `${f}: ${JSON.stringify(validate.errors)}`);
  }
});

test('schema: unknown stages, empty pipelines and unknown processor fields are rejected', () => {
  for (const bad of [[], [{ $mtch: {} }], [{ $match: {}, $project: {} }], { name: 'x', pipeline: [{ $match: {} }], extra: 1 }, { name: 'x' }]) {
    assert.equal(validate(bad), false, JSON.stringify(bad));
  }
});
