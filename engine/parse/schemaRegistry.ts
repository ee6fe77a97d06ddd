/**
 * `schemaRegistry` of a Kafka `$source` (`{ connectionName }`) and of a Kafka `$emit`
 * (`{ connectionName, valueSchema: { type: "avro", schema, options: { autoRegisterSchemas,
 * subjectNameStrategy } } }`): the SchemaRegistry connection, the value schema checked as Avro
 * (ASP316), and a record subject strategy with a schema it can name (ASP316).
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-emit/
 */
import type { Doc, JsonPath } from '../core/types';
import { isPlainObject } from '../bson/types';
import { SUBJECT_NAME_STRATEGIES } from '../io/enums';
import type { EmitSchemaRegistryConfig, SourceSchemaRegistryConfig } from '../io/types';
import { enumValue, err, missing, noUnknownFields, optBool, wrongType } from './args';
import { checkAvroSchema } from './avroSchema';
import { connectionRef } from './connection';
import type { ParseContext } from './types';

/** The SchemaRegistry connection `schemaRegistry.connectionName` names, checked. */
function registryConnection(sr: Doc, prefix: string, path: JsonPath, ctx: ParseContext): string | undefined {
  const name = sr['connectionName'];
  if (name === undefined) {
    missing(prefix, 'connectionName', path, ctx);
    return undefined;
  }
  if (typeof name !== 'string') {
    wrongType(prefix, 'connectionName', name, 'string', [...path, 'connectionName'], ctx);
    return undefined;
  }
  const conn = connectionRef(name, [...path, 'connectionName'], ctx, ['SchemaRegistry'], (n) => `connection named ${n} does not exist. Check sp.listConnections() for available connections.`);
  if (!conn) return undefined;
  if (conn.type !== 'SchemaRegistry') {
    err(ctx, [...path, 'connectionName'], `${prefix}.connectionName must name a SchemaRegistry connection; '${name}' is a ${conn.type} connection`, 'ASP511', { data: { name, type: conn.type } });
    return undefined;
  }
  return name;
}

/** `$source.schemaRegistry`; `v` is the field's value, `path` its path. Undefined after an error. */
export function parseSourceSchemaRegistry(v: unknown, path: JsonPath, ctx: ParseContext): SourceSchemaRegistryConfig | undefined {
  const prefix = '$source.schemaRegistry';
  if (!isPlainObject(v)) {
    wrongType('$source', 'schemaRegistry', v, 'object', path, ctx);
    return undefined;
  }
  noUnknownFields(v, ['connectionName'], prefix, path, ctx);
  const connectionName = registryConnection(v, prefix, path, ctx);
  return connectionName === undefined ? undefined : { connectionName };
}

/** `$emit.schemaRegistry`. Undefined after an error. */
export function parseEmitSchemaRegistry(v: unknown, path: JsonPath, ctx: ParseContext): EmitSchemaRegistryConfig | undefined {
  const prefix = '$emit.schemaRegistry';
  if (!isPlainObject(v)) {
    wrongType('$emit', 'schemaRegistry', v, 'object', path, ctx);
    return undefined;
  }
  noUnknownFields(v, ['connectionName', 'valueSchema'], prefix, path, ctx);
  const connectionName = registryConnection(v, prefix, path, ctx);
  const vs = v['valueSchema'];
  if (vs === undefined) return connectionName === undefined ? undefined : { connectionName };
  const vpath = [...path, 'valueSchema'];
  const vprefix = `${prefix}.valueSchema`;
  if (!isPlainObject(vs)) {
    err(ctx, vpath, `${vprefix} must be a document {type: "avro", schema, options}; an expression giving it is not run by the local engine`, 'ASP312');
    return undefined;
  }
  noUnknownFields(vs, ['type', 'schema', 'options'], vprefix, vpath, ctx);
  let ok = connectionName !== undefined;
  if (vs['type'] !== undefined && enumValue(vs, 'type', ['avro'] as const, vprefix, vpath, ctx) === undefined) ok = false;
  const o = vs['options'] ?? {};
  const opath = [...vpath, 'options'];
  let autoRegisterSchemas = true;
  let subjectNameStrategy: (typeof SUBJECT_NAME_STRATEGIES)[number] = 'TopicNameStrategy';
  if (!isPlainObject(o)) {
    wrongType(vprefix, 'options', o, 'object', opath, ctx);
    ok = false;
  } else {
    noUnknownFields(o, ['autoRegisterSchemas', 'subjectNameStrategy'], `${vprefix}.options`, opath, ctx);
    const auto = optBool(o, 'autoRegisterSchemas', `${vprefix}.options`, opath, ctx);
    if (o['autoRegisterSchemas'] !== undefined && auto === undefined) ok = false;
    autoRegisterSchemas = auto ?? true;
    const strategy = enumValue(o, 'subjectNameStrategy', SUBJECT_NAME_STRATEGIES, `${vprefix}.options`, opath, ctx);
    if (o['subjectNameStrategy'] !== undefined && strategy === undefined) ok = false;
    subjectNameStrategy = strategy ?? 'TopicNameStrategy';
  }
  const schema = vs['schema'];
  if (schema !== undefined && typeof schema !== 'string' && !isPlainObject(schema) && !Array.isArray(schema)) {
    wrongType(vprefix, 'schema', schema, 'object', [...vpath, 'schema'], ctx);
    return undefined;
  }
  const check = schema === undefined ? undefined : checkAvroSchema(schema);
  if (check?.error) {
    err(ctx, [...vpath, 'schema'], `${vprefix}.schema is not a valid Avro schema: ${check.error}`, 'ASP316');
    ok = false;
  } else if (subjectNameStrategy !== 'TopicNameStrategy' && (schema === undefined || check?.fullName === undefined)) {
    const why = schema === undefined ? 'no valueSchema.schema is given' : 'the schema is not a named type (a record, enum or fixed)';
    err(ctx, [...opath, 'subjectNameStrategy'], `subjectNameStrategy ${subjectNameStrategy} names the subject after the value schema's full name, and ${why}`, 'ASP316');
    ok = false;
  }
  if (!ok || connectionName === undefined) return undefined;
  return { connectionName, valueSchema: { type: 'avro', ...(schema === undefined ? {} : { schema: schema as string | object }), options: { autoRegisterSchemas, subjectNameStrategy } } };
}
