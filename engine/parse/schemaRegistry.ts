/**
 * `schemaRegistry` of a Kafka `$source` (`{ connectionName }`) and of a Kafka `$emit`
 * (`{ connectionName, valueSchema: { type: "avro", schema, options: { autoRegisterSchemas,
 * subjectNameStrategy } } }`): their field tables (the stages list them, so the schema,
 * completion and hover read them), and the rules a table cannot say: the SchemaRegistry
 * connection, the value schema checked as Avro (ASP316), and a record subject strategy with a
 * schema it can name (ASP316).
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-emit/
 */
import type { JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { SUBJECT_NAME_STRATEGIES, type SubjectNameStrategy } from '../io/enums';
import type { EmitSchemaRegistryConfig, SourceSchemaRegistryConfig } from '../io/types';
import { err, wrongType } from './args';
import { checkAvroSchema } from './avroSchema';
import { checkFields } from './checkFields';
import { connectionRef } from './connection';
import type { FieldSpec } from './fieldSpec';
import { fieldNamed } from './fields';
import type { ParseContext } from './types';

const CONNECTION: FieldSpec = {
  name: 'connectionName', role: 'connection', type: 'string', required: true, connectionTypes: ['SchemaRegistry'],
  description: 'A SchemaRegistry connection',
};

/** `$source.schemaRegistry`. */
export const SOURCE_SCHEMA_REGISTRY: FieldSpec = {
  name: 'schemaRegistry', role: 'options', type: 'object', description: 'Kafka: values are Confluent-framed Avro, decoded with a SchemaRegistry connection',
  fields: [CONNECTION],
};

/** `$emit.schemaRegistry`. */
export const EMIT_SCHEMA_REGISTRY: FieldSpec = {
  name: 'schemaRegistry', role: 'options', type: 'object', description: 'Kafka: write values as Confluent-framed Avro through a SchemaRegistry connection',
  fields: [
    CONNECTION,
    {
      // Atlas also takes an expression giving the document; the local engine does not run one (ASP312).
      name: 'valueSchema', role: 'options', type: ['object', 'string'], description: 'The schema values are written with, and how its subject is named and registered',
      fields: [
        { name: 'type', role: 'literal', type: 'string', enum: ['avro'], default: 'avro', description: 'The value format: avro' },
        { name: 'schema', role: 'literal', type: ['object', 'string', 'array'], description: "The writer schema (an Avro schema, or its JSON text); absent: the subject's latest version" },
        {
          name: 'options', role: 'options', type: 'object', description: 'Registration options',
          fields: [
            { name: 'autoRegisterSchemas', role: 'literal', type: 'bool', default: true, description: 'Register the schema under its subject (false: it must be registered already)' },
            { name: 'subjectNameStrategy', role: 'literal', type: 'string', enum: SUBJECT_NAME_STRATEGIES, default: 'TopicNameStrategy', description: 'How the subject is named: <topic>-value, the record name, or <topic>-<record name>' },
          ],
        },
      ],
    },
  ],
};

/** The SchemaRegistry connection `connectionName` names (its type checked by the table already). */
function registryConnection(name: unknown, prefix: string, path: JsonPath, ctx: ParseContext): string | undefined {
  if (typeof name !== 'string') return undefined;
  const conn = connectionRef(name, [...path, 'connectionName'], ctx, CONNECTION, {
    unknown: (n) => `connection named ${n} does not exist. Check sp.listConnections() for available connections.`,
    wrongType: (n, t) => `${prefix}.connectionName must name a SchemaRegistry connection; '${n}' is a ${t} connection`,
  });
  return conn ? name : undefined;
}

/**
 * `$source.schemaRegistry`; `v` is the field's value, `path` its path. `$source` checks its
 * fields in its flavours' parsers, so this checks the table too. Undefined after an error.
 */
export function parseSourceSchemaRegistry(v: Value, path: JsonPath, ctx: ParseContext): SourceSchemaRegistryConfig | undefined {
  const prefix = '$source.schemaRegistry';
  if (!isPlainObject(v)) {
    wrongType('$source', 'schemaRegistry', v, 'object', path, ctx);
    return undefined;
  }
  if (!checkFields(SOURCE_SCHEMA_REGISTRY.fields!, v, prefix, path, ctx)) return undefined;
  const connectionName = registryConnection(v['connectionName'], prefix, path, ctx);
  return connectionName === undefined ? undefined : { connectionName };
}

/**
 * `$emit.schemaRegistry`, whose table the stage's checker has run (EMIT_SCHEMA_REGISTRY):
 * values have their declared types here, or the stage has no config anyway. Undefined after
 * an error.
 */
export function parseEmitSchemaRegistry(v: Value, path: JsonPath, ctx: ParseContext): EmitSchemaRegistryConfig | undefined {
  const prefix = '$emit.schemaRegistry';
  if (!isPlainObject(v)) return undefined;
  const connectionName = registryConnection(v['connectionName'], prefix, path, ctx);
  const vs = v['valueSchema'];
  const vpath = [...path, 'valueSchema'];
  if (typeof vs === 'string' || (isPlainObject(vs) && Object.keys(vs).some((k) => k.startsWith('$')))) {
    err(ctx, vpath, `${prefix}.valueSchema as an expression is not run by the local engine: give the document {type: "avro", schema, options}`, 'ASP312');
    return undefined;
  }
  if (!isPlainObject(vs)) return connectionName === undefined ? undefined : { connectionName };
  const opath = [...vpath, 'options'];
  const o = isPlainObject(vs['options']) ? vs['options'] : {};
  const autoRegisterSchemas = typeof o['autoRegisterSchemas'] === 'boolean' ? o['autoRegisterSchemas'] : fieldDefault<boolean>('autoRegisterSchemas');
  const strategy = (SUBJECT_NAME_STRATEGIES as readonly unknown[]).includes(o['subjectNameStrategy']) ? (o['subjectNameStrategy'] as SubjectNameStrategy) : fieldDefault<SubjectNameStrategy>('subjectNameStrategy');
  const schema = vs['schema'];
  let ok = connectionName !== undefined;
  const check = schema === undefined ? undefined : checkAvroSchema(schema);
  if (check?.error) {
    err(ctx, [...vpath, 'schema'], `${prefix}.valueSchema.schema is not a valid Avro schema: ${check.error}`, 'ASP316');
    ok = false;
  } else if (strategy !== 'TopicNameStrategy' && (schema === undefined || check?.fullName === undefined)) {
    const why = schema === undefined ? 'no valueSchema.schema is given' : 'the schema is not a named type (a record, enum or fixed)';
    err(ctx, [...opath, 'subjectNameStrategy'], `subjectNameStrategy ${strategy} names the subject after the value schema's full name, and ${why}`, 'ASP316');
    ok = false;
  }
  if (!ok || connectionName === undefined) return undefined;
  return { connectionName, valueSchema: { type: 'avro', ...(schema === undefined ? {} : { schema: schema as string | object }), options: { autoRegisterSchemas, subjectNameStrategy: strategy } } };
}

/** A registration option's documented default, from the table. */
function fieldDefault<T>(name: string): T {
  const options = fieldNamed(fieldNamed(EMIT_SCHEMA_REGISTRY.fields, 'valueSchema')?.fields, 'options');
  return fieldNamed(options?.fields, name)!.default as T;
}
