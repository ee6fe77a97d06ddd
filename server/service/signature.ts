/** Signature help for operators (by argument position or name) and for stage options such as window specs. */
import type { ParameterInformation, Position, SignatureHelp } from 'vscode-languageserver-types';
import type { Node } from 'jsonc-parser';
import type { ServiceCtx } from './context';
import type { ParsedDoc } from './parseCache';
import { keysOf, nodeAt, prop } from './jsonNav';

interface Param {
  start: number;
  end: number;
  key?: string;
}

/** `<...>` placeholders of a syntax line, with the key before each one in object syntax. */
export function syntaxParams(syntax: string): Param[] {
  const out: Param[] = [];
  const re = /(?:"?([A-Za-z_]\w*)"?\s*:\s*)?<[^>]+>/g;
  for (let m = re.exec(syntax); m; m = re.exec(syntax)) {
    out.push({ start: m.index, end: m.index + m[0].length, key: m[1] });
  }
  return out;
}

export function signatureHelp(ctx: ServiceCtx, parsed: ParsedDoc, pos: Position): SignatureHelp | null {
  const offset = parsed.doc.offsetAt(pos);
  const start = parsed.tree ? nodeAt(parsed.tree, offset) : undefined;
  const cat = ctx.catalog;
  for (let n: Node | undefined = start; n; n = n.parent) {
    if (n.type !== 'object') continue;
    const name = keysOf(n)[0];
    if (!name || !name.startsWith('$')) continue;
    const arg = prop(n, name);
    if (!arg || offset <= arg.offset || offset >= arg.offset + arg.length + (arg.type === 'array' || arg.type === 'object' ? 0 : 1)) continue;
    const stage = parsed.model.stages.find((s) => s.node === n);
    const doc = stage ? cat.stages.get(name) : cat.exprOperators.get(name) ?? cat.accumulators.get(name) ?? cat.queryOperators.get(name);
    if (!doc) continue;
    return help(doc.syntax, doc.summary, arg, offset, start);
  }
  return null;
}

function help(syntax: string, summary: string, arg: Node, offset: number, at: Node | undefined): SignatureHelp {
  const params = syntaxParams(syntax);
  const parameters: ParameterInformation[] = params.map((p) => ({ label: [p.start, p.end] }));
  let active = 0;
  if (arg.type === 'array') {
    active = (arg.children ?? []).filter((c) => c.offset + c.length < offset).length;
    if (params.length > 0 && active >= params.length) active = params.length - 1;
  } else if (arg.type === 'object') {
    // the innermost enclosing key that names a parameter (window specs nest: interval.size)
    for (let n: Node | undefined = at; n && n !== arg; n = n.parent) {
      const key = n.type === 'property' ? n.children?.[0]?.value : undefined;
      const i = key === undefined ? -1 : params.findIndex((p) => p.key === key);
      if (i >= 0) {
        active = i;
        break;
      }
    }
  }
  return { signatures: [{ label: syntax, documentation: summary, parameters }], activeSignature: 0, activeParameter: active };
}
