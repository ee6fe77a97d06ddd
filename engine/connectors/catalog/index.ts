/**
 * The connector catalog, read side: every ConnectionKind from kinds.ts (the one list) in display
 * order, and the facts derived from their field tables that the loader, the language server,
 * the Connections view, the form and the secret store share: which types a file may hold, the
 * built-in entries, the secret fields, the fields a listStreamConnections reply may show, and
 * whether the local engine can reach an entry. I/O-free: nothing here loads a driver.
 */
import type { Connection, ConnectionType } from '../../connections/types';
import type { Doc, Value } from '../../core/types';
import { isPlainObject } from '../../bson/types';
import type { ConnectionKind } from '../../parse/connectionKind';
import type { FieldSpec } from '../../parse/fieldSpec';
import { ENTRY_FIELDS } from './fields';

export { isEnvRef } from '../../connections/env';
export type { FieldSpec };
import * as kinds from './kinds';

/** Atlas's connection-name charset (fixed 2026-06-05). */
export const NAME_RE = /^[A-Za-z0-9._*-]+$/;

const rank = (k: ConnectionKind): number => (k.atlasOnly ? 2 : k.inFile === false ? 1 : 0);

// Every export of the list must be a ConnectionKind: this assignment is the compile-time check.
const listed: Record<string, ConnectionKind> = kinds;

/** Every kind: the ones the local engine runs first, then the built-in-only ones, then Atlas's. */
export const CONNECTION_KINDS: readonly ConnectionKind[] = Object.values(listed).sort((a, b) => rank(a) - rank(b) || a.type.localeCompare(b.type));

const byType = new Map<string, ConnectionKind>(CONNECTION_KINDS.map((k) => [k.type, k]));

export function kindOf(type: string | undefined): ConnectionKind | undefined {
  return type === undefined ? undefined : byType.get(type);
}

/** The types a registry file may declare (built-in-only types such as Local are not among them). */
export const FILE_TYPES: readonly ConnectionType[] = CONNECTION_KINDS.filter((k) => k.inFile !== false).map((k) => k.type);

/** The entries every workspace has: sample_stream_solar, local, __testLog. */
export const BUILTIN_CONNECTIONS: readonly Connection[] = CONNECTION_KINDS.flatMap((k) => k.builtins ?? []);

/** A kind's fields besides `name` and `type`, including the ones every Atlas entry carries. */
export function entryFields(kind: ConnectionKind): readonly FieldSpec[] {
  return [...kind.fields, ...ENTRY_FIELDS];
}

/** The field at a dotted path (`authentication.password`), aliases included. */
export function fieldAt(kind: ConnectionKind, path: readonly string[]): FieldSpec | undefined {
  let fields: readonly FieldSpec[] | undefined = entryFields(kind);
  let f: FieldSpec | undefined;
  for (const name of path) {
    f = fields?.find((x) => x.name === name || x.aliases?.includes(name));
    fields = f?.fields;
  }
  return f;
}

export interface SecretField {
  /** Dotted path, e.g. `authentication.password`. */
  path: string;
  /** `userinfo`: secret only when the URI carries a password. */
  secret: true | 'userinfo';
}

/** Every secret field of a kind, walked from its table. */
export function secretFields(kind: ConnectionKind): SecretField[] {
  const out: SecretField[] = [];
  const walk = (fields: readonly FieldSpec[], prefix: string): void => {
    for (const f of fields) {
      const path = prefix + f.name;
      if (f.secret) out.push({ path, secret: f.secret });
      if (f.fields) walk(f.fields, `${path}.`);
    }
  };
  walk(kind.fields, '');
  return out;
}

/** A URI with a literal password in its user info (`scheme://user:password@host`, not `${env:…}`). */
export function uriHasPassword(v: string): boolean {
  return /:\/\/[^/@:]*:[^/@$]+@/.test(v);
}

/**
 * The fields a listStreamConnections element may carry, as Atlas's reply does (clusterName,
 * bootstrapServers, url, region, ...): walked from the table, leaving out secrets, local-only
 * fields (a Cluster's uri) and the unlisted keys of free-form maps (headers may carry keys).
 */
export function publicFields(c: Connection): Doc {
  const kind = kindOf(c.type);
  if (!kind) return {};
  const pick = (v: Doc, fields: readonly FieldSpec[]): Doc => {
    const out: Doc = {};
    for (const f of fields) {
      const x: Value = v[f.name];
      if (x === undefined || f.secret || f.localOnly || f.name === 'links') continue;
      if (f.fields && isPlainObject(x)) {
        const inner = pick(x, f.fields);
        if (Object.keys(inner).length > 0) out[f.name] = inner;
      } else if (!f.fields) out[f.name] = x;
    }
    return out;
  };
  return pick(c as unknown as Doc, entryFields(kind));
}

/**
 * Why the local engine cannot reach `c` (an Atlas-only type, a Kafka mechanism only Atlas runs,
 * a Cluster without a local uri), or undefined when it can.
 */
export function unreachableReason(c: Connection): string | undefined {
  const kind = kindOf(c.type);
  if (!kind) return `connection type ${c.type} is not known to the local engine`;
  if (kind.atlasOnly) return `${c.type} connections run on Atlas only: the local engine cannot reach them`;
  return kind.unreachable?.(c);
}
