/**
 * What a position inside a stage's argument means: an option of the stage's schema, an
 * aggregation expression, a query, a field name... Derived from the stage name and the JSON
 * path below its argument, so it works on documents that do not parse completely.
 */
import type { JsonPath } from '../../engine/core/types';

export type Role =
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

/** Option paths (dotted, array indices dropped) whose value is something other than plain options. */
const OPTION_ROLES: Record<string, Record<string, Role>> = {
  $source: { timeField: EXPR, documents: LITERAL, 'config.pipeline': LITERAL },
  $validate: { validator: { k: 'query' } },
  $replaceRoot: { newRoot: EXPR },
  $unwind: { path: { k: 'fieldPath' } },
  $lookup: { localField: { k: 'fieldName' }, foreignField: { k: 'fieldName' }, let: { k: 'fieldMap' } },
  $cachedLookup: { localField: { k: 'fieldName' }, foreignField: { k: 'fieldName' }, let: { k: 'fieldMap' } },
  $merge: { 'into.db': EXPR, 'into.coll': EXPR, on: { k: 'fieldName' }, let: { k: 'fieldMap' } },
  $emit: { topic: EXPR, db: EXPR, coll: EXPR, 'config.key': EXPR, 'config.headers': EXPR, 'timeseries.timeField': { k: 'fieldName' } },
  $tumblingWindow: { partitionBy: EXPR },
  $hoppingWindow: { partitionBy: EXPR },
  $sessionWindow: { partitionBy: EXPR },
  $https: { url: EXPR, urlPath: EXPR, headers: { k: 'fieldMap' }, parameters: { k: 'fieldMap' }, as: { k: 'fieldName' } },
  $externalFunction: { as: { k: 'fieldName' } },
};

/** The role of a stage's whole argument. */
export function stageRootRole(stage: string): Role {
  switch (stage) {
    case '$match':
      return { k: 'query' };
    case '$addFields':
    case '$set':
    case '$setStreamMeta':
      return { k: 'fieldMap' };
    case '$project':
      return { k: 'projection' };
    case '$replaceWith':
    case '$redact':
      return EXPR;
    case '$unset':
    case '$count':
      return { k: 'fieldName' };
    case '$group':
      return { k: 'group' };
    case '$sort':
      return { k: 'sort' };
    case '$limit':
      return LITERAL;
    default:
      return { k: 'options', schemaPath: [] };
  }
}

const QUERY_LISTS = new Set(['$and', '$or', '$nor']);

/** One step down from `role` through the key or index `seg`, inside stage `stage`. */
export function step(role: Role, seg: string | number, stage: string): Role {
  switch (role.k) {
    case 'options': {
      if (typeof seg === 'number') return role;
      const schemaPath = [...role.schemaPath, seg];
      const special = OPTION_ROLES[stage]?.[schemaPath.join('.')];
      if (special) return special;
      return { k: 'options', schemaPath };
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
export function roleAt(stage: string, rel: JsonPath): Role {
  let r = stageRootRole(stage);
  for (const seg of rel) r = step(r, seg, stage);
  return r;
}

/** The option path (dotted, indices dropped) of `rel`, for connection-type lookups. */
export function optionKey(rel: JsonPath): string {
  return rel.filter((s): s is string => typeof s === 'string').join('.');
}
