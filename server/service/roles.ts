/**
 * What a position inside a stage's argument means: an option of the stage's field table, an
 * aggregation expression, a query, a field name... Read from the catalog (the stage's
 * `rootRole`, its `fields[].role`) and the JSON path below its argument, so it works on
 * documents that do not parse completely. Below the table, expressions and queries are walked
 * by their own grammar (operators, `$and` lists, `$let` vars).
 */
import type { JsonPath } from '../../engine/core/types';
import type { FieldRole } from '../../engine/parse/fieldSpec';
import { fieldAt } from '../../engine/parse/fields';
import type { StageSpec } from '../../engine/parse/types';

export type Role =
  /** A position of the stage's field table: `schemaPath` is the option path (indices dropped). */
  | { k: 'options'; schemaPath: string[] }
  | { k: 'expr'; op?: string }
  | { k: 'fieldMap' }
  | { k: 'projection' }
  | { k: 'query' }
  | { k: 'queryList' }
  | { k: 'queryField' }
  | { k: 'group' }
  | { k: 'accumulator' }
  | { k: 'sort' }
  | { k: 'fieldName' }
  | { k: 'fieldPath' }
  | { k: 'metaPath' }
  | { k: 'literal' };

const EXPR: Role = { k: 'expr' };
const LITERAL: Role = { k: 'literal' };

/**
 * The editor role of a table role. Literals, nested options, durations, connections and inner
 * pipelines stay table positions: their keys and values are completed from the table.
 */
function roleOf(role: FieldRole, schemaPath: string[]): Role {
  switch (role) {
    case 'expr':
      return EXPR;
    case 'fieldMap':
    case 'projection':
    case 'query':
    case 'group':
    case 'sort':
    case 'fieldName':
    case 'fieldPath':
      return { k: role };
    default:
      return { k: 'options', schemaPath };
  }
}

/** The role of a stage's whole argument. */
export function stageRootRole(spec: StageSpec | undefined): Role {
  if (spec?.rootRole === 'literal' || spec?.rootRole === 'pipeline') return LITERAL;
  if (spec?.rootRole) return roleOf(spec.rootRole, []);
  return { k: 'options', schemaPath: [] };
}

const QUERY_LISTS = new Set(['$and', '$or', '$nor']);

/** One step down from `role` through the key or index `seg`, inside the stage of `spec`. */
export function step(role: Role, seg: string | number, spec: StageSpec | undefined): Role {
  switch (role.k) {
    case 'options': {
      if (typeof seg === 'number') return role;
      const schemaPath = [...role.schemaPath, seg];
      const field = fieldAt(spec?.fields, schemaPath);
      return field ? roleOf(field.role, schemaPath) : { k: 'options', schemaPath };
    }
    case 'expr':
      if (typeof seg === 'number') return role.op ? { k: 'expr', op: role.op } : EXPR;
      if (seg.startsWith('$')) {
        if (seg === '$meta') return { k: 'metaPath' };
        if (seg === '$literal') return LITERAL;
        return { k: 'expr', op: seg };
      }
      if (role.op === '$let' && seg === 'vars') return { k: 'fieldMap' };
      return role.op ? { k: 'expr', op: role.op } : EXPR;
    case 'fieldMap':
    case 'projection':
      return EXPR;
    case 'query':
      if (typeof seg === 'number') return role;
      if (QUERY_LISTS.has(seg)) return { k: 'queryList' };
      if (seg === '$expr') return EXPR;
      if (seg.startsWith('$')) return LITERAL;
      return { k: 'queryField' };
    case 'queryList':
      return { k: 'query' };
    case 'queryField':
      if (seg === '$elemMatch') return { k: 'query' };
      if (seg === '$not') return role;
      return LITERAL;
    case 'group':
      return seg === '_id' ? EXPR : { k: 'accumulator' };
    case 'accumulator':
      return EXPR;
    case 'fieldName':
    case 'fieldPath':
      return role;
    default:
      return LITERAL;
  }
}

/** The role of the value at `rel` (path below the stage's argument). */
export function roleAt(spec: StageSpec | undefined, rel: JsonPath): Role {
  let r = stageRootRole(spec);
  for (const seg of rel) r = step(r, seg, spec);
  return r;
}
