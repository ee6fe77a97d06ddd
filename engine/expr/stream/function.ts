// https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-function/
// Atlas only: compiling it is a warning (ASP390), so a file meant for Atlas validates and
// deploys; a local run of a pipeline that holds it is refused before it starts
// (engine/pipeline/run.ts). The closure below only guards a run that skipped that check.
import { ExprError } from '../../core/errors';
import type { ExprOperator } from '../types';

const MESSAGE = '$function runs JavaScript, which only Atlas evaluates; the local engine never runs user code. Deploy to Atlas to use it, or rewrite it with aggregation operators.';

export const $function: ExprOperator = {
  name: '$function',
  category: 'stream',
  summary: 'A JavaScript function (Atlas only, AWS-hosted workspaces); not evaluated by the local engine.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-function/',
  syntax: '{ $function: { body: <code>, args: <array>, lang: "js" } }',
  snippet: '{ body: "${1:function(x) { return x; }}", args: [${2:\\$field}], lang: "js" }',
  examples: [
    { doc: {}, expr: { $function: { body: 'function(x) { return x; }', args: [1], lang: 'js' } }, error: MESSAGE },
  ],
  compile(_arg, c, path) {
    c.report({ code: 'ASP390', message: MESSAGE, severity: 'warning', path });
    return () => {
      throw new ExprError(MESSAGE);
    };
  },
};
