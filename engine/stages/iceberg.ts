/** $iceberg (ASP): write to Apache Iceberg tables on S3. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-iceberg/ */
import { atlasOnlyStage } from './_atlasOnly';

export const iceberg = atlasOnlyStage({
  name: '$iceberg', kind: 'sink', placement: { main: true, window: false, payload: false }, operatorName: 'IcebergOperator',
  summary: 'Writes documents to an Apache Iceberg table (sink).',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-iceberg/',
  syntax: '{ $iceberg: { connectionName, bucket, databaseName, tableName, path, mode, catalog } }',
  fields: { connectionName: { type: 'string' }, bucket: { type: 'string' }, region: { type: 'string' }, databaseName: { type: 'string' }, tableName: {}, path: { type: 'string' }, mode: { enum: ['cdc', 'insert'], default: 'cdc' }, idFieldName: { type: 'string', default: '_id' }, partitionedBy: {}, catalog: { type: 'object' }, schemaInference: { type: 'object' } },
});
