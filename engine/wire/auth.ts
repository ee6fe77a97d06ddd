/**
 * Authentication of one wire connection: saslStart / saslContinue (and the speculative saslStart
 * a driver puts in its hello) driving a SCRAM-SHA-256 conversation against the front door's one
 * credential. Until it succeeds, a connection of an instance that requires auth may run the
 * handshake only. Replies never say whether a user exists.
 */
import { randomBytes } from 'node:crypto';
import { Binary, type Document } from 'bson';
import { WireError } from './errors';
import { ScramConversation, ScramError, type ScramCredential } from './scram';
import { numberField, stringField } from './values';

export const MECHANISM = 'SCRAM-SHA-256';

export interface AuthConfig {
  credential: ScramCredential;
}

function payloadOf(cmd: Document, name: string): Buffer {
  const p = cmd['payload'];
  if (typeof p === 'string') return Buffer.from(p, 'utf8');
  if (p instanceof Binary) return Buffer.from(p.buffer);
  throw new WireError(`BSON field '${name}.payload' is missing or not binary data`, 'TypeMismatch');
}

const failed = (message = 'Authentication failed.'): WireError => new WireError(message, 'AuthenticationFailed');

export class ConnectionAuth {
  /** The authenticated user, once a conversation succeeded. */
  user: string | undefined;
  private readonly conversations = new Map<number, ScramConversation>();
  private nextId = 1;
  /** Per connection: the decoy salt for unknown users is stable within it, unpredictable across. */
  private readonly decoyKey = randomBytes(32);

  constructor(private readonly cfg: AuthConfig | undefined) {}

  /** May this connection run commands beyond the handshake? */
  get authorized(): boolean {
    return !this.cfg || this.user !== undefined;
  }

  saslStart(cmd: Document): Document {
    const mechanism = stringField('saslStart', cmd, 'mechanism');
    if (mechanism !== MECHANISM) throw new WireError(`Received authentication for mechanism ${mechanism} which is not enabled`, 'MechanismUnavailable');
    const cfg = this.cfg;
    if (!cfg) throw failed('Authentication is not enabled on this instance (start it with --wire-user and --wire-password)');
    const conv = new ScramConversation((u) => (u === cfg.credential.user ? cfg.credential : undefined), this.decoyKey);
    const id = this.nextId++;
    const step = this.run(conv, payloadOf(cmd, 'saslStart'));
    this.conversations.set(id, conv);
    return { conversationId: id, done: false, payload: new Binary(step.payload), ok: 1 };
  }

  saslContinue(cmd: Document): Document {
    const id = numberField('saslContinue', cmd, 'conversationId');
    const conv = id === undefined ? undefined : this.conversations.get(id);
    if (!conv || id === undefined) throw failed('No SASL session state found');
    this.conversations.delete(id);
    const step = this.run(conv, payloadOf(cmd, 'saslContinue'));
    if (step.done) this.user = step.user;
    return { conversationId: id, done: step.done, payload: new Binary(step.payload), ok: 1 };
  }

  /** hello's `speculativeAuthenticate`: the first SCRAM step inside the handshake, or nothing. */
  speculative(hello: Document): Document | undefined {
    const spec = hello['speculativeAuthenticate'] as Document | undefined;
    if (!this.cfg || !spec || typeof spec !== 'object' || spec['saslStart'] === undefined || spec['mechanism'] !== MECHANISM) return undefined;
    try {
      const r = this.saslStart(spec);
      delete r['ok'];
      return r;
    } catch {
      // A speculative attempt that fails is answered by omission; the driver then runs saslStart.
      return undefined;
    }
  }

  logout(): void {
    this.user = undefined;
    this.conversations.clear();
  }

  private run(conv: ScramConversation, payload: Buffer): ReturnType<ScramConversation['step']> {
    try {
      return conv.step(payload);
    } catch (e) {
      throw failed(e instanceof ScramError ? e.message : 'Authentication failed.');
    }
  }
}
