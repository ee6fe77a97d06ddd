/**
 * The front door's settings: `--wire [HOST:]PORT` (default host 127.0.0.1), SCRAM credentials as
 * `${env:NAME}` references, optional TLS certificate and key files. Binding anything but loopback
 * requires credentials; credentials given on loopback turn auth on there too. Resolving checks all
 * of it before the instance listens, with errors that name the flag (never a secret's value).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { resolveEnv } from '../connections/env';
import { deriveCredential, type ScramCredential } from './scram';

export interface WireOptions {
  host: string;
  port: number;
  /** A user name or an `${env:NAME}` reference. */
  user?: string;
  /** Always an `${env:NAME}` reference: a password on the command line would show in `ps`. */
  password?: string;
  tlsCert?: string;
  tlsKey?: string;
}

export interface ResolvedWire {
  host: string;
  port: number;
  credential?: ScramCredential;
  /** Literal secret values, for redaction of replies and log lines. */
  secrets: string[];
  tls?: { cert: Buffer; key: Buffer };
}

const ENV_REF = /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/;

/** `[HOST:]PORT`, `[::1]:PORT`. */
export function parseWireAddress(s: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]:|([^:[\]]+):)?(\d{1,5})$/.exec(s.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new Error(`--wire expects [HOST:]PORT (e.g. 27017 or 127.0.0.1:27017), got '${s}'`);
  return { host: m[1] ?? m[2] ?? '127.0.0.1', port };
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/** Apply one `--wire*` flag; false when the flag is not a wire flag. */
export function applyWireFlag(cur: WireOptions | undefined, flag: string, value: () => string): { handled: boolean; wire: WireOptions | undefined } {
  const w: WireOptions = cur ?? { host: '127.0.0.1', port: -1 };
  switch (flag) {
    case '--wire':
      return { handled: true, wire: { ...w, ...parseWireAddress(value()) } };
    case '--wire-user':
      return { handled: true, wire: { ...w, user: value() } };
    case '--wire-password':
      return { handled: true, wire: { ...w, password: value() } };
    case '--wire-tls-cert':
      return { handled: true, wire: { ...w, tlsCert: value() } };
    case '--wire-tls-key':
      return { handled: true, wire: { ...w, tlsKey: value() } };
    default:
      return { handled: false, wire: cur };
  }
}

export function resolveWireOptions(o: WireOptions, env: NodeJS.ProcessEnv = process.env): ResolvedWire {
  if (o.port < 0) throw new Error('--wire-user, --wire-password and --wire-tls-* need --wire [HOST:]PORT');
  const out: ResolvedWire = { host: o.host, port: o.port, secrets: [] };
  if ((o.user === undefined) !== (o.password === undefined)) throw new Error('--wire-user and --wire-password go together');
  if (o.password !== undefined) {
    if (!ENV_REF.test(o.password)) throw new Error('--wire-password must be an ${env:NAME} reference, never the password itself');
    const password = resolveEnv(o.password, env);
    const user = resolveEnv(o.user!, env);
    if (!user || !password) throw new Error('--wire-user and --wire-password must not be empty');
    out.credential = deriveCredential(user, password);
    out.secrets.push(password);
  } else if (!isLoopback(o.host)) {
    throw new Error(`--wire ${o.host}:${o.port} listens beyond this machine: it requires SCRAM-SHA-256 credentials (--wire-user NAME --wire-password \${env:NAME})`);
  }
  if ((o.tlsCert === undefined) !== (o.tlsKey === undefined)) throw new Error('--wire-tls-cert and --wire-tls-key go together');
  if (o.tlsCert && o.tlsKey) {
    const read = (flag: string, file: string): Buffer => {
      try {
        return fs.readFileSync(file);
      } catch (e) {
        throw new Error(`${flag} ${file}: ${(e as NodeJS.ErrnoException).code ?? 'cannot be read'}`);
      }
    };
    out.tls = { cert: read('--wire-tls-cert', o.tlsCert), key: read('--wire-tls-key', o.tlsKey) };
  }
  return out;
}
