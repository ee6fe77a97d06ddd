/**
 * The connection registry: asp.connections.json (Admin API `StreamsConnection` shapes, asp-spec
 * §9) plus the built-ins every workspace has. Each entry is checked against its kind's field
 * table (./check.ts); a registry exported from Atlas loads whole, read-only fields included.
 * Secrets never live in the file: values may be `${env:NAME}` references, resolved at connect
 * time (engine/connections/env.ts).
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic, JsonPath, LocatedDiagnostic, Value } from '../../core/types';
import { isPlainObject } from '../../bson/types';
import { lineCol, lineStartsOf, locate, parseJsonText } from '../../json/tree';
import type { Connection, ConnectionRegistry } from '../../connections/types';
import { BUILTIN_CONNECTIONS, FILE_TYPES, kindOf, NAME_RE } from './index';
import { checkEntry } from './check';

export { BUILTIN_CONNECTIONS };

class MapRegistry implements ConnectionRegistry {
  private readonly byName = new Map<string, Connection>();
  constructor(conns: Iterable<Connection>, readonly source?: string) {
    for (const c of BUILTIN_CONNECTIONS) this.byName.set(c.name, c);
    for (const c of conns) this.byName.set(c.name, c);
  }
  get(name: string): Connection | undefined {
    return this.byName.get(name);
  }
  list(): Connection[] {
    return [...this.byName.values()];
  }
}

/** A registry with only the built-ins (the embedded default). */
export function builtinRegistry(extra: Connection[] = []): ConnectionRegistry {
  return new MapRegistry(extra);
}

export interface LoadedRegistry {
  registry: ConnectionRegistry;
  diagnostics: LocatedDiagnostic[];
}

/**
 * Parse registry text. Accepts `{ "connections": [...] }` or a bare array of connections.
 * Bad entries are reported and left out; good ones are kept.
 */
export function loadConnectionRegistryText(text: string, file?: string): LoadedRegistry {
  const parsed = parseJsonText(text);
  const diags: Diagnostic[] = [];
  const conns: Connection[] = [];
  let list: Value = parsed.value;
  let base: JsonPath = [];
  if (isPlainObject(list)) {
    list = list['connections'];
    base = ['connections'];
  }
  if (parsed.tree && !Array.isArray(list)) {
    diags.push({ code: 'ASP501', message: 'The connection registry must be an array of connections or { "connections": [...] }', severity: 'error', path: [] });
  } else if (Array.isArray(list)) {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      const conn = checkConnection(c, [...base, i], diags);
      if (!conn) return;
      if (seen.has(conn.name)) {
        diags.push({ code: 'ASP505', message: `Duplicate connection name '${conn.name}'`, severity: 'error', path: [...base, i, 'name'] });
        return;
      }
      seen.add(conn.name);
      conns.push(conn);
    });
  }
  const starts = lineStartsOf(text);
  const located = parsed.syntax.map((d, i) => ({ ...d, ...parsed.syntaxRanges[i]!, ...lineCol(starts, parsed.syntaxRanges[i]!.offset) }));
  for (const d of diags) located.push(locate(parsed.tree, text, d, starts));
  return { registry: new MapRegistry(conns, file), diagnostics: located };
}

/** One entry: name and type first (they decide everything else), then its kind's table. */
export function checkConnection(c: Value, path: JsonPath, diags: Diagnostic[]): Connection | undefined {
  if (!isPlainObject(c)) {
    diags.push({ code: 'ASP502', message: 'A connection must be an object with "name" and "type"', severity: 'error', path });
    return undefined;
  }
  const name = c['name'];
  const type = c['type'];
  let ok = true;
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    diags.push({ code: 'ASP502', message: 'Connection "name" must be a non-empty string of letters, digits, ".", "-", "*" or "_"', severity: 'error', path: [...path, 'name'] });
    ok = false;
  }
  const kind = typeof type === 'string' ? kindOf(type) : undefined;
  if (!kind || kind.inFile === false) {
    const builtIn = kind ? `: ${type} connections are built in (${(kind.builtins ?? []).map((b) => b.name).join(', ')})` : '';
    diags.push({ code: 'ASP503', message: `Connection "type" must be one of ${FILE_TYPES.join(', ')}${builtIn}`, severity: 'error', path: [...path, 'type'], data: { allowed: FILE_TYPES } });
    return undefined;
  }
  const checked = checkEntry(c, kind, path, diags);
  return ok && checked ? (checked as unknown as Connection) : undefined;
}

/** Load a registry file; a missing file gives the built-ins only. Throws on an unreadable file. */
export function loadConnectionRegistryFile(file: string | undefined): LoadedRegistry {
  if (!file) return { registry: builtinRegistry(), diagnostics: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { registry: new MapRegistry([], file), diagnostics: [] };
    throw e;
  }
  return loadConnectionRegistryText(text, file);
}
