/**
 * $source (ASP): where a processor reads from. The connection's type picks the flavour:
 * inline documents, the sample generator, Kafka, or a MongoDB change stream.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-source/
 */
import { err, objectArg } from '../parse/args';
import type { StageSpec } from '../parse/types';
import type { SourceFlavour } from '../sources/flavour';
import { flavourFor, SOURCE_FIELDS } from '../sources/flavours';

export interface SourceConfig {
  flavour: SourceFlavour;
  config: unknown;
  connectionName?: string;
}

export const source: StageSpec<SourceConfig> = {
  name: '$source',
  kind: 'source',
  placement: { main: true, window: false, payload: false },
  operatorName: 'SourceOperator',
  summary: 'Reads documents from a connection (Kafka, a MongoDB change stream, the sample generator) or an inline array.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-source/',
  syntax: '{ $source: { connectionName: "<connection>", ... } } or { $source: { documents: [ ... ] } }',
  schema: {
    type: 'object',
    properties: {
      connectionName: { type: 'string', description: 'A connection from the registry' },
      documents: { description: 'Inline documents, or an expression evaluating to an array of documents' },
      timeField: { description: 'Expression giving the event time as a Date, e.g. {$dateFromString: {dateString: "$timestamp"}}' },
      tsFieldName: { type: 'string', default: '_ts', description: 'Top-level field that receives the event time' },
      topic: { description: 'Kafka: topic name or array of names' },
      partitionIdleTimeout: { type: 'object', properties: { size: { type: 'integer' }, unit: { enum: ['ms', 'second', 'minute', 'hour', 'day'] } } },
      db: { type: 'string', description: 'Change stream: database (omit for the whole cluster)' },
      coll: { description: 'Change stream: collection name or array of names' },
      config: { type: 'object' },
      schemaRegistry: { type: 'object', description: 'Kafka: values are Confluent-framed Avro, decoded with a SchemaRegistry connection', required: ['connectionName'], properties: { connectionName: { type: 'string', description: 'A SchemaRegistry connection' } } },
    },
  },
  examples: [
    {
      title: 'Inline documents with an event-time field',
      stage: { $source: { documents: [{ a: 1, t: { $date: '2024-01-01T00:00:00Z' } }], timeField: '$t' } },
      input: [],
    },
  ],
  parse(arg, path, ctx) {
    const o = objectArg('$source', arg, path, ctx);
    if (!o) return undefined;
    // Dispatch rule (asp-spec §2): `documents` wins, else the connection's type decides.
    if (o['documents'] !== undefined) {
      const f = flavourFor(undefined);
      const config = f?.parse(o, path, ctx);
      return f && config !== undefined ? { flavour: f, config } : undefined;
    }
    const name = o['connectionName'];
    if (name === undefined) {
      err(ctx, path, "$source must contain 'connectionName' field in it", 'ASP303', { data: { fields: SOURCE_FIELDS } });
      return undefined;
    }
    if (typeof name !== 'string') {
      err(ctx, [...path, 'connectionName'], 'connectionName must be a string', 'ASP304');
      return undefined;
    }
    const conn = ctx.connections.get(name);
    if (!conn) {
      err(ctx, [...path, 'connectionName'], `connection named ${name} does not exist. Check sp.listConnections() for available connections.`, 'ASP510', { data: { name, want: ['Kafka', 'Cluster', 'Sample'] } });
      return undefined;
    }
    const f = flavourFor(conn.type);
    if (!f) {
      err(ctx, [...path, 'connectionName'], `Invalid connectionName in $source ${JSON.stringify(o)}: a ${conn.type} connection cannot be a source`, 'ASP511', { data: { name, type: conn.type } });
      return undefined;
    }
    const config = f.parse(o, path, ctx);
    return config === undefined ? undefined : { flavour: f, config, connectionName: name };
  },
};
