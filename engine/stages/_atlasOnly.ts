/**
 * Stages the local engine validates but does not run (they need Atlas services): their field
 * table is checked like any other stage's (unknown, missing, wrongly typed fields), the rules
 * a table cannot say run in `rules`, and a warning (ASP390) says the local engine cannot run them.
 */
import type { Doc, JsonPath } from '../core/types';
import { isPlainObject } from '../bson/types';
import type { FieldSpec } from '../parse/fieldSpec';
import type { ParseContext, Placement, StageKind, StageSpec } from '../parse/types';
import type { Shape } from '../parse/shape';
import type { Value } from '../core/types';

/** Compile the expression fields, so their mistakes are reported even though nothing runs them. */
function compileExpressions(fields: readonly FieldSpec[], arg: Doc, path: JsonPath, ctx: ParseContext): void {
  for (const f of fields) {
    const v = arg[f.name];
    if (v === undefined) continue;
    if (f.role === 'expr') ctx.compiler.expr(v, [...path, f.name]);
    else if (f.role === 'fieldMap' && isPlainObject(v)) for (const [k, x] of Object.entries(v)) ctx.compiler.expr(x, [...path, f.name, k]);
  }
}

export function atlasOnlyStage(def: {
  name: string;
  kind: StageKind;
  placement: Placement;
  operatorName: string;
  summary: string;
  docsUrl: string;
  syntax: string;
  fields: readonly FieldSpec[];
  /** May end a processor's pipeline. */
  terminal?: boolean;
  /** Checks across fields (conditional requirements); report through ctx. */
  rules?(arg: Doc, path: JsonPath, ctx: ParseContext): void;
  outputShape?(input: Shape, arg: Value): Shape;
}): StageSpec<null> {
  return {
    name: def.name,
    kind: def.kind,
    placement: def.placement,
    operatorName: def.operatorName,
    summary: def.summary,
    docsUrl: def.docsUrl,
    syntax: def.syntax,
    fields: def.fields,
    ...(def.terminal ? { terminal: true } : {}),
    examples: [],
    noExample: 'runs on Atlas only: the local engine checks it but cannot run it',
    ...(def.outputShape ? { outputShape: def.outputShape } : {}),
    parse(arg, path, ctx) {
      if (!isPlainObject(arg)) return undefined;
      compileExpressions(def.fields, arg, path, ctx);
      def.rules?.(arg, path, ctx);
      ctx.report({
        code: 'ASP390',
        message: `${def.name} runs on Atlas only: the local engine checks its placement and fields but cannot run it`,
        severity: 'warning',
        path,
      });
      return null;
    },
  };
}
