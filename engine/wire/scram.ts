/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) with node:crypto: the stored
 * credential (salt, iteration count, StoredKey, ServerKey; the password itself is not kept) and
 * one conversation, client-first → server-first → client-final → server-final. A proof that does
 * not verify and an unknown user fail alike, so the reply does not tell which names exist.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { saslprep } from './saslprep';

/** MongoDB's default scramSHA256IterationCount; drivers refuse fewer than 4096. */
export const ITERATIONS = 15_000;

export interface ScramCredential {
  user: string;
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (key: Buffer, text: string | Buffer): Buffer => createHmac('sha256', key).update(text).digest();
const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest();

export function deriveCredential(user: string, password: string, salt = randomBytes(28), iterations = ITERATIONS): ScramCredential {
  const salted = pbkdf2Sync(saslprep(password), salt, iterations, 32, 'sha256');
  return { user, salt, iterations, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

/** A failed step; the caller answers AuthenticationFailed with this text. */
export class ScramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScramError';
  }
}

/** `a=b,c=d` attributes of a SCRAM message, in order. */
function attributes(msg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of msg.split(',')) {
    const eq = part.indexOf('=');
    if (eq !== 1) throw new ScramError(`malformed SCRAM attribute '${part.slice(0, 16)}'`);
    out.set(part[0]!, part.slice(2));
  }
  return out;
}

/** RFC 5802 saslname: "=2C" is ',' and "=3D" is '='; any other '=' is malformed. */
function decodeName(n: string): string {
  if (/=(?!2C|3D)/.test(n)) throw new ScramError('malformed SCRAM username');
  return n.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

export type ScramStep = { payload: Buffer; done: false } | { payload: Buffer; done: true; user: string };

/**
 * One authentication attempt. `lookup` returns the credential of a user, or undefined; an unknown
 * user gets a decoy salt derived from `decoyKey`, so the first reply looks like a known user's.
 */
export class ScramConversation {
  private state: 'start' | 'final' | 'done' = 'start';
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private cred: ScramCredential | undefined;
  private user = '';

  constructor(private readonly lookup: (user: string) => ScramCredential | undefined, private readonly decoyKey: Buffer, private readonly serverNonce = (): string => randomBytes(24).toString('base64')) {}

  step(input: Buffer): ScramStep {
    const text = input.toString('utf8');
    if (this.state === 'start') return this.first(text);
    if (this.state === 'final') return this.final(text);
    throw new ScramError('the SCRAM conversation is already complete');
  }

  private first(text: string): ScramStep {
    // gs2-header: no channel binding ("n"), no authzid.
    const m = /^([nyp](?:=[^,]*)?),([^,]*),(.*)$/s.exec(text);
    if (!m) throw new ScramError('malformed SCRAM client-first message');
    if (m[1]!.startsWith('p')) throw new ScramError('SCRAM channel binding is not supported');
    if (m[2]) throw new ScramError('SCRAM authorization identities are not supported');
    this.clientFirstBare = m[3]!;
    const attrs = attributes(this.clientFirstBare);
    const n = attrs.get('n');
    const r = attrs.get('r');
    if (n === undefined || !r) throw new ScramError('SCRAM client-first message lacks a username or nonce');
    if (attrs.has('m')) throw new ScramError('SCRAM extensions are not supported');
    this.user = decodeName(n);
    this.cred = this.lookup(this.user);
    const salt = this.cred?.salt ?? hmac(this.decoyKey, `salt:${this.user}`).subarray(0, 28);
    const iterations = this.cred?.iterations ?? ITERATIONS;
    this.nonce = r + this.serverNonce();
    this.serverFirst = `r=${this.nonce},s=${salt.toString('base64')},i=${iterations}`;
    this.state = 'final';
    return { payload: Buffer.from(this.serverFirst, 'utf8'), done: false };
  }

  private final(text: string): ScramStep {
    this.state = 'done';
    const pIdx = text.lastIndexOf(',p=');
    if (pIdx < 0) throw new ScramError('SCRAM client-final message lacks a proof');
    const withoutProof = text.slice(0, pIdx);
    const attrs = attributes(text);
    if (attrs.get('c') !== 'biws') throw new ScramError('SCRAM channel-binding data does not match the client-first message');
    if (attrs.get('r') !== this.nonce) throw new ScramError('SCRAM nonce does not match');
    const proof = Buffer.from(attrs.get('p') ?? '', 'base64');
    const cred = this.cred;
    if (!cred || proof.length !== 32) throw new ScramError('Authentication failed.');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(cred.storedKey, authMessage);
    const clientKey = Buffer.alloc(32);
    for (let i = 0; i < 32; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!;
    if (!timingSafeEqual(sha256(clientKey), cred.storedKey)) throw new ScramError('Authentication failed.');
    const serverSignature = hmac(cred.serverKey, authMessage).toString('base64');
    return { payload: Buffer.from(`v=${serverSignature}`, 'utf8'), done: true, user: this.user };
  }
}
