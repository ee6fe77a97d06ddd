// The import graph of the tracked TypeScript sources, built with the TypeScript compiler API:
// relative `import`/`export … from`, `import x = require()`, `require('…')` and `import('…')` with a
// string literal. Each edge says whether it is type-only (erased at run time). Used by
// test/architecture.test.ts and handy on its own: `node --import tsx test/helpers/importGraph.ts`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

/** `lazy`: a dynamic `import('…')`, loaded when the call runs rather than with the module. */
export type Edge = { from: string; to: string; line: number; typeOnly: boolean; text: string; lazy?: boolean };

/** Every tracked (and not yet committed but present) .ts file, repo-relative with `/`. */
export function trackedTsFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts'], { cwd: root, encoding: 'utf8' });
  return out.split('\n').filter((f) => f.endsWith('.ts') && existsSync(join(root, f))).sort();
}

function resolveRelative(root: string, from: string, spec: string): string | undefined {
  const base = normalize(join(dirname(from), spec)).replace(/\\/g, '/');
  for (const cand of [`${base}.ts`, `${base}.d.ts`, `${base}/index.ts`, base]) {
    if (cand.endsWith('.ts') && existsSync(join(root, cand))) return cand;
  }
  return undefined;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // side-effect import
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const nb = clause.namedBindings;
  if (!nb || ts.isNamespaceImport(nb)) return false;
  return nb.elements.length > 0 && nb.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const c = node.exportClause;
  return !!c && ts.isNamedExports(c) && c.elements.length > 0 && c.elements.every((e) => e.isTypeOnly);
}

/** The relative imports of one file (bare package specifiers are left out). */
export function importsOf(root: string, file: string, text = readFileSync(join(root, file), 'utf8')): Edge[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  const add = (spec: string, node: ts.Node, typeOnly: boolean, lazy = false) => {
    if (!spec.startsWith('.')) return;
    const to = resolveRelative(root, file, spec);
    if (!to) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const edge: Edge = { from: file, to, line, typeOnly, text: node.getText(sf).split('\n')[0]!.slice(0, 160) };
    if (lazy) edge.lazy = true;
    edges.push(edge);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node, isTypeOnlyImport(node));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node, isTypeOnlyExport(node));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e)) add(e.text, node, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const a = node.arguments[0]!;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if ((isRequire || isImport) && ts.isStringLiteralLike(a)) add(a.text, node, false, isImport);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, node, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

/** The bare package specifiers a file imports (`kafkajs`, `node:fs`), with their lines. */
export function packagesOf(root: string, file: string, text = readFileSync(join(root, file), 'utf8')): { spec: string; line: number }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { spec: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    let spec: string | undefined;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) spec = node.moduleSpecifier.text;
    else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]!) && ((ts.isIdentifier(node.expression) && node.expression.text === 'require') || node.expression.kind === ts.SyntaxKind.ImportKeyword)) spec = (node.arguments[0] as ts.StringLiteralLike).text;
    if (spec !== undefined && !spec.startsWith('.')) out.push({ spec, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Tarjan's strongly connected components; returns only the components with a cycle. */
export function cycles(nodes: string[], edges: Edge[]): string[][] {
  const adj = new Map<string, string[]>();
  for (const n of nodes) adj.set(n, []);
  for (const e of edges) if (adj.has(e.from) && adj.has(e.to)) adj.get(e.from)!.push(e.to);
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  // Iterative, so a deep graph cannot overflow the call stack.
  for (const start of nodes) {
    if (idx.has(start)) continue;
    const work: { n: string; i: number }[] = [{ n: start, i: 0 }];
    idx.set(start, index); low.set(start, index); index++; stack.push(start); onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const succ = adj.get(top.n)!;
      if (top.i < succ.length) {
        const m = succ[top.i++]!;
        if (!idx.has(m)) {
          idx.set(m, index); low.set(m, index); index++; stack.push(m); onStack.add(m);
          work.push({ n: m, i: 0 });
        } else if (onStack.has(m)) low.set(top.n, Math.min(low.get(top.n)!, idx.get(m)!));
        continue;
      }
      work.pop();
      if (work.length) { const p = work[work.length - 1]!.n; low.set(p, Math.min(low.get(p)!, low.get(top.n)!)); }
      if (low.get(top.n) === idx.get(top.n)) {
        const comp: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); comp.push(w); } while (w !== top.n);
        const selfLoop = edges.some((e) => e.from === top.n && e.to === top.n);
        if (comp.length > 1 || selfLoop) out.push(comp.sort());
      }
    }
  }
  return out;
}

if (require.main === module) {
  const root = process.cwd();
  const files = trackedTsFiles(root).filter((f) => !f.startsWith('test/'));
  const edges = files.flatMap((f) => importsOf(root, f));
  const dirOf = (f: string) => f.split('/').slice(0, f.startsWith('engine/') || f.startsWith('server/') || f.startsWith('client/') ? 2 : 1).join('/').replace(/\.ts$/, '');
  const folder = new Map<string, number>();
  for (const e of edges) {
    const a = dirOf(e.from); const b = dirOf(e.to);
    if (a !== b) folder.set(`${a} -> ${b}`, (folder.get(`${a} -> ${b}`) ?? 0) + 1);
  }
  for (const [k, v] of [...folder].sort()) console.log(`${k}  (${v})`);
  for (const c of cycles(files, edges)) console.log('CYCLE', c.join(' '));
}
