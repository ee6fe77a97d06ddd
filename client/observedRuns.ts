/**
 * Collects, per Run or Debug of a file, the observed shape of each stage's documents: the
 * streamed output (the last stage before the sink) and, for Debug, the per-stage trace. When
 * the run ends it becomes an asp/observedShapes message for the language server's hover.
 * No VS Code import: unit-tested under node:test.
 */
import * as P from '../shared/protocol';
import { ShapeCollector, observeDocs, pipelineHash, stageNameOf } from '../shared/observedShape';

interface Tracked {
  uri: string;
  hash: string;
  names: string[];
  debug: boolean;
  /** Top-level index whose output the run streams. */
  outIndex: number;
  out: ShapeCollector;
}

const SINKS = new Set(['$merge', '$emit']);

export class ObservedRuns {
  private readonly runs = new Map<string, Tracked>();

  /** A Run or Debug of the file at `uri` starts with `pipeline`. */
  begin(name: string, uri: string, pipeline: readonly unknown[], debug: boolean): void {
    const names = pipeline.map(stageNameOf);
    let outIndex = names.length - 1;
    if (outIndex > 0 && SINKS.has(names[outIndex]!)) outIndex--;
    this.runs.set(name, { uri, hash: pipelineHash(pipeline), names, debug, outIndex, out: new ShapeCollector() });
  }

  /** A batch of asp/output: DLQ records (positions in `dlqStages`) are not the stage's output. */
  append(name: string, docs: readonly P.EJsonDoc[], dlqStages?: Record<number, number>): void {
    const r = this.runs.get(name);
    if (!r) return;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (dlqStages?.[i] !== undefined || isDlqWrapper(d)) continue;
      r.out.add(d);
    }
  }

  /** The run ended: its message for the language server (undefined when it was not tracked). */
  finish(name: string, at: number, trace?: readonly P.StageTrace[]): P.ObservedShapesParams | undefined {
    const r = this.runs.get(name);
    if (!r) return undefined;
    this.runs.delete(name);
    const stages: P.ObservedStage[] = [];
    for (const t of trace ?? []) {
      if (t.innerIndex === undefined && t.index === r.outIndex && r.out.count > 0) continue;
      if (t.emitted.length === 0) continue;
      const shape = observeDocs(t.emitted);
      shape.docs = Math.max(shape.docs, t.outCount);
      const s: P.ObservedStage = { index: t.index, stage: t.stage, shape };
      if (t.innerIndex !== undefined) s.innerIndex = t.innerIndex;
      stages.push(s);
    }
    if (r.out.count > 0) stages.push({ index: r.outIndex, stage: r.names[r.outIndex] ?? '', shape: r.out.summary() });
    stages.sort((a, b) => a.index - b.index || (a.innerIndex ?? -1) - (b.innerIndex ?? -1));
    return { uri: r.uri, pipelineHash: r.hash, mode: r.debug ? 'Debug' : 'Run', at, stages };
  }

  /** Forget a run (it failed to start). */
  drop(name: string): void {
    this.runs.delete(name);
  }
}

function isDlqWrapper(d: P.EJsonDoc): boolean {
  const keys = Object.keys(d);
  return keys.length === 1 && keys[0] === '_dlqMessage';
}
