/**
 * $source (ASP): where a processor reads from. The connection's type picks the flavour:
 * inline documents, the sample generator, Kafka, or a MongoDB change stream.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-source/
 */
import type { Doc } from '../core/types';
import { isPlainObject } from '../bson/types';
import { err, objectArg } from '../parse/args';
import { connectionRef } from '../parse/connection';
import type { FieldSpec } from '../parse/fieldSpec';
import { fieldNamed } from '../parse/fields';
import { merge, setPath, obj, scalar, shapeOfValue, type Shape } from '../parse/shape';
import { SOURCE_SCHEMA_REGISTRY } from '../parse/schemaRegistry';
import type { StageSpec } from '../parse/types';
import type { SourceFlavour } from '../sources/flavour';
import { flavourFor, SOURCE_CONNECTION_TYPES, SOURCE_FIELDS } from '../sources/flavours';
import { connectionShape } from '../sources/shapes';
import { durationField } from '../parse/duration';

export interface SourceConfig {
  flavour: SourceFlavour;
  config: unknown;
  connectionName?: string;
}

/** Every field of every flavour; each flavour (engine/sources) checks the ones of its form. */
const FIELDS: FieldSpec[] = [
  {
    name: 'connectionName', role: 'connection', type: 'string', connectionTypes: SOURCE_CONNECTION_TYPES,
    description: 'A connection from the registry: Kafka, a Cluster change stream, or the sample generator',
  },
  { name: 'documents', role: 'literal', type: ['array', 'object'], description: 'Inline documents, or an expression evaluating to an array of documents' },
  { name: 'timeField', role: 'expr', type: ['object', 'string'], description: 'Expression giving the event time as a Date, e.g. {$dateFromString: {dateString: "$timestamp"}}' },
  { name: 'tsFieldName', role: 'literal', type: 'string', default: '_ts', aliases: ['tsFieldOverride'], description: 'Top-level field that receives the event time' },
  { name: 'topic', role: 'literal', type: ['string', 'array'], description: 'Kafka: topic name or array of names' },
  durationField('partitionIdleTimeout', 'Kafka: how long a partition may stay idle before the watermark moves on without it'),
  SOURCE_SCHEMA_REGISTRY,
  { name: 'db', role: 'literal', type: 'string', description: 'Change stream: database (omit for the whole cluster)' },
  { name: 'coll', role: 'literal', type: ['string', 'array'], description: 'Change stream: collection name or array of names' },
  { name: 'initialSync', role: 'options', type: 'object', description: 'Change stream: scan the collections before streaming their changes' },
  { name: 'readPreference', role: 'literal', type: 'string', description: 'Change stream: read preference of the source cluster' },
  { name: 'readPreferenceTags', role: 'literal', type: 'array', description: 'Change stream: read preference tags' },
  { name: 'config', role: 'options', type: 'object', description: 'Kafka consumer or change-stream options' },
];

export const source: StageSpec<SourceConfig> = {
  name: '$source',
  kind: 'source',
  placement: { main: true, window: false, payload: false },
  operatorName: 'SourceOperator',
  summary: 'Reads documents from a connection (Kafka, a MongoDB change stream, the sample generator) or an inline array.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-source/',
  syntax: '{ $source: { connectionName: "<connection>", ... } } or { $source: { documents: [ ... ] } }',
  fields: FIELDS,
  checkFieldsInParse: "the connection's type picks the flavour, and each flavour (engine/sources) checks the fields of its form",
  examples: [
    {
      title: 'Inline documents with an event-time field',
      stage: { $source: { documents: [{ a: 1, t: { $date: '2024-01-01T00:00:00Z' } }], timeField: '$t' } },
      input: [],
      output: [{ a: 1, t: new Date('2024-01-01T00:00:00Z') }],
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
    const conn = connectionRef(name, [...path, 'connectionName'], ctx, fieldNamed(FIELDS, 'connectionName')!, {
      unknown: (n) => `connection named ${n} does not exist. Check sp.listConnections() for available connections.`,
      wrongType: (_n, t) => `Invalid connectionName in $source ${JSON.stringify(o)}: a ${t} connection cannot be a source`,
    });
    const f = conn && flavourFor(conn.type);
    if (!conn || !f) return undefined;
    const config = f.parse(o, path, ctx);
    return config === undefined ? undefined : { flavour: f, config, connectionName: name };
  },
  outputShape(_input, arg, ctx) {
    const a: Doc = isPlainObject(arg) ? arg : {};
    let seed: Shape;
    if (Array.isArray(a['documents'])) {
      let acc: Shape | undefined;
      for (const d of a['documents'].slice(0, 200)) {
        const sh = shapeOfValue(d);
        acc = acc ? merge(acc, sh) : sh;
      }
      seed = acc && acc.t === 'object' ? acc : obj();
    } else {
      const name = a['connectionName'];
      seed = typeof name === 'string' ? connectionShape(ctx.connections.get(name)?.type) : obj({}, true);
    }
    const ts = a['tsFieldName'];
    const out = setPath(seed, typeof ts === 'string' ? ts : '_ts', scalar('date'));
    return setPath(out, '_stream_meta', obj({ source: obj({ type: scalar('string') }, true) }, true));
  },
};
