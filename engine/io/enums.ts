/**
 * Closed value lists that a stage's parser and its connector both read: Kafka key and value
 * encodings, $merge modes, schema-registry subject name strategies. Values, not types, so they live beside engine/io/types.ts rather
 * than in it (that module stays type-only).
 */

/** Kafka key encodings shared by `$source` (decode) and `$emit` (encode). */
export const KEY_FORMATS = ['binData', 'string', 'json', 'int', 'long', 'double'] as const;
export type KeyFormat = (typeof KEY_FORMATS)[number];

/** `$emit` value encodings. */
export type OutputFormat = 'relaxedJson' | 'canonicalJson' | 'basicJson';

/** `$merge` whenMatched / whenNotMatched modes. */
export const MATCHED = ['merge', 'replace', 'keepExisting', 'delete'] as const;
export const NOT_MATCHED = ['insert', 'discard'] as const;
export type Matched = (typeof MATCHED)[number];
export type NotMatched = (typeof NOT_MATCHED)[number];

/** `$emit.schemaRegistry.valueSchema.options.subjectNameStrategy`; TopicNameStrategy is the default. */
export const SUBJECT_NAME_STRATEGIES = ['TopicNameStrategy', 'RecordNameStrategy', 'TopicRecordNameStrategy'] as const;
export type SubjectNameStrategy = (typeof SUBJECT_NAME_STRATEGIES)[number];
