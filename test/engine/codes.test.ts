/**
 * The code table (engine/core/codes.ts) against the source: every code literal in a non-test
 * file is listed, every listed code is raised somewhere, and each entry's `raisedBy` names the
 * folders that raise it. Environment variable names (`env['ASP_DEBUG']`) are not codes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { DIAGNOSTIC_CODES, RUNTIME_CODES } from '../../engine/core/codes';
import { trackedTsFiles } from '../helpers/importGraph';
import { ROOT } from '../helpers/root';

const TABLE = 'engine/core/codes.ts';
const listed: Record<string, { raisedBy: readonly string[] }> = { ...DIAGNOSTIC_CODES, ...RUNTIME_CODES };
const CODE_LIKE = /^(ASP\d{3}|ASP_[A-Z][A-Z_]*)$/;

type Site = { code: string; file: string; line: number };

/** String literals that are codes: ASP-shaped ones, and any listed name (MongoDB code names). */
function sites(): Site[] {
  const out: Site[] = [];
  for (const file of trackedTsFiles(ROOT).filter((f) => !f.startsWith('test/') && f !== TABLE)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && (CODE_LIKE.test(n.text) || Object.hasOwn(listed, n.text))) {
        const envRead = ts.isElementAccessExpression(n.parent) && n.parent.argumentExpression === n;
        if (!envRead) out.push({ code: n.text, file, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1 });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

const folderOf = (file: string): string => file.split('/').slice(0, 2).join('/');
const all = sites();

test('every code literal in the source is listed in engine/core/codes.ts', () => {
  const unlisted = all.filter((s) => CODE_LIKE.test(s.code) && !Object.hasOwn(listed, s.code));
  assert.deepEqual(unlisted.map((s) => `${s.file}:${s.line} uses ${s.code}`), [], `add these codes to ${TABLE} (severity, summary, raisedBy), or use a listed one`);
});

test('every code in engine/core/codes.ts is raised somewhere', () => {
  const used = new Set(all.map((s) => s.code));
  const unused = Object.keys(listed).filter((c) => !used.has(c));
  assert.deepEqual(unused, [], `these codes are listed in ${TABLE} but no source file raises them: remove them (and their docs/diagnostics.md rows, npm run generate)`);
});

test('each code names the folders that raise it', () => {
  const problems: string[] = [];
  for (const s of all) {
    const info = listed[s.code];
    if (info && !info.raisedBy.includes(folderOf(s.file))) problems.push(`${s.code} is raised in ${s.file}:${s.line}, but its raisedBy (${info.raisedBy.join(', ')}) lacks ${folderOf(s.file)}`);
  }
  for (const [code, info] of Object.entries(listed)) {
    for (const folder of info.raisedBy) if (!all.some((s) => s.code === code && folderOf(s.file) === folder)) problems.push(`${code}: raisedBy names ${folder}, which has no ${code} literal`);
  }
  assert.deepEqual(problems, [], `fix raisedBy in ${TABLE}`);
});
