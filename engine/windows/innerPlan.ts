/**
 * How a window runs its inner pipeline. A pipeline `[stateless stages..., $group, ...]` runs
 * over panes: one `$group` table per pane, no per-window operator chain. Tumbling windows are
 * one pane each; hopping windows combine panes when a window fires (so each document is
 * aggregated once, not once per overlapping window), which needs mergeable accumulators and no
 * window metadata before the group, and no async stage ($https) before it. Everything else gets
 * one operator chain per window.
 */
import type { Value } from '../core/types';
import type { ParsedStage } from '../parse/types';
import type { GroupConfig } from './groupTable';

export interface PanePlan {
  prefix: ParsedStage[];
  group: GroupConfig;
  rest: ParsedStage[];
  /** The stages up to the `$group` read window metadata, so documents must carry it. */
  readsMeta: boolean;
}

export interface InnerPlan {
  stages: ParsedStage[];
  /** Operator named in late-document DLQ records: the first stateful inner stage. */
  operatorName: string;
  pane?: PanePlan;
}

/** Does this raw JSON read window metadata (`_stream_meta`, `$meta: "stream[.window...]"`)? */
export function readsWindowMeta(raw: Value): boolean {
  const s = JSON.stringify(raw) ?? '';
  return s.includes('_stream_meta') || s.includes('"stream.window') || s.includes('"stream"');
}

export function planInner(stages: ParsedStage[], raw: Value[], fallbackOperator: string, hopping: boolean): InnerPlan {
  const firstStateful = stages.find((s) => s.spec.kind === 'windowOnly');
  const plan: InnerPlan = { stages, operatorName: firstStateful?.spec.operatorName ?? fallbackOperator };
  const g = stages.findIndex((s) => s.name === '$group');
  if (g < 0) return plan;
  const group = stages[g]!.config as GroupConfig;
  const prefix = stages.slice(0, g);
  // An async stage before the `$group` passes documents on later, when another pane may be current.
  if (prefix.some((s) => s.spec.kind !== 'transform' || s.spec.passesOnLater)) return plan;
  // A tumbling window is exactly one pane: no merging, and window metadata is known per document.
  const readsMeta = readsWindowMeta(raw.slice(0, g + 1));
  if (hopping && (!group.plan.mergeable || readsMeta)) return plan;
  plan.pane = { prefix, group, rest: stages.slice(g + 1), readsMeta };
  return plan;
}
