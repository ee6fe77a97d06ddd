/** Test support: parse one stage through the real registry and drive its operator by hand. */
import { ExprCompiler } from '../../../engine/expr/compile';
import { stageRegistry } from '../../../engine/stages/registry';
import { buildChain } from '../../../engine/pipeline/chain';
import { ManualClock } from '../../../engine/core/clock';
import type { Meta } from '../../../engine/core/meta';
import type { Diagnostic, Doc, JsonPath, Value } from '../../../engine/core/types';
import type { DlqInput, Operator } from '../../../engine/core/operator';
import type { ParseContext, ParsedStage, StageSpec } from '../../../engine/parse/types';
import type { StageRuntime } from '../../../engine/io/types';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { WatermarkTracker } from '../../../engine/time/watermark';
import { isPlainObject } from '../../../engine/bson/types';
import { parseStageArg } from '../../../engine/parse/checkFields';

export function parseStages(stages: Value, path: JsonPath, ctx: ParseContext): ParsedStage[] {
  const out: ParsedStage[] = [];
  (stages as Doc[]).forEach((st, i) => {
    const name = Object.keys(st)[0]!;
    const spec = stageRegistry.get(name) as StageSpec | undefined;
    if (!spec) {
      ctx.report({ code: 'ASP204', message: `unknown stage ${name}`, severity: 'error', path: [...path, i] });
      return;
    }
    const p = [...path, i, name];
    out.push({ spec, name, path: p, config: parseStageArg(spec, st[name], p, ctx) });
  });
  return out;
}

export function parseOne(stage: Doc): { parsed: ParsedStage; diagnostics: Diagnostic[]; compiler: ExprCompiler } {
  const compiler = new ExprCompiler();
  const diagnostics: Diagnostic[] = [];
  const ctx: ParseContext = {
    compiler,
    connections: builtinRegistry(),
    hasDlq: false,
    context: 'main',
    report: (d) => void diagnostics.push(d),
    parsePipeline: (stages, path) => {
      if (!Array.isArray(stages)) return [];
      return parseStages(stages, path, { ...ctx, context: 'window' });
    },
  };
  const parsed = parseStages([stage], [], ctx)[0]!;
  diagnostics.push(...compiler.diagnostics);
  return { parsed, diagnostics, compiler };
}

/** Error diagnostics of one stage, as [code, message] pairs. */
export function errorsOf(stage: Doc): [string, string][] {
  return parseOne(stage).diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.message]);
}

export interface Out {
  doc: Doc;
  meta: Meta;
}

export class Harness {
  readonly out: Out[] = [];
  readonly dlq: DlqInput[] = [];
  readonly clock: ManualClock;
  readonly tracker = new WatermarkTracker();
  readonly op: Operator;
  readonly rt: StageRuntime;

  constructor(stage: Doc, opts: { clock?: ManualClock; create?: (parsed: ParsedStage, rt: StageRuntime, next: (d: Doc, m: Meta) => void) => Operator } = {}) {
    const { parsed, diagnostics, compiler } = parseOne(stage);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || parsed.config === undefined) throw new Error(`stage did not parse: ${JSON.stringify(errors)}`);
    this.clock = opts.clock ?? new ManualClock(0);
    const rt: StageRuntime = {
      clock: this.clock,
      slotCount: compiler.slotCount,
      dlq: (r) => void this.dlq.push(r),
      processorName: 'test',
    };
    this.rt = { ...rt, buildChain: (stages, next) => buildChain(stages, rt, next) };
    const next = (doc: Doc, meta: Meta): void => void this.out.push({ doc, meta });
    this.op = opts.create ? opts.create(parsed, this.rt, next) : parsed.spec.create!(parsed.config, this.rt, next);
  }

  /** Push a document with event time `t` (ms or ISO string) and advance the watermark like the runner. */
  push(doc: Doc, t: number | string, input = ''): void {
    const ts = typeof t === 'string' ? Date.parse(t) : t;
    this.op.push(doc, { ts, source: { type: 'documents' } });
    this.tracker.observe(input, ts);
    this.op.watermark?.(this.tracker.current());
  }

  flush(): void {
    this.op.flush?.();
  }

  /** Output documents without metadata. */
  docs(): Doc[] {
    return this.out.map((o) => o.doc);
  }

  /** [start, end] ISO strings of each output's window. */
  windows(): [string, string][] {
    return this.out.map((o) => [o.meta.window!.start.toISOString(), o.meta.window!.end.toISOString()]);
  }
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const at = (s: string): number => Date.parse(s);

/** Strip undefined fields (what EJSON would drop) for deep comparisons. */
export function clean(v: Value): Value {
  if (Array.isArray(v)) return v.map(clean);
  if (isPlainObject(v)) {
    const o: Doc = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = clean(x);
    return o;
  }
  return v;
}
