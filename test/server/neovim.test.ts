// A second editor, proven: Neovim's built-in LSP client (Debian's neovim, headless) with the
// config from docs/editors.md (test/neovim/init.lua) starts `asp lsp --stdio` from PATH and
// gets diagnostics, completion and hover on an .asp.json file. test/neovim/check.lua waits on
// conditions and writes what Neovim received to a JSON file asserted here.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT } from '../helpers/root';
import { aspNodeArgs } from '../helpers/aspBin';

const base = mkdtempSync(join(tmpdir(), 'asp-nvim-'));
after(() => rmSync(base, { recursive: true, force: true }));

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const haveNvim = nvim.status === 0;

/** A folder holding an `asp` that runs this checkout's CLI, to put first on PATH. */
function aspOnPath(): string {
  const dir = mkdtempSync(join(base, 'bin-'));
  const quoted = [process.execPath, ...aspNodeArgs()].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  writeFileSync(join(dir, 'asp'), `#!/bin/sh\nexec ${quoted} "$@"\n`);
  chmodSync(join(dir, 'asp'), 0o755);
  return dir;
}

const PIPELINE = [
  '[',
  '  { "$source": { "connectionName": "kafkaLocal", "topic": "readings" } },',
  '  { "$mtch": { "obs.watts": { "$gt": 100 } } },',
  '  { "$addFields": { "kw": { "$divide": ["$obs.watts", 1000] } } },',
  '  {  }',
  ']',
  '',
].join('\n');

interface NvimResult {
  error?: string;
  attached?: boolean;
  client?: string;
  diagnostics?: { line: number; col: number; severity: number; code: string; message: string }[];
  completion?: string[];
  hover?: string;
}

test('neovim: the built-in LSP client with docs/editors.md config gets diagnostics, completion and hover', { skip: !haveNvim && !process.env['CI'] ? 'nvim is not installed (apt-get install neovim); .ci/run installs it and CI runs this test' : false }, async () => {
  assert.ok(haveNvim, 'nvim must be installed in CI (.ci/run installs Debian\'s neovim)');
  const ws = mkdtempSync(join(base, 'ws-'));
  writeFileSync(join(ws, 'asp.connections.json'), JSON.stringify({ connections: [{ name: 'kafkaLocal', type: 'Kafka', bootstrapServers: '127.0.0.1:9092' }] }));
  writeFileSync(join(ws, 'pipeline.asp.json'), PIPELINE);
  const outFile = join(ws, 'result.json');
  const positions = { completion: { line: 4, character: 4 }, hover: { line: 3, character: 6 } };
  const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(ROOT, 'test/neovim/init.lua'), 'pipeline.asp.json', '-c', `luafile ${join(ROOT, 'test/neovim/check.lua')}`], {
    cwd: ws,
    env: { ...process.env, PATH: `${aspOnPath()}:${process.env['PATH'] ?? ''}`, ASP_NVIM_OUT: outFile, ASP_NVIM_POSITIONS: JSON.stringify(positions), XDG_STATE_HOME: ws, XDG_DATA_HOME: ws, XDG_CONFIG_HOME: ws },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  // A guard against a hung editor, not a time budget: check.lua ends by itself once its conditions hold.
  const guard = setTimeout(() => child.kill('SIGKILL'), 240_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(guard);
  assert.equal(code, 0, `nvim exited ${code}: ${stderr}`);
  const r = JSON.parse(readFileSync(outFile, 'utf8')) as NvimResult;
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.client, 'asp');

  const diags = r.diagnostics ?? [];
  const unknown = diags.find((d) => d.code === 'ASP204');
  assert.ok(unknown, `ASP204 for $mtch in ${JSON.stringify(diags)}`);
  assert.deepEqual([unknown.line, unknown.col, unknown.severity], [2, 4, 1], 'on "$mtch", as an Error');
  assert.match(unknown.message, /Unsupported stage: \$mtch.*Did you mean '?\$match'?/);
  const hint = diags.find((d) => d.code === 'ASP206');
  assert.equal(hint?.severity, 3, 'no sink on a bare preview is an Information hint');

  const labels = r.completion ?? [];
  for (const want of ['$match', '$merge', '$emit', '$tumblingWindow']) assert.ok(labels.includes(want), `${want} in completion: ${labels.join(', ')}`);
  assert.ok(!labels.includes('$source'), '$source is offered only first');

  assert.match(r.hover ?? '', /\$addFields/);
  assert.match(r.hover ?? '', /Adds new fields or overwrites existing ones/);
});

test('neovim: docs/editors.md holds the exact init.lua that CI runs', () => {
  const doc = readFileSync(join(ROOT, 'docs/editors.md'), 'utf8');
  const init = readFileSync(join(ROOT, 'test/neovim/init.lua'), 'utf8');
  assert.ok(doc.includes('```lua\n' + init + '```'), 'docs/editors.md must contain test/neovim/init.lua verbatim in a ```lua block');
});
