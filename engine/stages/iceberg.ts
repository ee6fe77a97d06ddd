/** $iceberg (ASP): write to Apache Iceberg tables on S3. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-iceberg/ */
import { atlasOnlyStage } from './_atlasOnly';

export const iceberg = atlasOnlyStage({
  name: '$iceberg', kind: 'sink', placement: { main: true, window: false, payload: false }, operatorName: 'IcebergOperator',
  summary: 'Writes documents to an Apache Iceberg table (sink).',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-iceberg/',
  syntax: '{ $iceberg: { connectionName, bucket, databaseName, tableName, path, region?, mode?, idFieldName?, partitionedBy?, catalog?, schemaInference? } }',
  fields: [
    { name: 'connectionName', role: 'connection', type: 'string', required: true, connectionTypes: ['S3'], description: 'An S3 connection' },
    { name: 'bucket', role: 'literal', type: 'string', required: true, description: 'S3 bucket holding the Iceberg database' },
    // The docs' field table marks databaseName required, but their own examples omit it.
    { name: 'databaseName', role: 'literal', type: 'string', description: 'Iceberg database holding the table' },
    { name: 'tableName', role: 'expr', type: ['string', 'object'], required: true, description: 'The table, or an expression giving it per document' },
    { name: 'path', role: 'literal', type: 'string', required: true, description: 'Key prefix of the Iceberg database in the bucket' },
    { name: 'region', role: 'literal', type: 'string', description: 'AWS region of the bucket (needed when the processor does not run on AWS)' },
    { name: 'mode', role: 'literal', type: 'string', enum: ['cdc', 'insert'], default: 'cdc', description: 'cdc: apply each operation type; insert: append every document as a row' },
    { name: 'idFieldName', role: 'fieldName', type: 'string', default: '_id', description: 'Row key column in cdc mode' },
    { name: 'partitionedBy', role: 'literal', type: 'object', description: 'Column -> partition transform (identity, year, month, day, hour, {truncate}, {bucket})' },
    {
      name: 'catalog', role: 'options', type: 'object', description: 'The Iceberg catalog',
      fields: [{ name: 'type', role: 'literal', type: 'string', enum: ['hadoop', 'glue'], required: true, description: 'Catalog implementation' }],
    },
    {
      name: 'schemaInference', role: 'options', type: 'object', description: 'How the table schema is inferred',
      fields: [{ name: 'mode', role: 'literal', type: 'string', enum: ['json', 'nested'], default: 'json', required: true, description: 'json: objects and arrays as JSON strings; nested: as struct and list columns' }],
    },
  ],
});
