/**
 * One client connection of the front door: cuts the byte stream into frames, runs their commands
 * one at a time (MongoDB answers a connection's requests in order) and writes the replies. A frame
 * that cannot be read gets one error reply naming the problem, then the connection is closed,
 * since the stream can no longer be trusted to be in step.
 */
import type * as net from 'node:net';
import type { Document } from 'bson';
import { ConnectionAuth, type AuthConfig } from './auth';
import { commandName, runCommand, type CommandContext } from './commandTable';
import { errorReply, WireError } from './errors';
import { errorMessage } from '../core/errors';
import { decodeRequest, encodeOpMsg, encodeOpReply, FrameError, HEADER_BYTES, OP_QUERY, readHeader, type Request } from './frame';
import type { ProcessorMethods } from '../runtime/processorMethods';
import { redactSecrets } from './redact';

export type WireLog = (level: 'error' | 'warn' | 'info', message: string) => void;

export interface ConnectionEnv {
  methods: ProcessorMethods;
  auth: AuthConfig | undefined;
  secrets: readonly string[];
  log: WireLog;
  /** Called with each command's name and opcode (tracing; the arguments are never handed out). */
  onCommand?: (name: string, connectionId: number, op: 'OP_MSG' | 'OP_QUERY') => void;
}

/** Frames queued before the socket is paused, so a fast writer cannot fill memory. */
const MAX_QUEUED = 16;

export class WireConnection {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private closed = false;
  private nextRequestId = 1;
  private readonly ctx: CommandContext;

  constructor(private readonly socket: net.Socket, readonly id: number, private readonly env: ConnectionEnv) {
    this.ctx = { methods: env.methods, auth: new ConnectionAuth(env.auth), connectionId: id, secrets: env.secrets };
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('error', () => this.destroy());
    socket.on('close', () => (this.closed = true));
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(d: Buffer): void {
    if (this.closed) return;
    this.chunks.push(d);
    this.buffered += d.length;
    while (!this.closed && this.buffered >= HEADER_BYTES) {
      const head = this.peek(HEADER_BYTES);
      let length: number;
      try {
        length = readHeader(head).length;
      } catch (e) {
        this.fail(head.readInt32LE(4), head.readInt32LE(12), e);
        return;
      }
      if (this.buffered < length) return;
      this.enqueue(this.take(length));
    }
  }

  /** The first n buffered bytes, joined into one chunk. */
  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks.splice(0, this.chunks.length, Buffer.concat(this.chunks));
    return this.chunks[0]!.subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.peek(n);
    const first = this.chunks[0]!;
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    return Buffer.from(all);
  }

  private enqueue(frame: Buffer): void {
    if (++this.queued >= MAX_QUEUED) this.socket.pause();
    this.queue = this.queue.then(() => this.handle(frame)).finally(() => {
      if (--this.queued < MAX_QUEUED && !this.closed) this.socket.resume();
    });
  }

  private async handle(frame: Buffer): Promise<void> {
    if (this.closed) return;
    let req: Request;
    try {
      req = decodeRequest(frame);
      if (req.opCode === OP_QUERY && !req.collection?.endsWith('.$cmd')) {
        throw new WireError(`OP_QUERY on '${req.collection ?? ''}' is not supported: only commands (DB.$cmd) are`, 'UnsupportedOpQueryCommand');
      }
    } catch (e) {
      if (e instanceof FrameError && e.fatal) this.fail(frame.readInt32LE(4), frame.readInt32LE(12), e);
      else this.write(OP_QUERY, frame.readInt32LE(4), errorReply(e, this.env.secrets));
      return;
    }
    const name = commandName(req.command);
    if (name !== undefined) this.env.onCommand?.(name, this.id, req.opCode === OP_QUERY ? 'OP_QUERY' : 'OP_MSG');
    const reply = await runCommand(req.command, this.ctx, req.opCode === OP_QUERY);
    if (!req.moreToCome) this.write(req.opCode, req.requestId, reply);
  }

  private write(opCode: number, responseTo: number, reply: Document): void {
    if (this.closed) return;
    const id = this.nextRequestId++;
    let out: Buffer;
    try {
      out = opCode === OP_QUERY ? encodeOpReply(id, responseTo, reply) : encodeOpMsg(id, responseTo, reply);
    } catch (e) {
      // A reply BSON cannot hold (larger than 16 MiB): say so instead of dropping it.
      const err = errorReply(new WireError(`The reply could not be encoded: ${errorMessage(e)}`, 'BSONObjectTooLarge'), this.env.secrets);
      out = opCode === OP_QUERY ? encodeOpReply(id, responseTo, err) : encodeOpMsg(id, responseTo, err);
    }
    this.socket.write(out);
  }

  /** A frame that cannot be read: one error reply, a log line, then close. */
  private fail(requestId: number, opCode: number, e: unknown): void {
    const reply = errorReply(e, this.env.secrets);
    this.write(opCode === OP_QUERY ? OP_QUERY : 0, requestId, reply);
    this.env.log('warn', `wire: connection ${this.id} closed after a bad frame: ${redactSecrets(String(reply['errmsg']), this.env.secrets)}`);
    this.closed = true;
    this.chunks.length = 0;
    this.buffered = 0;
    this.socket.end();
    this.socket.destroySoon?.();
  }
}
