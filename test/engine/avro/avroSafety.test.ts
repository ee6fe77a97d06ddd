/**
 * The project standard for schemas from a user's registry: no eval or new Function on the path
 * that parses, decodes or encodes them, and avsc (which compiles schemas with new Function)
 * is not loaded by any engine, server, client or shared module; only tests use it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../helpers/root';

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('the Avro codec path has no eval or new Function', () => {
  const files = [...tsFiles(path.join(ROOT, 'engine', 'avro')), ...tsFiles(path.join(ROOT, 'engine', 'connectors', 'schemaRegistry'))];
  assert.ok(files.length >= 15, `found the codec files (${files.length})`);
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    assert.doesNotMatch(src, /\bnew Function\b|\beval\s*\(|\bFunction\s*\(/, path.relative(ROOT, f));
  }
});

test('no engine, server, client, shared or bin module imports avsc', () => {
  for (const dir of ['engine', 'server', 'client', 'shared', 'bin']) {
    for (const f of tsFiles(path.join(ROOT, dir))) {
      assert.doesNotMatch(fs.readFileSync(f, 'utf8'), /from ['"]avsc['"]|require\(['"]avsc['"]\)|import\(['"]avsc['"]\)/, path.relative(ROOT, f));
    }
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  assert.equal(pkg.dependencies['avsc'], undefined, 'avsc is not a runtime dependency');
});
