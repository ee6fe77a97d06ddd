/** Small file helpers shared by the stores. */
import * as fs from 'node:fs';

/** The file's text, or undefined when it does not exist; other errors propagate. */
export function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
