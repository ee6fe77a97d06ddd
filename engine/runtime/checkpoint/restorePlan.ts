/**
 * What a processor start does with what its checkpoint store holds: resume from the newest
 * readable checkpoint (saying which newer ones were skipped, where they are and why), begin
 * without one when asked to, or refuse when every stored checkpoint is unreadable. Starting
 * over silently would drop the processor's state and re-read or skip its input.
 */
import type { Value } from '../../core/types';
import type { RestoreResult } from './coordinator';
import type { CheckpointContent, UnreadableCheckpoint } from './types';

export interface RestorePlan {
  checkpoint?: CheckpointContent;
  log: { level: 'warn' | 'info'; message: string }[];
  /** Stats `checkpointRestore`, when the start is worth explaining. */
  note?: Record<string, Value>;
  /** The message to refuse the start with (the processor goes to FAILED). */
  refusal?: string;
}

/** `fresh` names the start option that cleared the checkpoints, if one did. */
export function planRestore(name: string, restored: RestoreResult, fresh: string | undefined): RestorePlan {
  const ck = restored.checkpoint;
  const skipped = restored.skipped;
  if (!ck && skipped.length > 0) return { log: [], refusal: refusalMessage(name, skipped) };
  if (!ck) {
    if (!fresh) return { log: [] };
    return {
      log: [{ level: 'info', message: `starting from the configured start without a checkpoint (${fresh}); stored checkpoints were cleared` }],
      note: { checkpointId: null, reason: fresh },
    };
  }
  const log: RestorePlan['log'] = skipped.map((u) => ({
    level: 'warn',
    message: `checkpoint ${u.id} (${u.location}) is unreadable (${u.reason}); resuming from the previous readable checkpoint ${ck.id} instead`,
  }));
  log.push({ level: 'info', message: `resuming from checkpoint ${ck.id} of ${new Date(ck.time).toISOString()}` });
  const note = skipped.length > 0 ? { checkpointId: ck.id, skipped: skipped.map((u) => ({ checkpointId: u.id, location: u.location, reason: u.reason })) } : undefined;
  return { checkpoint: ck, log, note };
}

function refusalMessage(name: string, skipped: UnreadableCheckpoint[]): string {
  const list = skipped.map((u) => `checkpoint ${u.id} (${u.location}): ${u.reason}`).join('; ');
  return `Stream processor '${name}' cannot resume: none of its checkpoints is readable (${list}). `
    + 'Start it with resumeFromCheckpoint: false (asp start --no-resume) to begin again from its configured start, without its state.';
}
