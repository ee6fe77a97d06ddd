/** Snippet text and option docs for stage and operator arguments, derived from the catalog's field tables. */
import type { FieldSpec, FieldType } from '../../engine/parse/fieldSpec';
import { typesOf } from '../../engine/parse/fields';
import type { StageSpec } from '../../engine/parse/types';
import type { OperatorDoc } from './types';

/** Escape `$` and `}` so catalog text can sit inside a snippet. */
export function esc(s: string): string {
  return s.replace(/[$}\\]/g, (c) => '\\' + c);
}

/** A placeholder for a value of these types (and enum), numbered `n`. */
function placeholder(types: readonly FieldType[], values: readonly unknown[] | undefined, n: number): string {
  if (values && values.length > 0 && values.every((v) => typeof v === 'string')) return `"\${${n}|${values.join(',')}|}"`;
  if (values && values.length > 0) return `\${${n}|${values.map((v) => JSON.stringify(v)).join(',')}|}`;
  const t = types[0];
  if (t === 'string') return `"$${n}"`;
  if (t === 'array') return `[ $${n} ]`;
  if (t === 'int' || t === 'number') return `\${${n}:0}`;
  if (t === 'bool') return `\${${n}|true,false|}`;
  if (t === 'object') return `{ $${n} }`;
  return `$${n}`;
}

/** A placeholder for a field's value, chosen from its table entry. */
export function valueSnippet(f: FieldSpec, n: number): string {
  return placeholder(typesOf(f.type), f.enum, n);
}

/** `{ "connectionName": "$1" }` for $source: the required options with placeholders. */
export function stageArgSnippet(spec: StageSpec): string {
  if (!spec.fields) {
    const t = typesOf(spec.rootType);
    if (t.length === 1 && (t[0] === 'int' || t[0] === 'number')) return '${1:1}';
    if (t[0] === 'string') return '"$1"';
    if (spec.rootRole === 'group') return '{ "_id": ${1:null} }';
    return '{ $1 }';
  }
  const required = spec.fields.filter((f) => f.required);
  if (required.length === 0) return '{ $1 }';
  let n = 1;
  return `{ ${required.map((f) => `"${f.name}": ${valueSnippet(f, n++)}`).join(', ')} }`;
}

/** Markdown for an option: its description, accepted values and default. */
export function fieldDoc(f: FieldSpec): string {
  const lines = [f.description];
  if (f.enum) lines.push(`One of: ${f.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}`);
  if (f.default !== undefined) lines.push(`Default: \`${JSON.stringify(f.default)}\``);
  if (f.connectionTypes) lines.push(`Connection types: ${f.connectionTypes.join(', ')}`);
  if (f.localNote) lines.push(`Local engine: ${f.localNote}`);
  return lines.join('\n\n');
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
