/**
 * Processor definitions in the state directory (`processors.json`), so processors outlive the
 * instance. Written to a temp file, fsynced and renamed, like checkpoints: a crash mid-write
 * leaves the previous file whole.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Value } from '../core/types';
import { fromCanonicalJSON, toCanonicalJSON } from '../json/ejson';
import type { ProcessorState } from './states';
import type { RecordedSettings } from './startOptions';
import { readIfExists } from '../core/files';

/** Everything needed to recreate a processor after a restart. */
export interface ProcessorDef {
  /** Stable across renames; names the checkpoint folder. */
  id: string;
  name: string;
  /** Engine values (Extended JSON already decoded). */
  pipeline: Value[];
  /** Raw processor options as given (dlq, streamMetaFieldName, tier, ...). */
  options: Record<string, Value>;
  state: ProcessorState;
  errorMsg?: string;
  /** ISO times. */
  lastModified: string;
  lastStateChange: string;
  /** The `.asp.json` it came from, for messages. */
  file?: string;
  hasStarted?: boolean;
  /** Start settings that are not processor options (workers), as start and modify last set them. */
  settings?: RecordedSettings;
}

export class DefinitionStore {
  readonly file: string;

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'processors.json');
  }

  load(): ProcessorDef[] {
    const text = readIfExists(this.file);
    if (text === undefined) return [];
    const v = fromCanonicalJSON(text) as { processors?: ProcessorDef[] };
    return Array.isArray(v.processors) ? v.processors : [];
  }

  /** Synchronous on purpose: definition changes are rare and must be on disk before the reply. */
  save(defs: ProcessorDef[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, toCanonicalJSON({ processors: defs }));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
  }
}
