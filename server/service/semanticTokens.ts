/** Semantic tokens: stages, expression operators, field paths, $$variables and connection names. */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { Node } from 'jsonc-parser';
import type { ServiceCtx } from './context';
import type { ParsedDoc } from './parseCache';
import { keyNodeOf } from './jsonNav';

/** Standard token types, so every theme colours them. */
export const TOKEN_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['keyword', 'function', 'property', 'variable', 'namespace'],
  tokenModifiers: ['defaultLibrary'],
};

const STAGE = 0;
const OPERATOR = 1;
const FIELD = 2;
const VARIABLE = 3;
const CONNECTION = 4;

export function semanticTokens(ctx: ServiceCtx, parsed: ParsedDoc): SemanticTokens {
  return parsed.memoize('tokens', () => build(ctx, parsed));
}

function build(ctx: ServiceCtx, parsed: ParsedDoc): SemanticTokens {
  const stageKeys = new Set(parsed.model.stages.map((s) => s.keyNode).filter((n): n is Node => !!n));
  const toks: [number, number, number][] = [];
  const walk = (n: Node): void => {
    if (n.type === 'string') {
      const v = n.value as string;
      const isKey = n.parent?.type === 'property' && n.parent.children?.[0] === n;
      if (isKey) {
        if (stageKeys.has(n)) toks.push([n.offset, n.length, STAGE]);
        else if (v.startsWith('$') && isOperator(ctx, v)) toks.push([n.offset, n.length, OPERATOR]);
      } else if (v.startsWith('$$') && v.length > 2) {
        toks.push([n.offset, n.length, VARIABLE]);
      } else if (v.startsWith('$') && v.length > 1 && /^\$[A-Za-z_]/.test(v)) {
        toks.push([n.offset, n.length, FIELD]);
      } else if (keyNodeOf(n)?.value === 'connectionName') {
        toks.push([n.offset, n.length, CONNECTION]);
      }
      return;
    }
    for (const c of n.children ?? []) walk(c);
  };
  if (parsed.tree) walk(parsed.tree);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  const d = parsed.doc;
  for (const [offset, length, type] of toks) {
    const p = d.positionAt(offset);
    const deltaLine = p.line - prevLine;
    const deltaChar = deltaLine === 0 ? p.character - prevChar : p.character;
    data.push(deltaLine, deltaChar, length, type, type === STAGE || type === OPERATOR ? 1 : 0);
    prevLine = p.line;
    prevChar = p.character;
  }
  return { data };
}

function isOperator(ctx: ServiceCtx, v: string): boolean {
  const c = ctx.catalog;
  return c.exprOperators.has(v) || c.accumulators.has(v) || c.queryOperators.has(v) || c.stages.has(v);
}
