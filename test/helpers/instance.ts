/** An in-process local instance on a real JSON-RPC connection (both ends in memory), and a helper that expects a refused request. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { Instance } from '../../engine/daemon/instance';
import { tempDir } from './tempDir';

export async function startInstance(t: { after(fn: () => void | Promise<void>): void }, connections?: unknown[]): Promise<{ inst: Instance; rpc: MessageConnection; dir: string }> {
  const dir = tempDir(t, 'asp-dm-');
  let connectionsFile: string | undefined;
  if (connections) {
    connectionsFile = path.join(dir, 'asp.connections.json');
    fs.writeFileSync(connectionsFile, JSON.stringify({ connections }));
  }
  const inst = new Instance({ stateDir: path.join(dir, 'state'), connectionsFile, checkpointIntervalMs: 0 });
  await inst.open();
  const rpc = rpcTo(t, inst);
  return { inst, rpc, dir };
}

/** Attach a client connection to `inst`, as the extension has one over stdio; disposed, and the instance shut down, after the test. */
export function rpcTo(t: { after(fn: () => void | Promise<void>): void }, inst: Instance): MessageConnection {
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
