/**
 * The node arguments that run this checkout's `asp` (package.json "bin"): the compiled file
 * when tests run from out/, else its TypeScript source through tsx. tsx is named by its
 * resolved file, so the command works from any working directory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './root';

export function aspNodeArgs(): string[] {
  const bin = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { asp: string } }).bin.asp;
  if (__dirname.includes('/out/')) return [join(ROOT, bin)];
  return ['--import', pathToFileURL(require.resolve('tsx')).href, join(ROOT, bin.replace(/^out\//, '').replace(/\.js$/, '.ts'))];
}
