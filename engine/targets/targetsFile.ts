/**
 * `asp.targets.json`: named places processors run, besides the built-in `local` instance. Each
 * names an Atlas Stream Processing workspace (or another instance's wire front door) by
 * connection string; credentials appear only as `${env:NAME}` references, so the file can be
 * committed. The environment picks the editor's colour (a production target stands out).
 *
 *   {"targets": [{"name": "prod", "connectionString": "mongodb://atlas-stream-….a.query.mongodb.net/",
 *                 "environment": "production", "username": "${env:ASP_PROD_USER}", "password": "${env:ASP_PROD_PASSWORD}"}]}
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsonText } from '../json/tree';
import { resolveEnv } from '../connections/env';

export const ENVIRONMENTS = ['local', 'development', 'test', 'staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface TargetSpec {
  name: string;
  /** mongodb:// or mongodb+srv://, without a password. */
  connectionString: string;
  environment: Environment;
  /** A user name or an `${env:NAME}` reference. */
  username?: string;
  /** Always an `${env:NAME}` reference. */
  password?: string;
}

/** The built-in target: the local instance of the state directory, over JSON-RPC. */
export const LOCAL_TARGET = 'local';

export interface TargetsFile {
  file?: string;
  targets: TargetSpec[];
  /** One line per problem, naming the file and the entry; entries with problems are left out. */
  errors: string[];
}

const ENV_REF = /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/;
const NAME_RE = /^[A-Za-z0-9._-]+$/;
const KEYS = ['name', 'connectionString', 'environment', 'username', 'password', 'description'];

export function parseTargetsText(text: string, file = 'asp.targets.json'): TargetsFile {
  const out: TargetsFile = { file, targets: [], errors: [] };
  const parsed = parseJsonText(text);
  if (parsed.syntax.length || !parsed.tree) {
    out.errors.push(`${file}: ${parsed.syntax[0]?.message ?? 'empty file'}`);
    return out;
  }
  const root = parsed.value as Record<string, unknown> | null;
  const list = root && typeof root === 'object' && !Array.isArray(root) ? root['targets'] : undefined;
  if (!Array.isArray(list)) {
    out.errors.push(`${file}: expected {"targets": [...]}`);
    return out;
  }
  list.forEach((e, i) => {
    const where = `${file}: targets[${i}]`;
    const fail = (m: string): void => void out.errors.push(`${where}: ${m}`);
    if (!e || typeof e !== 'object' || Array.isArray(e)) return fail('must be an object {name, connectionString, environment, username, password}');
    const t = e as Record<string, unknown>;
    for (const k of Object.keys(t)) if (!KEYS.includes(k)) return fail(`unknown field '${k}' (expected ${KEYS.join(', ')})`);
    const name = t['name'];
    if (typeof name !== 'string' || !NAME_RE.test(name)) return fail('"name" must be letters, digits, ".", "_" or "-"');
    if (name === LOCAL_TARGET) return fail(`"${LOCAL_TARGET}" is the built-in local instance; give this target another name`);
    if (out.targets.some((x) => x.name === name)) return fail(`a second target named "${name}"`);
    const uri = t['connectionString'];
    if (typeof uri !== 'string' || !/^mongodb(\+srv)?:\/\/[^/]+/.test(uri)) return fail(`"connectionString" must be a mongodb:// or mongodb+srv:// URI`);
    if (/^mongodb(\+srv)?:\/\/[^/@]*:[^/@]*@/.test(uri)) return fail('"connectionString" carries a password: put it in "password" as an ${env:NAME} reference');
    const env = t['environment'] ?? 'development';
    if (typeof env !== 'string' || !(ENVIRONMENTS as readonly string[]).includes(env)) return fail(`"environment" must be one of ${ENVIRONMENTS.join(', ')}`);
    const spec: TargetSpec = { name, connectionString: uri, environment: env as Environment };
    const user = t['username'];
    const password = t['password'];
    if (user !== undefined) {
      if (typeof user !== 'string' || user === '') return fail('"username" must be a name or an ${env:NAME} reference');
      spec.username = user;
    }
    if (password !== undefined) {
      if (typeof password !== 'string' || !ENV_REF.test(password)) return fail('"password" must be an ${env:NAME} reference, never the password itself');
      spec.password = password;
    }
    if ((spec.username === undefined) !== (spec.password === undefined)) return fail('"username" and "password" go together');
    out.targets.push(spec);
  });
  return out;
}

/** --targets PATH, else the nearest asp.targets.json from `near` (a file or folder) upwards. */
export function findTargetsFile(explicit: string | undefined, near: string): string | undefined {
  if (explicit) return explicit;
  let dir = path.resolve(near);
  if (fs.existsSync(dir) && fs.statSync(dir).isFile()) dir = path.dirname(dir);
  for (;;) {
    const f = path.join(dir, 'asp.targets.json');
    if (fs.existsSync(f)) return f;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function loadTargetsFile(file: string | undefined): TargetsFile {
  if (!file) return { targets: [], errors: [] };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { file, targets: [], errors: [`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  return parseTargetsText(text, file);
}

export interface Credentials {
  username: string;
  password: string;
}

/** The credentials of a target from the environment; an unset variable is an error naming it. */
export function credentialsFromEnv(t: TargetSpec, env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  if (t.username === undefined || t.password === undefined) return undefined;
  return { username: resolveEnv(t.username, env), password: resolveEnv(t.password, env) };
}
