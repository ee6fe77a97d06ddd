/** `ioOf`: the connector factories a connection-backed stage or source needs, or a clear internal error. */
import { EngineError } from '../core/errors';
import type { Io, Services } from './types';

/**
 * The connector factories carried by `rt.services` / `env.services`. Without them (the
 * language server, or a run opened without connections) this is an internal error: the
 * caller should have opened services before building a pipeline that names a connection.
 */
export function ioOf(holder: { services?: Services }, stage: string): Io {
  const io = holder.services?.io;
  if (!io) throw new EngineError(`${stage} needs connections, which are not available here`, 'internal', 'ASP_NO_SERVICES', stage);
  return io;
}
