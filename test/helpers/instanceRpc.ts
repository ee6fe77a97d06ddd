/**
 * A JSON-RPC client wired to an in-process local instance through a pair of in-memory streams:
 * the same requests and notifications the extension sends over the daemon's stdio.
 */
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Instance } from '../../engine/daemon/instance';

/** Attach a new connection to `inst` and return its client side, listening. */
export function rpcTo(inst: Instance): MessageConnection {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createMessageConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  inst.attach(server);
  server.listen();
  const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  rpc.listen();
  return rpc;
}
