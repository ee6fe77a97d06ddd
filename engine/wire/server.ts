/**
 * The MongoDB wire front door of the local instance (`asp serve --wire [HOST:]PORT`): a TCP or
 * TLS listener whose connections speak OP_MSG to the same processor methods as JSON-RPC, so
 * mongosh's `sp` helpers and the drivers drive the local instance as they drive Atlas.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ProcessorMethods } from '../daemon/processorMethods';
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

  private constructor(private readonly server: net.Server, readonly opts: WireServerOptions) {}

  static async start(opts: WireServerOptions): Promise<WireServer> {
    const { wire } = opts;
    const log: WireLog = opts.log ?? (() => undefined);
    let self: WireServer | undefined;
    const onSocket = (socket: net.Socket): void => {
      if (!self) return void socket.destroy();
      const conn = new WireConnection(socket, self.nextId++, {
        methods: opts.methods,
        auth: wire.credential ? { credential: wire.credential } : undefined,
        secrets: wire.secrets,
        log,
        onCommand: opts.onCommand,
      });
      self.conns.add(conn);
      socket.on('close', () => self?.conns.delete(conn));
    };
    const server = wire.tls ? tls.createServer({ cert: wire.tls.cert, key: wire.tls.key, minVersion: 'TLSv1.2' }, onSocket) : net.createServer(onSocket);
    // A failed TLS handshake is the client's problem, not a reason to stop listening.
    server.on('tlsClientError', (e: Error) => log('warn', `wire: TLS handshake failed: ${e.message}`));
    self = new WireServer(server, opts);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(wire.port, wire.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (e) => log('error', `wire: ${e.message}`));
    const a = self.address();
    log('info', `wire: MongoDB wire protocol on ${a.host}:${a.port}${wire.tls ? ' (TLS)' : ''}${wire.credential ? ', SCRAM-SHA-256 required' : ''}`);
    return self;
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
