/**
 * The processor document's fields in one table: where each key sits, its type and values, its
 * documentation, and which format writes it there. The file format is the Atlas Admin API
 * `StreamsProcessor` body (also the Atlas UI's Upload File and `atlas api streams
 * createStreamProcessor --file`); mongosh and the drivers put some settings elsewhere, and those
 * placements are aliases. Validation (processorOptions.ts, processorSettings.ts), the generated
 * JSON Schema (scripts/generate.ts), completion (server/service/completeProcessor.ts) and export
 * (processorDocument.ts) all read this table.
 */
import type { ConnectionType } from '../connections/types';

/** Atlas's processor tiers, smallest first (docs: Atlas Stream Processing tiers). */
export const TIERS = ['SP2', 'SP5', 'SP10', 'SP30', 'SP50'] as const;
export type Tier = (typeof TIERS)[number];

export type FieldType = 'string' | 'boolean' | 'object' | 'array' | 'tier';

/** Who writes a field at this place: the Admin API body, mongosh's `sp` helpers and the drivers, or ASP Studio only. */
export type Placement = 'admin-api' | 'mongosh' | 'local';

export interface ProcessorField {
  /** Where the key sits, e.g. ['options', 'autoscaling', 'minTier']. */
  path: readonly string[];
  type: FieldType;
  /** One line: completion detail and the schema's description. */
  detail: string;
  /** Completion insert text for the value (a snippet). */
  snippet: string;
  /** Fields an object must have. */
  required?: readonly string[];
  placements: readonly Placement[];
  /** An alias stands for a canonical field; `sub` when a boolean alias sets one field of an object. */
  aliasOf?: { path: readonly string[]; sub?: string };
  /** Atlas acts on it; the local engine checks it and keeps it, nothing more. */
  atlasOnly?: boolean;
  /** A connection name: the connection types it accepts. */
  connectionTypes?: readonly ConnectionType[];
}

const TIER_SNIPPET = `"\${1|${TIERS.join(',')}|}"`;
const BOTH: readonly Placement[] = ['admin-api', 'mongosh'];

export const PROCESSOR_FIELDS: readonly ProcessorField[] = [
  { path: ['name'], type: 'string', detail: 'processor name', snippet: '"$1"', placements: BOTH },
  { path: ['pipeline'], type: 'array', detail: 'the stages, $source first', snippet: '[\n\t{ "\\$source": { "connectionName": "${1:sample_stream_solar}" } }$0\n]', placements: BOTH },
  { path: ['options'], type: 'object', detail: 'dlq, streamMetaFieldName, autoscaling', snippet: '{ $1 }', placements: BOTH },
  { path: ['tier'], type: 'tier', detail: 'Atlas tier to run on (Admin API placement; the local engine has one tier)', snippet: TIER_SNIPPET, placements: ['admin-api'], atlasOnly: true },
  { path: ['failoverEnabled'], type: 'boolean', detail: 'eligible for regional failover (Atlas, SP10 and up)', snippet: '${1|true,false|}', placements: ['admin-api'], atlasOnly: true },
  { path: ['$schema'], type: 'string', detail: 'JSON Schema of the file (ASP Studio only; dropped on export)', snippet: '"$1"', placements: ['local'] },
  { path: ['description'], type: 'string', detail: 'free text (ASP Studio only; dropped on export)', snippet: '"$1"', placements: ['local'] },

  { path: ['options', 'dlq'], type: 'object', detail: 'dead letter queue: a Cluster (or local) collection', snippet: '{ "connectionName": "${1:local}", "db": "${2:dlq}", "coll": "${3:dlq}" }', required: ['connectionName', 'db', 'coll'], placements: BOTH },
  { path: ['options', 'dlq', 'connectionName'], type: 'string', detail: 'Cluster connection for the DLQ', snippet: '"${1:local}"', placements: BOTH, connectionTypes: ['Cluster', 'Local'] },
  { path: ['options', 'dlq', 'db'], type: 'string', detail: 'database', snippet: '"$1"', placements: BOTH },
  { path: ['options', 'dlq', 'coll'], type: 'string', detail: 'collection', snippet: '"$1"', placements: BOTH },
  { path: ['options', 'streamMetaFieldName'], type: 'string', detail: 'name of the metadata field ("" disables it)', snippet: '"${1:_stream_meta}"', placements: BOTH },
  { path: ['options', 'autoscaling'], type: 'object', detail: 'vertical autoscaling between minTier and maxTier (Atlas)', snippet: '{ "enabled": true, "minTier": "${1|SP2,SP5,SP10,SP30,SP50|}", "maxTier": "${2|SP2,SP5,SP10,SP30,SP50|}" }', placements: BOTH, atlasOnly: true },
  { path: ['options', 'autoscaling', 'enabled'], type: 'boolean', detail: 'turns autoscaling on or off', snippet: '${1|true,false|}', placements: BOTH, atlasOnly: true },
  { path: ['options', 'autoscaling', 'minTier'], type: 'tier', detail: 'lowest tier to scale down to (default: the workspace default tier)', snippet: TIER_SNIPPET, placements: BOTH, atlasOnly: true },
  { path: ['options', 'autoscaling', 'maxTier'], type: 'tier', detail: 'highest tier to scale up to (default: the workspace maximum tier)', snippet: TIER_SNIPPET, placements: BOTH, atlasOnly: true },
  { path: ['options', 'tier'], type: 'tier', detail: 'Atlas tier (mongosh placement of the top-level tier)', snippet: TIER_SNIPPET, placements: ['mongosh'], aliasOf: { path: ['tier'] }, atlasOnly: true },
  { path: ['options', 'failover'], type: 'boolean', detail: 'regional failover (mongosh placement of failoverEnabled)', snippet: '${1|true,false|}', placements: ['mongosh'], aliasOf: { path: ['failoverEnabled'] }, atlasOnly: true },
  { path: ['options', 'enableAutoScaling'], type: 'boolean', detail: 'autoscaling on or off (driver placement of options.autoscaling.enabled)', snippet: '${1|true,false|}', placements: ['mongosh'], aliasOf: { path: ['options', 'autoscaling'], sub: 'enabled' }, atlasOnly: true },
];

const key = (p: readonly string[]): string => p.join('.');
const BY_PATH = new Map(PROCESSOR_FIELDS.map((f) => [key(f.path), f]));

export function fieldAt(path: readonly string[]): ProcessorField | undefined {
  return BY_PATH.get(key(path));
}

/** The fields directly inside the object at `parent` ([] for the document itself), in table order. */
export function fieldsUnder(parent: readonly string[]): ProcessorField[] {
  return PROCESSOR_FIELDS.filter((f) => f.path.length === parent.length + 1 && parent.every((p, i) => f.path[i] === p));
}

/** The names of the fields at `parent`, for "expected ..." messages. */
export function fieldNames(parent: readonly string[]): string[] {
  return fieldsUnder(parent).filter((f) => !f.placements.every((p) => p === 'local')).map((f) => f.path[f.path.length - 1]!);
}

/** The fields an export drops: ASP Studio's own keys. */
export function isLocalOnly(f: ProcessorField): boolean {
  return f.placements.length === 1 && f.placements[0] === 'local';
}

/** Tier order for the autoscaling bounds: SP2 < SP5 < SP10 < SP30 < SP50. */
export function tierRank(t: string): number {
  return (TIERS as readonly string[]).indexOf(t);
}

/**
 * JSON Schema of the object at `parent` ([] = the processor document), for the generated schema.
 * `pipelineRef` is the schema of the pipeline array (the stage catalog's part).
 */
export function fieldsSchema(parent: readonly string[], pipelineRef: Record<string, unknown>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const f of fieldsUnder(parent)) {
    const k = f.path[f.path.length - 1]!;
    const description = f.detail;
    switch (f.type) {
      case 'tier':
        properties[k] = { enum: [...TIERS], description };
        break;
      case 'boolean':
        properties[k] = { type: 'boolean', description };
        break;
      case 'string':
        properties[k] = k === 'name' && parent.length === 0 ? { type: 'string', minLength: 1, description } : { type: 'string', description };
        break;
      case 'array':
        properties[k] = { ...pipelineRef, description };
        break;
      case 'object':
        properties[k] = { ...fieldsSchema(f.path, pipelineRef), description };
        break;
    }
  }
  const out: Record<string, unknown> = { type: 'object', properties, additionalProperties: false };
  const f = fieldAt(parent);
  if (f?.required) out['required'] = [...f.required];
  return out;
}
