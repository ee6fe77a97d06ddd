/**
 * The architecture invariants of docs/architecture.md, checked on the import graph of every
 * tracked non-test .ts file (test/helpers/importGraph.ts: relative imports, `export … from`,
 * `require()`/`import()` with literals, type-only edges included). Each failure names the file,
 * the line and the edge, and says what to do instead.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cycles, importsOf, packagesOf, trackedTsFiles, type Edge } from './helpers/importGraph';
import { ROOT } from './helpers/root';

/**
 * The engine's layers, bottom up. A module may import its own layer (without a cycle, see the
 * folder rule) and the layers below it, never one above. `shared` is the host <-> instance
 * protocol (types plus method names); `bin` is the top-level composition root.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['engine/core'],
  ['engine/json', 'engine/bson', 'engine/time', 'engine/regex', 'engine/avro'],
  ['engine/expr', 'engine/query', 'engine/accumulators', 'engine/connections', 'engine/store'],
  ['engine/io', 'shared'],
  ['engine/parse'],
  ['engine/stages', 'engine/sources', 'engine/windows', 'engine/connectors/catalog'],
  ['engine/pipeline'],
  ['engine/runtime', 'engine/testing'],
  ['engine/connectors', 'engine/targets'],
  ['engine/wire'],
  ['engine/daemon'],
  ['engine/cli'],
  ['bin'],
];

/** The only modules that may import engine/connectors (they create the services and load drivers). */
const COMPOSITION_ROOTS = ['engine/cli/commands/run.ts', 'engine/cli/commands/test.ts', 'engine/daemon/instance.ts', 'bin/', 'bench/'];

/** Engine modules that never load a driver or touch the file system: all the language server may import. */
const IO_FREE = ['engine/core', 'engine/json', 'engine/bson', 'engine/avro', 'engine/time', 'engine/expr', 'engine/query', 'engine/accumulators', 'engine/connections', 'engine/io', 'engine/parse', 'engine/stages', 'engine/sources', 'engine/windows', 'engine/connectors/catalog', 'engine/pipeline'];

/**
 * The connector catalog's I/O-free half (docs/architecture.md, "Connector kinds"): the list and
 * its helpers in engine/connectors/catalog/ and each connection type's kind.ts. It is a unit of
 * its own, in layer 5, although its files sit in the connector folders they describe.
 */
const KIND_FILE = /^engine\/connectors\/([^/]+)\/kind\.ts$/;
const isCatalogFile = (f: string): boolean => f.startsWith('engine/connectors/catalog/') || KIND_FILE.test(f);
/** The one edge from the catalog into the I/O half: a kind's `load: () => import('./runtime')`. */
const isKindLoader = (e: Edge): boolean => {
  const m = KIND_FILE.exec(e.from);
  return !!m && e.lazy === true && e.to === `engine/connectors/${m[1]}/runtime.ts`;
};

/** What client/ may import besides shared/, each with its reason. Keep it tiny. */
const CLIENT_ENGINE_ALLOWED: Record<string, string> = {
  'engine/connections/types.ts': 'the connection shapes the Connections view and form edit (types only)',
  'engine/connectors/catalog/index.ts': 'the connection kinds the Connections view, the add/edit form and the secret store read (I/O-free; the bundles leave the kinds\' load() out)',
  'engine/core/errors.ts': 'errorMessage(), the one message-of-an-unknown-error helper (I/O-free)',
};

/** What shared/ may import from the engine: the types its messages carry. */
const SHARED_ENGINE_ALLOWED = ['engine/core/types.ts', 'engine/connections/types.ts'];

/** Non-test files allowed past MAX_LINES, each with its reason. */
const MAX_LINES = 400;
const LONG_FILES: Record<string, string> = {};

const files = trackedTsFiles(ROOT).filter((f) => !f.startsWith('test/'));
const edges: Edge[] = files.flatMap((f) => importsOf(ROOT, f));

/** `engine/stages/emit.ts` -> `engine/stages`; `bin/asp.ts` -> `bin`; `server/service/x.ts` -> `server`. */
function unitOf(file: string): string {
  if (isCatalogFile(file)) return 'engine/connectors/catalog';
  const parts = file.split('/');
  if (parts[0] === 'engine' && parts.length > 2) return `engine/${parts[1]}`;
  return parts[0]!;
}

const rankOf = new Map<string, number>();
LAYERS.forEach((units, i) => units.forEach((u) => rankOf.set(u, i)));

const under = (file: string, prefixes: readonly string[]): boolean => prefixes.some((p) => file === p || file.startsWith(p.endsWith('/') || p.endsWith('.ts') ? p : `${p}/`));
const at = (e: Edge): string => `${e.from}:${e.line} imports ${e.to}${e.typeOnly ? ' (type-only)' : ''}`;

function report(problems: string[], what: string): void {
  assert.equal(problems.length, 0, `${problems.length} ${what}:\n  ${problems.join('\n  ')}`);
}

test('every module of the engine is in a layer', () => {
  const unplaced = [...new Set(files.filter((f) => f.startsWith('engine/')).map(unitOf))].filter((u) => !rankOf.has(u));
  report(unplaced.map((u) => `${u}: add it to LAYERS in test/architecture.test.ts and to the layer list in docs/architecture.md`), 'engine folders without a layer');
});

test('no import cycles, type-only imports included', () => {
  const sccs = cycles(files, edges);
  report(
    sccs.map((c) => {
      const inCycle = new Set(c);
      const internal = edges.filter((e) => inCycle.has(e.from) && inCycle.has(e.to)).map(at);
      return `cycle of ${c.length} files: ${internal.join('; ')}. Move what both sides need (often a type) into a module both import, below them.`;
    }),
    'import cycles',
  );
});

test('no folder cycles inside the engine (same-layer folders point one way)', () => {
  const folderEdges = new Map<string, Edge>();
  // A kind's load() points at its I/O half on purpose and runs only when called: not a dependency.
  for (const e of edges.filter((x) => !isKindLoader(x))) {
    const a = unitOf(e.from);
    const b = unitOf(e.to);
    if (a !== b && a.startsWith('engine/') && b.startsWith('engine/') && !folderEdges.has(`${a} ${b}`)) folderEdges.set(`${a} ${b}`, e);
  }
  const folders = [...new Set([...folderEdges.keys()].flatMap((k) => k.split(' ')))];
  const asEdges = [...folderEdges.keys()].map((k) => { const [from, to] = k.split(' ') as [string, string]; return { from, to, line: 0, typeOnly: false, text: '' }; });
  report(
    cycles(folders, asEdges).map((c) => {
      const examples = [...folderEdges].filter(([k]) => { const [a, b] = k.split(' '); return c.includes(a!) && c.includes(b!); }).map(([, e]) => at(e));
      return `folders ${c.join(' <-> ')} import each other, e.g. ${examples.join('; ')}. Move the shared part down a layer (engine/core, engine/parse, engine/io).`;
    }),
    'folder cycles',
  );
});

test('no import climbs the layer order', () => {
  const problems: string[] = [];
  for (const e of edges) {
    const a = rankOf.get(unitOf(e.from));
    const b = rankOf.get(unitOf(e.to));
    if (a === undefined || b === undefined || b <= a || isKindLoader(e)) continue;
    problems.push(`${at(e)}: ${unitOf(e.from)} (layer ${a}) may not import ${unitOf(e.to)} (layer ${b}). Move the imported piece down, or pass it in from a composition root (docs/architecture.md).`);
  }
  report(problems, 'layer violations');
});

test('engine/connectors is imported only by composition roots', () => {
  const problems = edges
    .filter((e) => unitOf(e.to) === 'engine/connectors' && !e.from.startsWith('engine/connectors/') && !under(e.from, COMPOSITION_ROOTS))
    .map((e) => `${at(e)}: only ${COMPOSITION_ROOTS.join(', ')} may import connectors. Take the type from engine/io/types.ts, or receive the value through StageRuntime.services / SourceEnv.services.`);
  report(problems, 'connector imports outside composition roots');
});

test('the connector catalog reaches the I/O half only through each kind\'s load(), and imports no package', () => {
  const problems: string[] = [];
  for (const e of edges) {
    if (!isCatalogFile(e.from) || unitOf(e.to) !== 'engine/connectors') continue;
    if (!isKindLoader(e)) problems.push(`${at(e)}: the catalog half is I/O-free; it may reach its folder's runtime.ts only as \`load: () => import('./runtime')\` in kind.ts. Move what both halves need to engine/connections/types.ts or the kind.`);
  }
  for (const f of files.filter(isCatalogFile)) {
    for (const p of packagesOf(ROOT, f)) if (p.spec !== 'node:fs') problems.push(`${f}:${p.line} imports ${p.spec}: the catalog half loads no package (drivers and clients belong in runtime.ts).`);
  }
  report(problems, 'catalog violations');
});

test('adding a connection type is one folder plus one line: every kind.ts is listed in catalog/kinds.ts, and only there', () => {
  const list = 'engine/connectors/catalog/kinds.ts';
  const listed = new Set(importsOf(ROOT, list).map((e) => e.to));
  const problems: string[] = [];
  for (const f of files.filter((x) => KIND_FILE.test(x))) if (!listed.has(f)) problems.push(`${f}: add \`export { <name>Kind } from '../${KIND_FILE.exec(f)![1]}/kind';\` to ${list}.`);
  for (const f of files.filter((x) => /^engine\/connectors\/[^/]+\/runtime\.ts$/.test(x))) {
    const kind = f.replace(/runtime\.ts$/, 'kind.ts');
    if (!edges.some((e) => e.from === kind && e.to === f && isKindLoader(e))) problems.push(`${f}: an I/O half no kind loads; give ${kind} \`load: () => import('./runtime')\`.`);
  }
  for (const e of edges) if (KIND_FILE.test(e.to) && e.from !== list && !isCatalogFile(e.from)) problems.push(`${at(e)}: read kinds through engine/connectors/catalog/index.ts (kindOf, CONNECTION_KINDS), not a kind file.`);
  report(problems, 'connection types outside the list');
});

test('engine/ never imports server/ or client/; server/ imports only I/O-free engine modules; client/ only shared/', () => {
  const problems: string[] = [];
  for (const e of edges) {
    const from = unitOf(e.from);
    const to = unitOf(e.to);
    if (e.from.startsWith('engine/') && (to === 'server' || to === 'client')) {
      problems.push(`${at(e)}: engine/ never imports ${to}/. Wire it in bin/ (the top-level composition root).`);
    } else if (from === 'server') {
      if (to === 'client') problems.push(`${at(e)}: server/ never imports client/.`);
      else if (to.startsWith('engine/') && !IO_FREE.includes(to)) problems.push(`${at(e)}: server/ may import only the I/O-free engine modules (${IO_FREE.join(', ')}); ${to} can load a driver or touch files.`);
    } else if (from === 'client') {
      if (to === 'server') problems.push(`${at(e)}: client/ starts the server as a process; it never imports server/.`);
      else if (to.startsWith('engine/') && !CLIENT_ENGINE_ALLOWED[e.to]) problems.push(`${at(e)}: client/ reaches the engine through shared/protocol only. Put the type in shared/protocol, or (I/O-free, with a reason) in CLIENT_ENGINE_ALLOWED.`);
    } else if (from === 'shared' && to.startsWith('engine/') && !SHARED_ENGINE_ALLOWED.includes(e.to)) {
      problems.push(`${at(e)}: shared/ may import only ${SHARED_ENGINE_ALLOWED.join(', ')} from the engine (the types its messages carry).`);
    }
  }
  report(problems, 'boundary violations');
});

test(`no non-test file is over ${MAX_LINES} lines (allow-list with a reason per entry)`, () => {
  const problems: string[] = [];
  for (const f of files) {
    const lines = readFileSync(join(ROOT, f), 'utf8').split('\n').length - 1;
    if (lines > MAX_LINES && !LONG_FILES[f]) problems.push(`${f}: ${lines} lines. Split it by what it holds (one concept per file), or add it to LONG_FILES with a reason.`);
  }
  for (const f of Object.keys(LONG_FILES)) if (!files.includes(f)) problems.push(`${f}: in LONG_FILES but no longer exists; remove the entry.`);
  report(problems, 'long files');
});

test('every non-test file opens with a header comment', () => {
  const problems = files.filter((f) => {
    const first = readFileSync(join(ROOT, f), 'utf8').replace(/^#!.*\n/, '').trimStart();
    return !(first.startsWith('/*') || first.startsWith('//'));
  });
  report(problems.map((f) => `${f}: start it with a comment saying what the file holds.`), 'files without a header comment');
});
