/** Where the test infrastructure lives, from source (tsx) or compiled (out/test/infra). */
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'test', 'infra', 'kafka', 'pom.xml'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the project root above ${__dirname}`);
    dir = up;
  }
}

export const ROOT = findRoot();
/** Recipes (poms, launcher source, logging config), checked in. */
export const RECIPES = path.join(ROOT, 'test', 'infra');
/** Git-ignored cache: jars, compiled launcher, data dirs, logs, servers.json. */
export const INFRA = process.env['ASP_INFRA_DIR'] ?? path.join(ROOT, '.infra');
export const SERVERS_JSON = path.join(INFRA, 'servers.json');
