/**
 * Stages the local engine validates but does not run (they need Atlas services): their field
 * table is checked like any other stage's (unknown, missing, wrongly typed fields), the rules
 * a table cannot say run in `rules`, and a warning (ASP390) says the local engine cannot run them.
 */
import type { Doc, JsonPath } from '../core/types';
import { isPlainObject } from '../bson/types';
import type { FieldSpec } from '../parse/fieldSpec';
import type { ParseContext, StageSpec } from '../parse/types';

/** Compile the expression fields, so their mistakes are reported even though nothing runs them. */
function compileExpressions(fields: readonly FieldSpec[], arg: Doc, path: JsonPath, ctx: ParseContext): void {
  for (const f of fields) {
    const v = arg[f.name];
    if (v === undefined) continue;
    if (f.role === 'expr') ctx.compiler.expr(v, [...path, f.name]);
    else if (f.role === 'fieldMap' && isPlainObject(v)) for (const [k, x] of Object.entries(v)) ctx.compiler.expr(x, [...path, f.name, k]);
  }
}

/** What an Atlas-only stage declares: the StageSpec facts it shares with every stage, its table and its rules. */
export type AtlasOnlyDef = Pick<
  StageSpec<null>,
  'name' | 'kind' | 'placement' | 'operatorName' | 'summary' | 'docsUrl' | 'syntax' | 'terminal' | 'outputShape'
> & {
  fields: readonly FieldSpec[];
  /** Checks across fields (conditional requirements); report through ctx. */
  rules?(arg: Doc, path: JsonPath, ctx: ParseContext): void;
};

export function atlasOnlyStage(def: AtlasOnlyDef): StageSpec<null> {
  const { rules, ...spec } = def;
  return {
    ...spec,
    examples: [],
    noExample: 'runs on Atlas only: the local engine checks it but cannot run it',
    parse(arg, path, ctx) {
      if (!isPlainObject(arg)) return undefined;
      compileExpressions(def.fields, arg, path, ctx);
      rules?.(arg, path, ctx);
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
