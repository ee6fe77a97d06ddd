/**
 * A target as the commands see it: the Atlas stream-processor methods of shared/protocol,
 * called by their request types, whether the processors live in the local instance (JSON-RPC,
 * or in-process in the daemon) or behind a MongoDB wire endpoint (an Atlas workspace, or another
 * instance's `asp serve --wire`). Failures are CommandErrors with the protocol's codes.
 */
import type { RequestType } from 'vscode-jsonrpc';
import { AspErrorCodes } from '../../shared/protocol';
import { CommandError } from '../runtime/errors';

export interface TargetApi {
  /** The target's name (`local` or an asp.targets.json entry). */
  readonly name: string;
  request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  close(): Promise<void>;
}

/** A failure on a target, with the target's name in the message. */
export class TargetError extends CommandError {
  constructor(target: string, message: string, code: number = AspErrorCodes.External) {
    super(`target ${target}: ${message}`, code);
    this.name = 'TargetError';
  }
}
