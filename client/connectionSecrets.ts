/**
 * How the secret fields of a connection (the ones its kind's field table marks `secret`) leave
 * the registry file, and how they come back for the local instance. The file keeps a
 * `${env:NAME}` reference in their place, so the CLI can run the same registry with
 * environment variables; the editor keeps the value in SecretStorage. Pure: no VS Code import.
 */
import type { Connection } from '../engine/connections/types';
import { isEnvRef, kindOf, secretFields, uriHasPassword, type SecretField } from '../engine/connectors/catalog/index';
import { getPath, setPath } from './objectPath';

export { isEnvRef };

/** The secret fields of a connection type, from its kind's table. */
export function secretFieldsOf(type: string): SecretField[] {
  const kind = kindOf(type);
  return kind ? secretFields(kind) : [];
}

/** The environment variable the file refers to: ASP_<NAME>_<FIELD>, upper snake case. */
export function envNameFor(connection: string, field: string): string {
  const last = field.split('.').pop() ?? field;
  return `ASP_${connection}_${last}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** A `userinfo` field (a Cluster uri) is secret only when it carries a password. */
function isSecretValue(field: SecretField, value: unknown): value is string {
  if (typeof value !== 'string' || value === '' || isEnvRef(value)) return false;
  return field.secret === 'userinfo' ? uriHasPassword(value) : true;
}

/** Splits an entry into what goes in the file and the secrets (field path -> value). */
export function splitSecrets(entry: Connection): { file: Connection; secrets: Record<string, string> } {
  const file = structuredClone(entry) as unknown as Record<string, unknown>;
  const secrets: Record<string, string> = {};
  for (const field of secretFieldsOf(entry.type)) {
    const v = getPath(file, field.path);
    if (isSecretValue(field, v)) {
      secrets[field.path] = v;
      setPath(file, field.path, `\${env:${envNameFor(entry.name, field.path)}}`);
    }
  }
  return { file: file as unknown as Connection, secrets };
}

/** Puts stored secrets back in place of their `${env:...}` references. */
export function mergeSecrets(entry: Connection, secrets: Record<string, string | undefined>): Connection {
  const out = structuredClone(entry) as unknown as Record<string, unknown>;
  for (const { path } of secretFieldsOf(entry.type)) {
    const secret = secrets[path];
    if (secret !== undefined && isEnvRef(getPath(out, path))) setPath(out, path, secret);
  }
  return out as unknown as Connection;
}

/** The SecretStorage key of one secret field. */
export function secretKey(connection: string, field: string): string {
  return `asp.connection/${connection}/${field}`;
}
