/**
 * Field paths carried through the stages: the input shape of every stage, seeded from the
 * source's `documents` or the sample generator's shape, then transformed by each stage's
 * `outputShape` (the catalog's); where the last run observed a stage, its observed shape.
 * Computed once per document version.
 */
import type { ConnectionRegistry } from '../../engine/connections/types';
import { nodeValue } from '../../engine/json/tree';
import type { Catalog } from './types';
import type { ParsedDoc, PipelineNode, StageNode } from './parseCache';
import { merge, obj, type Shape } from '../../engine/parse/shape';
import type { ObservedShape } from '../../shared/observedShape';
import { shapeOfObserved } from './observed';

export interface ShapeDeps {
  catalog: Catalog;
  connections: ConnectionRegistry;
  /** What the last run observed at a stage, while the pipeline is the one that ran. */
  observed?: (s: StageNode) => ObservedShape | undefined;
}

/** Input and output shapes of stages, computed on demand up to the stage asked for. */
export class StageShapes {
  private readonly inputs = new Map<StageNode, Shape>();
  private readonly outputs = new Map<StageNode, Shape>();
  constructor(private readonly deps: ShapeDeps) {}

  input(s: StageNode): Shape {
    const cached = this.inputs.get(s);
    if (cached) return cached;
    const stages = s.pipeline.stages;
    const idx = stages.indexOf(s);
    // walk back to the nearest stage whose input is known, then forward without recursion
    let start = idx;
    while (start > 0 && !this.inputs.has(stages[start]!)) start--;
    let cur = this.inputs.get(stages[start]!) ?? this.pipelineInput(s.pipeline);
    for (let i = start; i < idx; i++) {
      this.inputs.set(stages[i]!, cur);
      cur = this.output(stages[i]!);
    }
    this.inputs.set(s, cur);
    return cur;
  }

  output(s: StageNode): Shape {
    const cached = this.outputs.get(s);
    if (cached) return cached;
    const inferred = applyStage(s, this.input(s), this.deps, this);
    // Fields a real run emitted join the inferred ones (a Kafka topic's, a $function's).
    const seen = this.deps.observed?.(s);
    const out = seen && seen.fields.length > 0 ? merge(inferred, shapeOfObserved(seen)) : inferred;
    this.outputs.set(s, out);
    return out;
  }

  private pipelineInput(p: PipelineNode): Shape {
    return p.owner ? this.input(p.owner) : obj({}, true);
  }
}

/** A stage's output shape, from its spec's outputShape (its inner pipeline's output for windows). */
function applyStage(s: StageNode, input: Shape, deps: ShapeDeps, shapes: StageShapes): Shape {
  const spec = deps.catalog.stages.get(s.name);
  if (!spec?.outputShape) return input;
  const last = s.inner?.stages[s.inner.stages.length - 1];
  const inner = s.inner ? (last ? shapes.output(last) : input) : undefined;
  const arg = s.argNode ? nodeValue(s.argNode) : undefined;
  return spec.outputShape(input, arg, { connections: deps.connections, ...(inner ? { inner } : {}) });
}

/** Shapes for a parsed document, memoised on the parse (one per version) and the deps generation. */
export function shapesFor(parsed: ParsedDoc, deps: ShapeDeps, generation: number): StageShapes {
  return parsed.memoize(`shapes:${generation}`, () => new StageShapes(deps));
}
