/** The repository root, whether tests run from test/ (tsx) or out/test/ (compiled). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(): string {
  let d = __dirname;
  while (!existsSync(join(d, 'package.json')) || d.endsWith('/out')) {
    const up = dirname(d);
    if (up === d) throw new Error('repository root not found');
    d = up;
  }
  return d;
}

export const ROOT = findRoot();
