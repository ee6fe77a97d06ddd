/**
 * `asp serve` + `asp start` with every checkpoint file of a processor corrupted: start exits
 * non-zero naming the files, `asp list` shows FAILED, and `asp start --no-resume` starts it
 * again from its configured start and says so in `asp stats`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aspNodeArgs } from '../../helpers/aspBin';
import { ROOT } from '../../helpers/root';

const CLI = aspNodeArgs();

function asp(stateDir: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args, '--state-dir', stateDir], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function json<T>(r: { code: number | null; out: string; err: string }): T {
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as T;
}

async function until(what: string, f: () => boolean): Promise<void> {
  const end = Date.now() + 120_000;
  while (!f()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Stats = { stats: Record<string, unknown> & { inputMessageCount: number; processorId: string } };
type List = { streamProcessors: { name: string; state: string; errorMsg?: string }[] };

test('asp start with every checkpoint file corrupted fails naming the files; --no-resume starts fresh', { timeout: 300_000 }, async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'asp-cli-corrupt-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const stateDir = join(base, 'state');
  const serve = spawn(process.execPath, [...CLI, 'serve', '--state-dir', stateDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let serveErr = '';
  serve.stderr!.on('data', (b: Buffer) => (serveErr += b.toString()));
  const exited = new Promise<number | null>((r) => serve.once('exit', (code) => r(code)));
  t.after(async () => {
    if (serve.exitCode === null && serve.signalCode === null) serve.kill('SIGKILL');
    await exited;
  });
  await until('asp serve to listen', () => {
    if (serve.exitCode !== null) throw new Error(`asp serve exited with ${serve.exitCode}: ${serveErr}`);
    return serveErr.includes('local instance on');
  });

  const file = join(base, 'p.asp.json');
  writeFileSync(file, JSON.stringify({
    name: 'p',
    pipeline: [
      { $source: { documents: Array.from({ length: 50 }, (_, i) => ({ _id: i })) } },
      { $merge: { into: { connectionName: 'local', db: 't', coll: 'out' } } },
    ],
  }));
  json(asp(stateDir, ['create', 'p', file]));
  json(asp(stateDir, ['start', 'p']));
  await until('all input read', () => json<Stats>(asp(stateDir, ['stats', 'p'])).stats.inputMessageCount === 50);
  json(asp(stateDir, ['stop', 'p']));

  const ckDir = join(stateDir, 'checkpoints', json<Stats>(asp(stateDir, ['stats', 'p'])).stats.processorId);
  const files = readdirSync(ckDir).filter((f) => f.endsWith('.bin')).map((f) => join(ckDir, f));
  assert.ok(files.length >= 2, `checkpoint files: ${files.join()}`);
  for (const f of files) {
    const buf = readFileSync(f);
    buf[buf.length - 2] ^= 0xff;
    writeFileSync(f, buf);
  }

  const refused = asp(stateDir, ['start', 'p']);
  assert.notEqual(refused.code, 0, refused.out);
  for (const f of files) assert.ok(refused.err.includes(f), `the message names ${f}: ${refused.err}`);
  assert.match(refused.err, /checksum mismatch/);
  assert.match(refused.err, /--no-resume/);
  const failed = json<List>(asp(stateDir, ['list'])).streamProcessors.find((p) => p.name === 'p')!;
  assert.equal(failed.state, 'FAILED');
  assert.ok(failed.errorMsg?.includes(files[0]!), failed.errorMsg);

  json(asp(stateDir, ['start', 'p', '--no-resume']));
  assert.equal(json<List>(asp(stateDir, ['list'])).streamProcessors.find((p) => p.name === 'p')!.state, 'STARTED');
  const stats = json<Stats>(asp(stateDir, ['stats', 'p'])).stats;
  assert.deepEqual(stats['checkpointRestore'], { checkpointId: null, reason: 'resumeFromCheckpoint: false' });
  json(asp(stateDir, ['stop', 'p']));
  serve.kill('SIGTERM');
  assert.equal(await exited, 0);
});
