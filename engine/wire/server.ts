/**
 * The MongoDB wire front door of the local instance (`asp serve --wire [HOST:]PORT`): a TCP or
 * TLS listener whose connections speak OP_MSG to the same processor methods as JSON-RPC, so
 * mongosh's `sp` helpers and the drivers drive the local instance as they drive Atlas.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ProcessorMethods } from '../runtime/processorMethods';
import { WireConnection, type ConnectionEnv, type WireLog } from './connection';
import type { ResolvedWire } from './options';

export interface WireServerOptions {
  methods: ProcessorMethods;
  wire: ResolvedWire;
  log?: WireLog;
  onCommand?: ConnectionEnv['onCommand'];
}

export class WireServer {
  private readonly conns = new Set<WireConnection>();
  private nextId = 1;
  private readonly server: net.Server;
  private readonly env: ConnectionEnv;

  private constructor(readonly opts: WireServerOptions) {
    const { wire } = opts;
    this.env = { methods: opts.methods, auth: wire.credential ? { credential: wire.credential } : undefined, secrets: wire.secrets, log: opts.log ?? (() => undefined), onCommand: opts.onCommand };
    const accept = (socket: net.Socket): void => this.accept(socket);
    this.server = wire.tls ? tls.createServer({ cert: wire.tls.cert, key: wire.tls.key, minVersion: 'TLSv1.2' }, accept) : net.createServer(accept);
    // A failed TLS handshake is the client's problem, not a reason to stop listening.
    this.server.on('tlsClientError', (e: Error) => this.env.log('warn', `wire: TLS handshake failed: ${e.message}`));
  }

  static async start(opts: WireServerOptions): Promise<WireServer> {
    const ws = new WireServer(opts);
    await ws.listen();
    return ws;
  }

  private async listen(): Promise<void> {
    const { wire } = this.opts;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(wire.port, wire.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.server.on('error', (e) => this.env.log('error', `wire: ${e.message}`));
    const a = this.address();
    this.env.log('info', `wire: MongoDB wire protocol on ${a.host}:${a.port}${wire.tls ? ' (TLS)' : ''}${wire.credential ? ', SCRAM-SHA-256 required' : ''}`);
  }

  private accept(socket: net.Socket): void {
    const conn = new WireConnection(socket, this.nextId++, this.env);
    this.conns.add(conn);
    socket.on('close', () => this.conns.delete(conn));
  }

  address(): { host: string; port: number } {
    const a = this.server.address() as net.AddressInfo;
    return { host: a.address, port: a.port };
  }

  /** Stop listening and drop every connection. */
  close(): Promise<void> {
    for (const c of this.conns) c.destroy();
    this.conns.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
