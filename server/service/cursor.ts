/** Where the cursor is, in pipeline terms: which stage, which role, which token to replace. */
import { getLocation, type Location, type Node } from 'jsonc-parser';
import type { JsonPath } from '../../engine/core/types';
import type { ParsedDoc, PipelineNode, StageNode } from './parseCache';
import { pathOf } from './jsonNav';
import { roleAt, type Role } from './roles';

export type Slot =
  /** A key of a stage object: the stage name itself. */
  | { k: 'stageKey'; stage: StageNode }
  /** An element position of a pipeline array with no object yet. */
  | { k: 'stageElement'; pipeline: PipelineNode | undefined; index: number }
  /** A key inside a stage's argument; `role` is the role of the object that holds it. */
  | { k: 'key'; stage: StageNode; rel: JsonPath; role: Role }
  /** A value inside a stage's argument; `rel` is the value's path, `role` its role. */
  | { k: 'value'; stage: StageNode; rel: JsonPath; role: Role }
  /** Processor document outside the pipeline: `path` from the root. */
  | { k: 'processor'; path: JsonPath; atKey: boolean }
  | { k: 'none' };

export interface Cursor {
  offset: number;
  loc: Location;
  slot: Slot;
  /** The token under the cursor (string, number, keyword, key) if any. */
  token: Node | undefined;
  /** Text typed between the token's opening quote (or start) and the cursor. */
  prefix: string;
  /** Replace range for completion items. */
  start: number;
  end: number;
  /** The token is a quoted string (or key) the cursor is inside. */
  quoted: boolean;
}

/** Path of each stage's object node, memoised on the parse. */
export function stagePaths(parsed: ParsedDoc): Map<StageNode, JsonPath> {
  return parsed.memoize('stagePaths', () => new Map(parsed.model.stages.map((s) => [s, pathOf(s.node)])));
}

function pipelinePaths(parsed: ParsedDoc): Map<string, PipelineNode> {
  return parsed.memoize('pipelinePaths', () => {
    const m = new Map<string, PipelineNode>();
    const visit = (p: PipelineNode | undefined): void => {
      if (!p) return;
      m.set(JSON.stringify(pathOf(p.node)), p);
      for (const s of p.stages) visit(s.inner);
    };
    visit(parsed.model.main);
    return m;
  });
}

function isPrefix(prefix: JsonPath, path: JsonPath): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
}

export function cursorAt(parsed: ParsedDoc, offset: number): Cursor {
  const text = parsed.text;
  const loc = getLocation(text, offset);
  const tok = loc.previousNode;
  let start = offset;
  let end = offset;
  let prefix = '';
  let quoted = false;
  let token: Node | undefined;
  if (tok && offset >= tok.offset && offset <= tok.offset + tok.length) {
    const isStr = tok.type === 'string' || (tok.type === 'property' && text[tok.offset] === '"');
    const closed = isStr && tok.length >= 2 && text[tok.offset + tok.length - 1] === '"';
    const inside = !isStr || offset < tok.offset + tok.length || !closed;
    if (inside && !(isStr && offset === tok.offset)) {
      token = tok;
      quoted = isStr;
      start = tok.offset;
      end = tok.offset + tok.length;
      prefix = text.slice(tok.offset + (isStr ? 1 : 0), offset);
    }
  }
  return { offset, loc, slot: slotOf(parsed, loc), token, prefix, start, end, quoted };
}

function slotOf(parsed: ParsedDoc, loc: Location): Slot {
  const path = loc.path;
  const atKey = loc.isAtPropertyKey;
  let best: StageNode | undefined;
  let bestLen = -1;
  for (const [s, p] of stagePaths(parsed)) {
    if (p.length > bestLen && isPrefix(p, path) && (path.length > p.length || atKey)) {
      best = s;
      bestLen = p.length;
    }
  }
  if (best) {
    if (atKey && path.length === bestLen + 1) return { k: 'stageKey', stage: best };
    // the whole argument: `{ "$unset": "|" }`, `{ "$replaceWith": | }`
    if (!atKey && path.length === bestLen + 1) return { k: 'value', stage: best, rel: [], role: roleAt(best.spec, []) };
    if (path.length > bestLen + 1) {
      const rel = path.slice(bestLen + 1);
      // a key being typed inside another stage's inner pipeline element is handled by the deeper stage
      if (atKey) return { k: 'key', stage: best, rel: rel.slice(0, -1), role: roleAt(best.spec, rel.slice(0, -1)) };
      return { k: 'value', stage: best, rel, role: roleAt(best.spec, rel) };
    }
  }
  const last = path[path.length - 1];
  if (!atKey && typeof last === 'number') {
    const p = pipelinePaths(parsed).get(JSON.stringify(path.slice(0, -1)));
    if (p) return { k: 'stageElement', pipeline: p, index: last };
  }
  if (!atKey && path.length === 0 && !parsed.tree) return { k: 'stageElement', pipeline: undefined, index: -1 };
  if (parsed.model.form === 'processor') return { k: 'processor', path, atKey };
  return { k: 'none' };
}
