/** Snippet text for stage and operator arguments, derived from the catalog. */
import { stageSchema } from '../../engine/parse/fieldSchema';
import type { StageSpec } from '../../engine/parse/types';
import { enumValues, propertiesOf, schemaAt, typesOf } from './schema';
import type { OperatorDoc } from './types';

/** Escape `$` and `}` so catalog text can sit inside a snippet. */
export function esc(s: string): string {
  return s.replace(/[$}\\]/g, (c) => '\\' + c);
}

function placeholder(s: Record<string, unknown>, n: number): string {
  const values = enumValues([s]);
  if (values.length > 0 && values.every((v) => typeof v === 'string')) return `"\${${n}|${values.join(',')}|}"`;
  const t = typesOf(s)[0];
  if (t === 'string') return `"$${n}"`;
  if (t === 'array') return `[ $${n} ]`;
  if (t === 'number' || t === 'integer') return `\${${n}:0}`;
  if (t === 'boolean') return `\${${n}|true,false|}`;
  return `{ $${n} }`;
}

/** `{ "connectionName": "$1" }` for $source: the required options with placeholders. */
export function stageArgSnippet(spec: StageSpec): string {
  const root = stageSchema(spec);
  const t = typesOf(root);
  if (t.length === 1 && (t[0] === 'integer' || t[0] === 'number')) return '${1:1}';
  if (t.length === 1 && t[0] === 'string') return '"$1"';
  const required = propertiesOf(schemaAt(root, []), root).filter((p) => p.required);
  if (required.length === 0) return '{ $1 }';
  let n = 1;
  const parts = required.map((p) => `"${p.name}": ${placeholder(p.schema, n++)}`);
  return `{ ${parts.join(', ')} }`;
}

/** The operator's own snippet, else one guessed from its syntax line. */
export function argSnippet(op: Pick<OperatorDoc, 'snippet' | 'syntax'> | string | undefined): string {
  if (typeof op === 'string') return op;
  if (op?.snippet) return op.snippet;
  const syntax = op?.syntax ?? '';
  const m = /^\{\s*"?\$\w+"?\s*:\s*(.)/.exec(syntax);
  if (m?.[1] === '[') return '[ $1 ]';
  if (m?.[1] === '{') return '{ $1 }';
  return '$1';
}
