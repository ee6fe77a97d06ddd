/**
 * Avro schemas for the Schema Registry codec, parsed by the team's interpreted codec
 * (engine/avro: no code generation, so a schema from the registry is only ever data). The
 * decoded values it gives (longs as bigints, unions wrapped in their branch name, logical
 * types as their underlying values) are mapped to BSON in toBson.ts and back in fromBson.ts.
 */
import { schemaJsonText } from '../../avro/exportSchema';
import { parseAvroSchema } from '../../avro/parse';
import { isNamed, type AvroType } from '../../avro/types';

export type { AvroType };

/** Parse an Avro schema (JSON text, a bare type name, or an object); throws AvroSchemaError. */
export function avroType(schema: string | object): AvroType {
  return parseAvroSchema(schema);
}

/** The schema as JSON text, attributes (logicalType, precision, scale, ...) kept. */
export function schemaText(type: AvroType): string {
  return schemaJsonText(type);
}

/** The fully qualified name of a named schema (record, enum, fixed), for subject strategies. */
export function fullName(type: AvroType): string | undefined {
  return isNamed(type) ? type.name : undefined;
}

/** The logical type's name where one applies, else the type's kind ('record', 'long', ...). */
export function kindName(type: AvroType): string {
  return type.logical?.name ?? type.kind;
}
