/**
 * The one client for every target in asp.targets.json: the `mongodb` driver's
 * `admin().command(...)` against a MongoDB wire endpoint, an Atlas Stream Processing workspace
 * or a local instance's `asp serve --wire`. Errors name the target and never carry a secret.
 */
import { MongoClient, MongoServerError, type Document, type MongoClientOptions } from 'mongodb';
import type { RequestType } from 'vscode-jsonrpc';
import { AspErrorCodes, type OkReply } from '../../shared/protocol';
import { TargetError, type TargetApi } from './api';
import { errorMessage } from '../core/errors';
import { fromReply, TO_COMMAND } from './commands';
import type { Credentials, TargetSpec } from './targetsFile';

/** Atlas's codes back to the protocol's (the inverse of engine/wire/errors.ts). */
const FROM_ATLAS: Record<number, number> = {
  415: AspErrorCodes.NotFound,
  416: AspErrorCodes.Exists,
  420: AspErrorCodes.InvalidOptions,
  20: AspErrorCodes.BadState,
  59: AspErrorCodes.NotFound,
  6: AspErrorCodes.External,
};

export interface WireTargetOptions {
  /** How long to look for the server before giving up (the driver's serverSelectionTimeoutMS). */
  timeoutMs?: number;
}

export class WireTarget implements TargetApi {
  private connected: Promise<MongoClient> | undefined;
  private readonly secrets: string[];

  constructor(
    readonly spec: TargetSpec,
    private readonly credentials: Credentials | undefined,
    private readonly opts: WireTargetOptions = {},
  ) {
    this.secrets = credentials ? [credentials.password] : [];
  }

  get name(): string {
    return this.spec.name;
  }

  private client(): Promise<MongoClient> {
    this.connected ??= (async () => {
      const o: MongoClientOptions = { serverSelectionTimeoutMS: this.opts.timeoutMs ?? 15_000, appName: 'asp-studio' };
      if (this.credentials) {
        o.auth = { username: this.credentials.username, password: this.credentials.password };
        o.authSource = 'admin';
      }
      const c = new MongoClient(this.spec.connectionString, o);
      try {
        await c.connect();
      } catch (e) {
        this.connected = undefined;
        await c.close().catch(() => undefined);
        throw this.error(e);
      }
      return c;
    })();
    return this.connected;
  }

  /** Send one Atlas command document to `admin`; the reply as relaxed Extended JSON. */
  async command(doc: Document): Promise<OkReply & Record<string, unknown>> {
    const c = await this.client();
    try {
      return fromReply(await c.db('admin').command(doc));
    } catch (e) {
      throw this.error(e);
    }
  }

  async request<Q, R>(type: RequestType<Q, R, void>, params: Q): Promise<R> {
    const toCommand = TO_COMMAND[type.method];
    if (!toCommand) throw new TargetError(this.name, `${type.method} works on the local instance only`, AspErrorCodes.NotFound);
    return (await this.command(toCommand((params ?? {}) as Record<string, unknown>))) as R;
  }

  async close(): Promise<void> {
    const c = this.connected;
    this.connected = undefined;
    if (c) await (await c.catch(() => undefined))?.close();
  }

  private error(e: unknown): TargetError {
    if (e instanceof TargetError) return e;
    const redact = (m: string): string => this.secrets.reduce((s, x) => (x ? s.split(x).join('***') : s), m).replace(/\/\/[^/@\s]*@/g, '//***@');
    if (e instanceof MongoServerError) {
      if (e.code === 18) return new TargetError(this.name, `authentication failed for user ${this.credentials?.username ?? '(none)'}: check the target's username and password`, AspErrorCodes.External);
      const code = typeof e.code === 'number' ? (FROM_ATLAS[e.code] ?? AspErrorCodes.Internal) : AspErrorCodes.Internal;
      return new TargetError(this.name, redact(e.errmsg ?? e.message), code);
    }
    const msg = errorMessage(e);
    const name = (e as { name?: string }).name ?? '';
    if (/ServerSelection|Network|Timeout/.test(name)) return new TargetError(this.name, `cannot reach ${hostsOf(this.spec.connectionString)}: ${redact(msg)}`);
    return new TargetError(this.name, redact(msg));
  }
}

function hostsOf(uri: string): string {
  return uri.replace(/^mongodb(\+srv)?:\/\//, '').replace(/^[^@/]*@/, '').split('/')[0] ?? uri;
}
