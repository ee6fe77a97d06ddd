/**
 * MongoDB's shell for the wire tests: `npm ci` of test/infra/mongosh (mongosh pinned in its own
 * lockfile, so the project's dependencies stay as they are) into .infra/mongosh, once; later runs
 * find it by the lockfile's hash and install nothing. Install scripts are skipped: they only build
 * optional native add-ons (Kerberos, DNS) that the tests do not use.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INFRA, RECIPES } from './paths';

const RECIPE = path.join(RECIPES, 'mongosh');

export interface Mongosh {
  /** The mongosh entry script, run with this Node (`node BIN args`). */
  bin: string;
  version: string;
}

export function ensureMongosh(): Mongosh {
  const lock = fs.readFileSync(path.join(RECIPE, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex').slice(0, 16);
  const dir = path.join(INFRA, 'mongosh');
  const marker = path.join(dir, '.complete');
  const bin = path.join(dir, 'node_modules', 'mongosh', 'bin', 'mongosh.js');
  if (!(fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === hash && fs.existsSync(bin))) {
    // Install next to the final place, then swap it in: a half-finished install is never used.
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    fs.copyFileSync(path.join(RECIPE, 'package.json'), path.join(tmp, 'package.json'));
    fs.writeFileSync(path.join(tmp, 'package-lock.json'), lock);
    try {
      execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
    } catch (e) {
      const err = e as { stderr?: Buffer; message: string };
      fs.rmSync(tmp, { recursive: true, force: true });
      throw new Error(`installing mongosh (npm ci in ${RECIPE}) failed: ${err.stderr?.toString().trim() || err.message}`);
    }
    fs.writeFileSync(path.join(tmp, '.complete'), hash);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  }
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'mongosh', 'package.json'), 'utf8')) as { version: string }).version;
  return { bin, version };
}
