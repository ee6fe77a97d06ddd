/**
 * What the last Run or Debug of a file observed per stage (asp/observedShapes, sent by the
 * extension): the "Observed in last run" section of the stage hover, and the observed field
 * paths as a shape that `$`-path completion merges into the inferred one. An observation is
 * current while the pipeline's content hash is the one that ran; after an edit the hover marks
 * it as older (when the stage at that position is still the same operator) or leaves it out.
 */
import type { ObservedShapesParams, ObservedStage } from '../../shared/protocol/observed';
import { pipelineHash, typesText, type ObservedField, type ObservedShape } from '../../shared/observedShape';
import { nodeValue } from '../../engine/json/tree';
import type { Shape } from '../../engine/parse/shape';
import type { ParsedDoc, StageNode } from './parseCache';

export interface StageObservation {
  stage: ObservedStage;
  run: ObservedShapesParams;
  /** The pipeline was edited since the run. */
  stale: boolean;
}

/** Observations by document URI; the latest run of a file replaces the one before. */
export class ObservedStore {
  private readonly byUri = new Map<string, ObservedShapesParams>();

  set(p: ObservedShapesParams): void {
    if (p.stages.length === 0) this.byUri.delete(p.uri);
    else this.byUri.set(p.uri, p);
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  /** The observation of `s` in this version of the document, if the last run has one. */
  forStage(parsed: ParsedDoc, s: StageNode): StageObservation | undefined {
    const run = this.byUri.get(parsed.doc.uri);
    const key = stageKey(parsed, s);
    if (!run || !key) return undefined;
    const stage = run.stages.find((x) => x.index === key.index && x.innerIndex === key.innerIndex);
    if (!stage) return undefined;
    const stale = currentHash(parsed) !== run.pipelineHash;
    if (stale && stage.stage !== s.name) return undefined;
    return { stage, run, stale };
  }
}

function stageKey(parsed: ParsedDoc, s: StageNode): { index: number; innerIndex?: number } | undefined {
  const main = parsed.model.main;
  if (!main) return undefined;
  if (s.pipeline === main) return { index: s.index };
  const owner = s.pipeline.owner;
  if (owner && owner.pipeline === main && owner.kind === 'window') return { index: owner.index, innerIndex: s.index };
  return undefined;
}

function currentHash(parsed: ParsedDoc): string {
  return parsed.memoize('observed:pipelineHash', () => (parsed.model.main ? pipelineHash(nodeValue(parsed.model.main.node)) : ''));
}

const MAX_ROWS = 15;

/** The hover's "Observed in last run" section (markdown), starting with a blank line. */
export function observedMarkdown(o: StageObservation): string {
  const sh = o.stage.shape;
  const when = hhmm(new Date(o.run.at));
  const sampled = sh.sampled < sh.docs ? `fields of the first ${sh.sampled} of ${sh.docs} documents` : `${sh.docs} document${sh.docs === 1 ? '' : 's'}`;
  const head = o.stale
    ? `**Observed in last run** (${o.run.mode} at ${when}, pipeline since edited; ${sampled})`
    : `**Observed in last run** (${o.run.mode} at ${when}; ${sampled})`;
  if (sh.fields.length === 0) return `\n\n${head}: no fields.`;
  const rows = sh.fields.slice(0, MAX_ROWS).map((f) => `| \`${cell(f.path)}\` | ${cell(typesText(f))} | ${f.present}/${sh.sampled} | ${cell(f.samples.join(', '))} |`);
  const more = sh.fields.length - MAX_ROWS + sh.moreFields;
  const tail = more > 0 ? `\n\n…and ${more} more field path${more === 1 ? '' : 's'}.` : '';
  return `\n\n${head}\n\n| Field | Types | In | Samples |\n| --- | --- | --- | --- |\n${rows.join('\n')}${tail}`;
}

function hhmm(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** A markdown table cell: no pipe, backtick or line break can end it early. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'").replace(/[\r\n]+/g, ' ');
}

/** The observed field paths as a completion shape (`a.b` nested, `tags[]` as array items). */
export function shapeOfObserved(sh: ObservedShape): Shape {
  const root: Shape = { t: 'object', fields: new Map() };
  const byPath = new Map<string, Shape>([['', root]]);
  for (const f of sh.fields) {
    const s = fieldShape(f);
    let parentPath: string;
    let attach: (p: Shape) => void;
    if (f.path.endsWith('[]')) {
      parentPath = f.path.slice(0, -2);
      attach = (p) => void (p.items = s);
    } else {
      const dot = f.path.lastIndexOf('.');
      parentPath = dot < 0 ? '' : f.path.slice(0, dot);
      const name = dot < 0 ? f.path : f.path.slice(dot + 1);
      attach = (p) => void (p.fields ??= new Map()).set(name, s);
    }
    const parent = byPath.get(parentPath);
    if (!parent) continue;
    attach(parent);
    byPath.set(f.path, s);
  }
  return root;
}

function fieldShape(f: ObservedField): Shape {
  const types = f.types.map(([t]) => t);
  const s: Shape = { t: types.join('|') };
  if (types.includes('object')) s.fields = new Map();
  return s;
}
