/** A JSON-RPC connection to an in-process instance (as the extension has one over stdio), and the refused-request check. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Instance } from '../../engine/daemon/instance';

type Hooks = { after(fn: () => void | Promise<void>): void };

/** Attach a client connection to `inst`; disposed, and the instance shut down, after the test. */
export function rpcTo(t: Hooks, inst: Instance): MessageConnection {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createMessageConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  inst.attach(server);
  server.listen();
  const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  rpc.listen();
  t.after(async () => {
    rpc.dispose();
    await inst.shutdown();
  });
  return rpc;
}

/** The ResponseError a request is refused with (fails when it succeeds). */
export async function rpcError(p: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ResponseError, `expected a ResponseError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the request to fail');
}
