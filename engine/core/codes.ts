/**
 * Every code the project raises, in one table: the located diagnostics (`ASPnnn`, grouped by
 * range) and the runtime error codes carried by EngineError (`ASP_*`, plus the MongoDB code
 * names that user errors mirror). `Diagnostic.code` and `EngineError.code` are typed by these
 * keys, so an unlisted code fails the type check; test/engine/codes.test.ts fails on a code
 * literal that is not listed and on a listed code nobody raises. docs/diagnostics.md is
 * generated from this file (`npm run generate`).
 */

export type CodeSeverity = 'error' | 'warning' | 'information';

export interface DiagnosticCodeInfo {
  /** The severity at most sites; `also` lists the other severities some sites use. */
  severity: CodeSeverity;
  also?: readonly CodeSeverity[];
  summary: string;
  /** The folders that raise it (engine layer folders, or server/service). */
  raisedBy: readonly string[];
}

export interface RuntimeCodeInfo {
  /** engine/core/errors.ts ErrorDomain: what the runtime does with it. */
  domain: 'user' | 'external' | 'internal';
  summary: string;
  raisedBy: readonly string[];
}

/** Ranges, for the generated page: the first digit of an ASPnnn code. */
export const DIAGNOSTIC_RANGES: Record<string, string> = {
  '0': 'the language server itself',
  '1': 'JSON and file shape',
  '2': 'pipeline shape and stage placement (asp-spec §1)',
  '3': 'stage arguments',
  '4': 'expressions and query operators',
  '5': 'connections and connection references',
  '6': 'pipeline test fixtures (`asp test`, *.asp.test.json)',
};

export const DIAGNOSTIC_CODES = {
  ASP001: { severity: 'information', summary: 'The validator failed on a document; only syntax errors are shown.', raisedBy: ['server/service'] },

  ASP101: { severity: 'error', summary: 'The file is not valid JSON, or is empty.', raisedBy: ['engine/json', 'engine/pipeline', 'engine/testing', 'server/service'] },
  ASP102: { severity: 'error', summary: 'Expected a pipeline array or a processor document {name, pipeline, options}.', raisedBy: ['engine/pipeline'] },
  ASP103: { severity: 'error', summary: 'Unknown field in a processor document.', raisedBy: ['engine/pipeline'] },
  ASP104: { severity: 'error', summary: 'Invalid processor name.', raisedBy: ['engine/pipeline'] },
  ASP105: { severity: 'error', summary: 'A processor document has no "pipeline" array.', raisedBy: ['engine/pipeline'] },
  ASP106: { severity: 'error', summary: 'Processor options are not an object, or name an unknown field.', raisedBy: ['engine/pipeline'] },
  ASP107: { severity: 'error', summary: 'options.dlq is not {connectionName, db, coll}.', raisedBy: ['engine/pipeline'] },
  ASP108: { severity: 'error', summary: 'streamMetaFieldName is not a top-level field name.', raisedBy: ['engine/pipeline'] },
  ASP109: { severity: 'error', summary: 'An Atlas setting (tier, failoverEnabled, options.autoscaling, or a mongosh alias) has the wrong type or value.', raisedBy: ['engine/pipeline'] },
  ASP110: { severity: 'error', also: ['warning'], summary: 'Atlas settings that do not fit together (minTier above maxTier, tier outside the autoscaling range, failover below SP10).', raisedBy: ['engine/pipeline'] },
  ASP111: { severity: 'error', summary: 'A setting given at its Admin API placement and at its mongosh alias with different values.', raisedBy: ['engine/pipeline'] },

  ASP201: { severity: 'error', summary: 'The pipeline has no stages.', raisedBy: ['engine/pipeline'] },
  ASP202: { severity: 'error', summary: 'A stage object must contain exactly one field.', raisedBy: ['engine/pipeline'] },
  ASP203: { severity: 'error', summary: 'A stage specification must be an object.', raisedBy: ['engine/parse', 'engine/stages'] },
  ASP204: { severity: 'error', summary: 'Unsupported (unknown) stage name; suggests the closest one.', raisedBy: ['engine/pipeline', 'server/service'] },
  ASP205: { severity: 'error', summary: 'The first stage must be $source.', raisedBy: ['engine/pipeline'] },
  ASP206: { severity: 'error', also: ['warning', 'information'], summary: 'The last stage must be $merge or $emit: an error when a processor is created, a warning in a processor document, a hint in a bare (preview) pipeline.', raisedBy: ['engine/pipeline'] },
  ASP207: { severity: 'error', summary: 'A stage follows the sink.', raisedBy: ['engine/pipeline'] },
  ASP208: { severity: 'error', summary: 'A window-only stage ($group, $sort, $limit, $count) in the main pipeline.', raisedBy: ['engine/pipeline'] },
  ASP209: { severity: 'error', summary: 'A stage that is not permitted where it stands (main or window pipeline).', raisedBy: ['engine/pipeline'] },
  ASP210: { severity: 'error', summary: 'A stage that is not permitted in the payload pipeline of $https.', raisedBy: ['engine/pipeline'] },
  ASP211: { severity: 'error', summary: 'More than one window stage.', raisedBy: ['engine/pipeline'] },
  ASP212: { severity: 'error', summary: '$source appears again after the first stage.', raisedBy: ['engine/pipeline'] },
  ASP216: { severity: 'error', summary: 'A window stage in a pipeline whose change-stream $source has initialSync enabled.', raisedBy: ['engine/pipeline'] },

  ASP301: { severity: 'error', summary: 'A stage argument is invalid (the generic argument error).', raisedBy: ['engine/parse'] },
  ASP302: { severity: 'error', summary: 'An unknown field in a stage argument.', raisedBy: ['engine/parse'] },
  ASP303: { severity: 'error', summary: 'A required field of a stage argument is missing.', raisedBy: ['engine/parse', 'engine/stages'] },
  ASP304: { severity: 'error', summary: 'A stage argument field has the wrong type or is empty.', raisedBy: ['engine/parse', 'engine/sources', 'engine/stages'] },
  ASP305: { severity: 'error', summary: 'A stage argument field is not one of its enumeration values.', raisedBy: ['engine/parse'] },
  ASP306: { severity: 'error', summary: 'tsFieldName / tsFieldOverride is empty or dotted.', raisedBy: ['engine/sources'] },
  ASP307: { severity: 'error', summary: 'timeField is not an expression object or a field path.', raisedBy: ['engine/sources'] },
  ASP308: { severity: 'error', summary: 'The $source documents expression does not give an array of objects.', raisedBy: ['engine/sources'] },
  ASP309: { severity: 'error', summary: 'A malformed duration {size, unit}, or an invalid $project / $addFields specification.', raisedBy: ['engine/parse', 'engine/stages'] },
  ASP310: { severity: 'error', summary: 'A field that requires another ($emit key without keyFormat), or a malformed $unset.', raisedBy: ['engine/stages'] },
  ASP311: { severity: 'error', summary: 'A duplicate $merge.on field, or a newRoot that is not an expression.', raisedBy: ['engine/stages'] },
  ASP312: { severity: 'error', summary: 'An option the local engine does not run (a valueSchema expression, ...), or a malformed $unwind path.', raisedBy: ['engine/parse', 'engine/stages'] },
  ASP313: { severity: 'error', summary: 'Options that contradict each other (change-stream fullDocument options, $validate dlq action without a DLQ).', raisedBy: ['engine/sources', 'engine/stages'] },
  ASP314: { severity: 'error', summary: 'The $validate validator does not parse.', raisedBy: ['engine/stages'] },
  ASP315: { severity: 'error', summary: '$setStreamMeta keys must start with "$".', raisedBy: ['engine/stages'] },
  ASP316: { severity: 'error', summary: 'An $emit.schemaRegistry value schema that is not valid Avro, or a record subject name strategy without a named schema to name the subject after.', raisedBy: ['engine/parse'] },
  ASP335: { severity: 'error', summary: 'A window argument value is out of range (size 0, lateness over 30 minutes, ...).', raisedBy: ['engine/windows'] },
  ASP336: { severity: 'error', summary: 'allowedLateness or idleTimeout on a processing-time window.', raisedBy: ['engine/windows'] },
  ASP337: { severity: 'error', summary: 'A $sessionWindow pipeline without $group or $sort first, or reading window metadata too early.', raisedBy: ['engine/windows'] },
  ASP340: { severity: 'error', summary: 'An invalid $group specification.', raisedBy: ['engine/windows'] },
  ASP341: { severity: 'error', summary: 'An invalid accumulator argument.', raisedBy: ['engine/accumulators', 'engine/windows'] },
  ASP342: { severity: 'error', summary: 'An unknown accumulator.', raisedBy: ['engine/windows'] },
  ASP345: { severity: 'error', summary: 'An invalid $sort specification.', raisedBy: ['engine/windows'] },
  ASP346: { severity: 'error', summary: 'An invalid $limit value.', raisedBy: ['engine/windows'] },
  ASP347: { severity: 'error', summary: 'An invalid $count field name.', raisedBy: ['engine/windows'] },
  ASP390: { severity: 'warning', summary: 'A stage or operator that runs on Atlas only ($https, $function, ...): it is checked; a local run of a pipeline holding one is refused (engine/pipeline).', raisedBy: ['engine/expr', 'engine/pipeline', 'engine/stages'] },

  ASP401: { severity: 'error', summary: 'An invalid expression (the generic expression error).', raisedBy: ['engine/expr'] },
  ASP402: { severity: 'error', summary: 'An invalid field path.', raisedBy: ['engine/expr'] },
  ASP403: { severity: 'error', summary: 'A system variable that Atlas Stream Processing does not support.', raisedBy: ['engine/expr'] },
  ASP404: { severity: 'error', summary: 'Use of an undefined variable.', raisedBy: ['engine/expr'] },
  ASP405: { severity: 'error', summary: 'An expression object must contain exactly one field, the operator name.', raisedBy: ['engine/expr'] },
  ASP406: { severity: 'error', summary: 'An unrecognized expression operator; suggests the closest one.', raisedBy: ['engine/expr', 'server/service'] },
  ASP407: { severity: 'error', summary: 'A field name in an expression object starts with "$" or contains ".".', raisedBy: ['engine/expr'] },
  ASP410: { severity: 'error', summary: 'An operator was given the wrong number of arguments.', raisedBy: ['engine/expr'] },
  ASP411: { severity: 'error', summary: 'An operator argument is invalid (missing, unknown or wrongly typed named argument), or a call whose arguments are all constant always fails.', raisedBy: ['engine/expr'] },
  ASP412: { severity: 'error', summary: '$meta reads stream metadata only.', raisedBy: ['engine/expr'] },
  ASP413: { severity: 'error', summary: 'A constant argument does not parse (time zone, date format, unit, ...).', raisedBy: ['engine/expr'] },
  ASP420: { severity: 'error', summary: 'An unknown query operator; suggests the closest one.', raisedBy: ['engine/query', 'server/service'] },
  ASP421: { severity: 'error', summary: 'An invalid query filter or regular expression (the generic query error).', raisedBy: ['engine/expr', 'engine/query'] },
  ASP422: { severity: 'error', summary: 'A query operator that is not allowed in Atlas Stream Processing.', raisedBy: ['engine/query'] },
  ASP423: { severity: 'error', summary: 'A query operator the local engine does not run (geospatial).', raisedBy: ['engine/query'] },

  ASP501: { severity: 'error', summary: 'The connection registry is not an array or {"connections": [...]}.', raisedBy: ['engine/connectors'] },
  ASP502: { severity: 'error', also: ['warning'], summary: 'A connection lacks a field it needs, or a field has the wrong type or value (a warning for a Cluster without a local uri).', raisedBy: ['engine/connectors'] },
  ASP503: { severity: 'error', summary: 'An unknown connection type.', raisedBy: ['engine/connectors'] },
  ASP504: { severity: 'warning', summary: 'An unknown field for the connection type.', raisedBy: ['engine/connectors'] },
  ASP505: { severity: 'error', summary: 'A duplicate connection name.', raisedBy: ['engine/connectors'] },
  ASP506: { severity: 'error', summary: 'A secret written into the registry file instead of a ${env:NAME} reference.', raisedBy: ['engine/connectors'] },
  ASP510: { severity: 'error', summary: 'A connection name that does not exist.', raisedBy: ['engine/parse', 'engine/pipeline'] },
  ASP511: { severity: 'error', summary: 'A connection of a type the stage or option does not accept.', raisedBy: ['engine/parse', 'engine/pipeline'] },
  ASP512: { severity: 'warning', summary: 'A stage uses a connection the local engine cannot reach (an Atlas-only type such as S3 or AWSLambda, a Kafka mechanism only Atlas runs, a Cluster without a local uri): like ASP390, it is checked and runs on Atlas only.', raisedBy: ['engine/pipeline'] },

  ASP601: { severity: 'error', summary: 'A test fixture does not have the *.asp.test.json shape.', raisedBy: ['engine/testing'] },
  ASP602: { severity: 'error', summary: 'A file a test fixture names cannot be read.', raisedBy: ['engine/testing'] },
  ASP603: { severity: 'error', summary: 'A line of a fixture input file is not an Extended JSON document.', raisedBy: ['engine/testing'] },
  ASP604: { severity: 'error', summary: 'A test fixture run failed before it produced its output.', raisedBy: ['engine/testing'] },
} as const satisfies Record<string, DiagnosticCodeInfo>;

export const RUNTIME_CODES = {
  ASP_ERROR: { domain: 'internal', summary: 'An engine error without a more specific code.', raisedBy: ['engine/core'] },
  EXPR_ERROR: { domain: 'user', summary: 'A document failed in an expression; it goes to the DLQ with MongoDB\'s message.', raisedBy: ['engine/core'] },
  ConversionFailure: { domain: 'user', summary: 'MongoDB\'s codeName for a failed conversion ($convert, $dateFromString); onError may catch it.', raisedBy: ['engine/expr'] },
  DuplicateKey: { domain: 'user', summary: 'MongoDB\'s codeName for a duplicate _id (local store; also read from a MongoDB write error).', raisedBy: ['engine/store', 'engine/connectors'] },
  ImmutableField: { domain: 'user', summary: 'MongoDB\'s codeName for an update that changes _id (local store; also read from a MongoDB write error).', raisedBy: ['engine/store', 'engine/connectors'] },
  ASP_STORE_FILTER: { domain: 'user', summary: 'A filter the local store cannot evaluate.', raisedBy: ['engine/store'] },
  ASP_UNKNOWN_CONNECTION: { domain: 'user', summary: 'A run names a connection that is not in the registry.', raisedBy: ['engine/connectors'] },
  ASP_CONNECTION_TYPE: { domain: 'user', summary: 'A connection of the wrong type for what the run asks of it.', raisedBy: ['engine/connectors'] },
  ASP_CONNECTION_CONFIG: { domain: 'user', summary: 'A connection whose configuration cannot be used (missing uri, unresolved ${env:NAME}, ...).', raisedBy: ['engine/connectors'] },
  ASP_CONNECTION: { domain: 'external', summary: 'A Kafka or MongoDB server could not be reached or failed; retried with backoff.', raisedBy: ['engine/connectors'] },
  ASP_KAFKA_CODEC: { domain: 'internal', summary: 'A Kafka compression codec could not be loaded.', raisedBy: ['engine/connectors'] },
  ASP_NO_SERVICES: { domain: 'internal', summary: 'A connection-backed stage or source was built without connector services.', raisedBy: ['engine/connectors', 'engine/io'] },
  ASP_NO_CHAIN: { domain: 'internal', summary: 'An inner pipeline was run without the runtime\'s chain builder.', raisedBy: ['engine/stages'] },
  ASP_AVRO_DECODE: { domain: 'user', summary: 'A Kafka record that does not decode as Confluent-framed Avro; it goes to the DLQ.', raisedBy: ['engine/connectors'] },
  ASP_AVRO_ENCODE: { domain: 'user', summary: 'A document that does not fit the $emit Avro schema; it goes to the DLQ.', raisedBy: ['engine/connectors'] },
  ASP_AVRO_SCHEMA: { domain: 'user', summary: 'An Avro schema that cannot be used (invalid, or missing where the subject strategy needs one).', raisedBy: ['engine/connectors'] },
  ASP_SCHEMA_REGISTRY_AUTH: { domain: 'user', summary: 'The schema registry refused the credentials (401/403); not retried.', raisedBy: ['engine/connectors'] },
  DurationOverflow: { domain: 'user', summary: 'MongoDB\'s error for $dateFromParts parts that overflow a date ("Overflow casting from a lower-precision duration to a higher-precision duration").', raisedBy: ['engine/expr'] },
  UnsupportedRegex: { domain: 'user', summary: 'A regular expression computed per document that uses PCRE syntax JavaScript cannot express; the document goes to the DLQ.', raisedBy: ['engine/expr'] },
  ASP_INITIAL_SYNC_ID: { domain: 'user', summary: 'initialSync found _ids of a kind Atlas cannot sync (not all ObjectIds, or not all int/long); the processor fails naming the collection.', raisedBy: ['engine/connectors'] },
  ASP_HTTPS_FAILED: { domain: 'user', summary: 'A $https request failed with onError "fail", or with a status onError does not handle (not 400, 404, 410, 413, 414, 431): the processor stops, naming the status or error.', raisedBy: ['engine/connectors'] },
  ExceededMemoryLimit: { domain: 'user', summary: 'MongoDB\'s codeName for a memory limit: $range\'s estimate, $push/$addToSet state, or the per-document growth budget past 100 MB; the document goes to the DLQ.', raisedBy: ['engine/expr'] },
  Location16493: { domain: 'user', summary: 'MongoDB\'s code for a string of 16 MB or more ("Tried to create string longer than 16MB").', raisedBy: ['engine/expr'] },
  TypeMismatch: { domain: 'user', summary: 'MongoDB\'s codeName for a value of the wrong BSON type: a $bitAnd/$bitOr/$bitXor/$bitNot operand that is not an integer, a wire command field, a MongoDB write error read back.', raisedBy: ['engine/expr', 'engine/wire', 'engine/connectors'] },
  Overflow: { domain: 'user', summary: 'MongoDB\'s codeName for a date or integer result that does not fit (date arithmetic, $convert of a string past int64).', raisedBy: ['engine/expr'] },
  Location51276: { domain: 'user', summary: 'MongoDB\'s code for $binarySize of something that is neither a string nor binData.', raisedBy: ['engine/expr'] },
  Location31393: { domain: 'user', summary: 'MongoDB\'s code for $bsonSize of something that is not a document.', raisedBy: ['engine/expr'] },
  ASP_ATLAS_ONLY: { domain: 'user', summary: 'A local run of a pipeline with an Atlas-only stage or operator (ASP390) is refused before it starts.', raisedBy: ['engine/pipeline'] },
  ASP_UNSUPPORTED: { domain: 'internal', summary: 'A stage the local engine cannot run reached the run loop.', raisedBy: ['engine/pipeline'] },
  ASP_WINDOW_PENDING: { domain: 'internal', summary: 'A window pipeline with an async stage ($https) drained but did not pass its output on.', raisedBy: ['engine/windows'] },
} as const satisfies Record<string, RuntimeCodeInfo>;

/** A located-diagnostic code: `Diagnostic.code`. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
/** An EngineError code. */
export type RuntimeCode = keyof typeof RUNTIME_CODES;
