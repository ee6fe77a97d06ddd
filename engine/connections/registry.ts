/**
 * The connection registry: asp.connections.json (Atlas registry shapes, asp-spec §9) plus the
 * built-ins every workspace has: `sample_stream_solar`, the embedded `local` store and `__testLog`.
 * Secrets never live in the file: values may be `${env:NAME}` references, resolved at connect time.
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic, JsonPath, LocatedDiagnostic, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { lineCol, lineStartsOf, locate, parseJsonText } from '../json/tree';
import type { Connection, ConnectionRegistry, ConnectionType } from './types';

export const BUILTIN_CONNECTIONS: readonly Connection[] = [
  { name: 'sample_stream_solar', type: 'Sample' },
  { name: 'local', type: 'Local' },
  { name: '__testLog', type: 'TestLog' },
];

const FILE_TYPES: ConnectionType[] = ['Kafka', 'Cluster', 'Sample', 'Https'];
const NAME_RE = /^[A-Za-z0-9._*-]+$/;

const FIELDS: Record<string, string[]> = {
  Kafka: ['name', 'type', 'bootstrapServers', 'security', 'authentication', 'config', 'networking'],
  Cluster: ['name', 'type', 'uri', 'clusterName', 'clusterProjectId', 'dbRoleToExecute'],
  Sample: ['name', 'type'],
  Https: ['name', 'type', 'url', 'headers'],
};

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

function checkConnection(c: Value, path: JsonPath, diags: Diagnostic[]): Connection | undefined {
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
  if (typeof type !== 'string' || !FILE_TYPES.includes(type as ConnectionType)) {
    diags.push({ code: 'ASP503', message: `Connection "type" must be one of ${FILE_TYPES.join(', ')}`, severity: 'error', path: [...path, 'type'], data: { allowed: FILE_TYPES } });
    return undefined;
  }
  for (const k of Object.keys(c)) {
    if (!FIELDS[type]!.includes(k)) {
      diags.push({ code: 'ASP504', message: `Unknown field '${k}' for a ${type} connection`, severity: 'warning', path: [...path, k], target: 'key' });
    }
  }
  const need = (field: string): void => {
    if (typeof c[field] !== 'string' || (c[field] as string).length === 0) {
      diags.push({ code: 'ASP502', message: `A ${type} connection needs a "${field}" string`, severity: 'error', path: [...path, field] });
      ok = false;
    }
  };
  if (type === 'Kafka') need('bootstrapServers');
  if (type === 'Https') need('url');
  if (type === 'Cluster' && c['uri'] === undefined && c['clusterName'] === undefined) {
    diags.push({ code: 'ASP502', message: 'A Cluster connection needs a local "uri" (mongodb://...) to run on this machine', severity: 'warning', path });
  }
  checkSecrets(c, path, diags);
  return ok ? (c as unknown as Connection) : undefined;
}

const SECRET_KEYS = new Set(['password', 'clientSecret', 'brokerPublicCertificate']);

/** Secrets must be `${env:NAME}` references, never literal values in a file. */
function checkSecrets(v: Value, path: JsonPath, diags: Diagnostic[]): void {
  if (!isPlainObject(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (SECRET_KEYS.has(k) && typeof x === 'string' && !/^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/.test(x)) {
      diags.push({ code: 'ASP506', message: `Do not store secrets in the registry file: use "\${env:NAME}" for '${k}'`, severity: 'error', path: [...path, k] });
    } else if (typeof x === 'string' && k === 'uri' && /:\/\/[^/@]*:[^/@$]+@/.test(x)) {
      diags.push({ code: 'ASP506', message: 'The uri contains a password: use "${env:NAME}" for it', severity: 'error', path: [...path, k] });
    } else {
      checkSecrets(x, [...path, k], diags);
    }
  }
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

/** Replace `${env:NAME}` references; a missing variable is an error naming it. */
export function resolveEnv(s: string, env: NodeJS.ProcessEnv = process.env): string {
  return s.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined) throw new Error(`environment variable ${name} is not set (referenced as \${env:${name}})`);
    return v;
  });
}
