/** Stages the local engine validates for placement but does not run (they need Atlas services). */
import { objectArg } from '../parse/args';
import type { Placement, StageKind, StageSpec } from '../parse/types';

export function atlasOnlyStage(def: {
  name: string;
  kind: StageKind;
  placement: Placement;
  operatorName: string;
  summary: string;
  docsUrl: string;
  syntax: string;
  fields: Record<string, Record<string, unknown>>;
  required?: string[];
}): StageSpec<null> {
  return {
    name: def.name,
    kind: def.kind,
    placement: def.placement,
    operatorName: def.operatorName,
    summary: def.summary,
    docsUrl: def.docsUrl,
    syntax: def.syntax,
    schema: { type: 'object', properties: def.fields, required: def.required ?? [] },
    examples: [],
    parse(arg, path, ctx) {
      if (!objectArg(def.name, arg, path, ctx)) return undefined;
      ctx.report({
        code: 'ASP390',
        message: `${def.name} runs on Atlas only: the local engine checks its placement but cannot run it`,
        severity: 'warning',
        path,
      });
      return null;
    },
  };
}
