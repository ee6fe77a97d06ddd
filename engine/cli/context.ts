/** What CLI commands share: reading pipeline files, finding the connection registry, printing diagnostics. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/errors';
import { loadConnectionRegistryFile, type LoadedRegistry } from '../connectors/catalog/registry';

export function readPipelineFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}

/** --connections PATH, else the nearest asp.connections.json from the file's folder upwards. */
export function findConnectionsFile(explicit: string | undefined, near: string | undefined): string | undefined {
  if (explicit) {
    if (!existsSync(explicit)) throw new UsageError(`cannot read connection registry ${explicit}: no such file`);
    return explicit;
  }
  let dir = resolve(near ? dirname(near) : '.');
  for (;;) {
    const f = join(dir, 'asp.connections.json');
    if (existsSync(f)) return f;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function loadRegistry(explicit: string | undefined, near: string | undefined): LoadedRegistry {
  const file = findConnectionsFile(explicit, near);
  try {
    return loadConnectionRegistryFile(file);
  } catch (e) {
    throw new UsageError(`cannot read connection registry ${file}: ${(e as Error).message}`);
  }
}

export function formatDiagnostic(file: string, d: { line: number; col: number; severity: string; code: string; message: string }): string {
  return `${file}:${d.line}:${d.col} ${d.severity} ${d.code} ${d.message}`;
}
