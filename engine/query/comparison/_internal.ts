/** Helpers shared by the comparison query operators. */
import type { Value } from '../../core/types';
import type { QueryExample, QueryOperatorSpec } from '../types';
import { anyValue, comparisonTest, type ComparisonOp } from '../values';

export function docs(name: string): string {
  return `https://www.mongodb.com/docs/manual/reference/operator/query/${name.slice(1).toLowerCase()}/`;
}

/** $gt, $gte, $lt, $lte differ only by name and summary. */
export function comparisonOperator(name: ComparisonOp, summary: string, examples: QueryExample[]): QueryOperatorSpec {
  return {
    name,
    level: 'field',
    category: 'comparison',
    summary,
    docsUrl: docs(name),
    syntax: `{ <field>: { ${name}: <value> } }`,
    examples,
    snippet: '${1:value}',
    compileField: (arg: Value) => anyValue(comparisonTest(name, arg)),
  };
}

/** `$in`/`$nin` entries: no operator documents (regexes are allowed). */
export function isOperatorDoc(v: Value): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date) return false;
  if ((v as { _bsontype?: string })._bsontype !== undefined) return false;
  const k = Object.keys(v)[0];
  return k !== undefined && k.startsWith('$') && k !== '$regularExpression';
}
