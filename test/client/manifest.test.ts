import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const c = pkg.contributes;
const declared = new Set<string>(c.commands.map((x: { command: string }) => x.command));

test('every menu entry names a declared command', () => {
  for (const [menu, entries] of Object.entries(c.menus as Record<string, { command: string }[]>)) {
    for (const e of entries) assert.ok(declared.has(e.command), `${menu}: ${e.command}`);
  }
});

test('every command the client registers is declared, and the reverse', () => {
  const src = ['commands.ts', 'commands/run.ts', 'commands/processors.ts', 'commands/connections.ts', 'commands/inspect.ts', 'commands/targets.ts', 'testing/commands.ts']
    .map((f) => fs.readFileSync(path.join(root, 'client', f), 'utf8'))
    .join('\n');
  // validateInput is an InputBox option that the pattern also catches.
  const registered = new Set([...src.matchAll(/^ {2,4}'?([\w.]+)'?: (?:async )?\(/gm)].map((m) => `asp.${m[1]}`).filter((n) => n !== 'asp.validateInput'));
  assert.deepEqual([...registered].filter((x) => !declared.has(x)), []);
  assert.deepEqual([...declared].filter((x) => !registered.has(x)), []);
});

test('activation is limited to the language, the views and a workspace with pipeline tests', () => {
  for (const e of pkg.activationEvents as string[]) assert.match(e, /^(onLanguage:asp-json|onView:asp\.\w+|workspaceContains:\*\*\/\*\.asp\.test\.json)$/);
  assert.equal(pkg.main, './dist/client.js');
});

test('files the manifest points at exist and parse', () => {
  const files = [pkg.icon, ...c.grammars.map((g: { path: string }) => g.path), ...c.snippets.map((s: { path: string }) => s.path), c.languages[0].configuration];
  for (const w of c.walkthroughs[0].steps) files.push(w.media.markdown);
  for (const f of files) {
    const p = path.join(root, f);
    assert.ok(fs.existsSync(p), f);
    if (/\.(json|code-snippets)$/.test(f)) JSON.parse(fs.readFileSync(p, 'utf8'));
  }
});

test('every setting has a default and a description', () => {
  for (const [k, v] of Object.entries(c.configuration.properties as Record<string, { default?: unknown; description?: string; markdownDescription?: string }>)) {
    assert.ok(k.startsWith('asp.'), k);
    assert.notEqual(v.default, undefined, k);
    assert.ok(v.description ?? v.markdownDescription, k);
  }
});
