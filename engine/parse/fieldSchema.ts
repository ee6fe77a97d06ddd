/**
 * A stage's JSON Schema (draft-07), derived from its field table or root role: what
 * `npm run generate` writes into schemas/asp-pipeline.schema.json for VS Code's JSON support.
 * It accepts exactly what the shared checker (checkFields.ts) accepts, as a property test shows.
 */
import { accumulatorRegistry } from '../accumulators/registry';
import type { FieldSpec, FieldType, RootRole } from './fieldSpec';
import { typesOf } from './fields';
import type { JsonSchema, StageSpec } from './types';

const INT32 = { minimum: -2147483648, maximum: 2147483647 };

/** One value type as a schema (`int` is a 32-bit integer, as MongoDB's IDL reads it). */
function typeSchema(t: FieldType): JsonSchema {
  switch (t) {
    case 'int':
      return { type: 'integer', ...INT32 };
    case 'bool':
      return { type: 'boolean' };
    case 'date':
      return { type: 'object', required: ['$date'], description: 'An Extended JSON date' };
    case 'any':
      return {};
    default:
      return { type: t };
  }
}

function objectSchema(fields: readonly FieldSpec[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of fields) {
    properties[f.name] = fieldSchema(f);
    for (const a of f.aliases ?? []) properties[a] = fieldSchema(f);
  }
  const required = fields.filter((f) => f.required).map((f) => f.name);
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** The schema of one field: its types (the object type carries its nested fields), enum, docs. */
export function fieldSchema(f: FieldSpec): JsonSchema {
  const doc: JsonSchema = { description: f.description };
  if (f.default !== undefined) doc['default'] = f.default;
  const types = typesOf(f.type);
  const branches: JsonSchema[] = [];
  if (f.enum) branches.push({ enum: [...f.enum] });
  for (const t of types) {
    // an enum stands for the scalar types it lists; objects and arrays keep their own branch
    if (f.enum && t !== 'object' && t !== 'array') continue;
    branches.push(t === 'object' && f.fields ? objectSchema(f.fields) : typeSchema(t));
  }
  if (branches.length === 0) return doc;
  if (branches.length === 1) return { ...branches[0], ...doc };
  return { ...doc, anyOf: branches };
}

function rootSchema(role: RootRole, type: FieldType | readonly FieldType[] | undefined, description: string): JsonSchema {
  const typed = (): JsonSchema => fieldSchema({ name: '', role, type, description });
  switch (role) {
    case 'fieldMap':
    case 'projection':
      return { type: 'object', description, additionalProperties: { description: role === 'fieldMap' ? 'An aggregation expression' : '1/true to include, 0/false to exclude, or an expression' } };
    case 'group':
      return {
        type: 'object',
        description,
        required: ['_id'],
        properties: { _id: { description: 'Group key expression; null for one group' } },
        additionalProperties: { type: 'object', minProperties: 1, maxProperties: 1, propertyNames: { enum: [...accumulatorRegistry.keys()] } },
      };
    case 'sort':
      return { type: 'object', description, minProperties: 1, additionalProperties: { enum: [1, -1] } };
    case 'fieldName':
      // `$unset: "a"` or `["a", "b"]`: a list of names is an array of strings
      return typesOf(type).includes('array') ? { description, anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } : typed();
    default:
      return typed();
  }
}

/** The schema of a stage's argument. */
export function stageSchema(spec: StageSpec): JsonSchema {
  if (spec.fields) {
    const obj = objectSchema(spec.fields);
    if (!spec.shorthand) return obj;
    return { anyOf: [fieldSchema({ name: '', role: spec.shorthand.role, type: spec.shorthand.type, description: spec.shorthand.description }), obj] };
  }
  return rootSchema(spec.rootRole ?? 'expr', spec.rootType, spec.summary);
}
