/**
 * Processor states (asp-spec §7): Atlas-level CREATED / STARTED / STOPPED / FAILED, and the
 * engine's finer `status` shown by stats (created, starting, running, stopping, error, stopped).
 */
import type { ProcessorState } from '../../shared/protocol';

export type { ProcessorState };

/** The `status` field of getStreamProcessorStats. */
export type ProcessorStatus = 'created' | 'starting' | 'running' | 'stopping' | 'stopped' | 'error';

export type Command = 'start' | 'stop' | 'modify' | 'sample';

/** Which Atlas states accept each command. drop is always accepted (it stops first). */
const ALLOWED: Record<Command, readonly ProcessorState[]> = {
  start: ['CREATED', 'STOPPED', 'FAILED'],
  stop: ['STARTED', 'FAILED'],
  modify: ['CREATED', 'STOPPED', 'FAILED'],
  sample: ['STARTED'],
};

/** The message for a command that does not fit the state, or undefined when it does. */
export function refuse(cmd: Command, name: string, state: ProcessorState): string | undefined {
  if (ALLOWED[cmd].includes(state)) return undefined;
  switch (cmd) {
    case 'start':
      return `Stream processor '${name}' is already started`;
    case 'stop':
      return `Stream processor '${name}' is not started (state ${state})`;
    case 'modify':
      return `Stream processor '${name}' must be stopped before it can be modified`;
    case 'sample':
      return `Stream processor '${name}' must be started to sample it (state ${state})`;
  }
}

/** Stats `status` for a state when no run is in a transient phase. */
export function statusOf(state: ProcessorState): ProcessorStatus {
  switch (state) {
    case 'CREATED':
      return 'created';
    case 'STARTED':
      return 'running';
    case 'STOPPED':
      return 'stopped';
    case 'FAILED':
      return 'error';
  }
}
