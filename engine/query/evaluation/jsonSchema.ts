// https://www.mongodb.com/docs/manual/reference/operator/query/jsonSchema/
import { compileJsonSchema } from '../jsonSchema';
import type { QueryOperatorSpec } from '../types';

export const jsonSchema: QueryOperatorSpec = {
  name: '$jsonSchema',
  level: 'top',
  category: 'evaluation',
  summary: 'Matches documents valid against a JSON Schema (draft 4 subset with bsonType).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/jsonSchema/',
  syntax: '{ $jsonSchema: { required: [ ... ], properties: { <field>: { bsonType: ... } } } }',
  examples: [{ filter: { $jsonSchema: { required: ['name'], properties: { name: { bsonType: 'string' } } } }, doc: { name: 'Ada' }, matches: true }, { filter: { $jsonSchema: { required: ['name'] } }, doc: { age: 3 }, matches: false }],
  snippet: '{ required: [${1}], properties: { $2 } }',
  compileTop: (arg, q, path) => compileJsonSchema(arg, q, path),
};
