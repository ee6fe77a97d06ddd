/**
 * A local instance with its wire front door on a free 127.0.0.1 port, in this process, for the
 * wire tests; and a raw socket client that sends frames and collects what comes back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Instance } from '../../../engine/daemon/instance';
import { resolveWireOptions, type WireOptions } from '../../../engine/wire/options';
import { WireServer } from '../../../engine/wire/server';

export interface WireFixture {
  inst: Instance;
  server: WireServer;
  port: number;
  dir: string;
  /** Command names the server received, in order, with their connection and opcode. */
  commands: { name: string; conn: number; op: string }[];
  logs: string[];
}

type Hooks = { after(fn: () => void | Promise<void>): void };

export async function startWire(t: Hooks, wire: Partial<WireOptions> = {}, env: NodeJS.ProcessEnv = process.env, connectionsFile?: string): Promise<WireFixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'asp-wire-'));
  const inst = new Instance({ stateDir: path.join(dir, 'state'), connectionsFile, checkpointIntervalMs: 0 });
  await inst.open();
  const commands: WireFixture['commands'] = [];
  const logs: string[] = [];
  const server = await WireServer.start({
    methods: inst.methods,
    wire: resolveWireOptions({ host: '127.0.0.1', port: 0, ...wire }, env),
    log: (level, m) => logs.push(`${level}: ${m}`),
    onCommand: (name, conn, op) => commands.push({ name, conn, op }),
  });
  t.after(async () => {
    await server.close();
    await inst.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });
  return { inst, server, port: server.address().port, dir, commands, logs };
}

/** Send bytes on a fresh connection, half-close it, and collect everything until the server closes. */
export function exchange(port: number, bytes: Buffer, opts: { end?: boolean } = {}): Promise<{ data: Buffer; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let serverEnded = false;
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.write(bytes);
      if (opts.end ?? true) s.end();
    });
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('end', () => (serverEnded = true));
    s.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
    s.on('close', () => resolve({ data: Buffer.concat(chunks), closedByServer: serverEnded }));
  });
}

/** Split a byte stream of whole frames. */
export function splitFrames(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos + 4 <= data.length) {
    const len = data.readInt32LE(pos);
    if (len < 16 || pos + len > data.length) break;
    out.push(data.subarray(pos, pos + len));
    pos += len;
  }
  return out;
}
