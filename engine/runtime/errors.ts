/** Failures of management commands, carrying the JSON-RPC code the daemon replies with. */
import { AspErrorCodes, type InvalidPipelineData } from '../../shared/protocol';

export class CommandError extends Error {
  constructor(message: string, readonly code: number, readonly data?: InvalidPipelineData) {
    super(message);
    this.name = 'CommandError';
  }
}

export const notFound = (name: string): CommandError => new CommandError(`Stream processor '${name}' does not exist`, AspErrorCodes.NotFound);
export const badState = (msg: string): CommandError => new CommandError(msg, AspErrorCodes.BadState);
export const invalid = (msg: string, data?: InvalidPipelineData): CommandError => new CommandError(msg, AspErrorCodes.InvalidOptions, data);
