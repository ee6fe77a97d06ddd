/**
 * The field table: how a stage argument, a processor option or a connection entry declares
 * its fields once. The JSON Schema, the unknown/missing/wrong-type diagnostics, the language
 * server's roles (what a position means), completion, hover and the accepted connection types
 * are all derived from these tables, so no fact about a field is typed twice.
 */
import type { ConnectionType } from '../connections/types';
import type { DiagnosticCode } from '../core/codes';

/**
 * What a field's value is, which decides how the editor treats the text at that position:
 * - `literal`: a plain JSON value, checked by `type` / `enum`;
 * - `options`: a nested object described by `fields`;
 * - `expr`: an aggregation expression; `fieldMap`: `{ name: <expression>, ... }`;
 * - `projection`: a `$project` body; `query`: a query filter; `group`: a `$group` body;
 *   `sort`: a sort specification;
 * - `fieldName`: a field name without `$` (or a list of them); `fieldPath`: `"$a.b"`;
 * - `pipeline`: an inner pipeline (windows, `$https` payload, `$lookup`);
 * - `connection`: a connection name; `connectionTypes` lists the types it accepts;
 * - `duration`: `{ size, unit }`.
 */
export type FieldRole =
  | 'literal'
  | 'options'
  | 'expr'
  | 'fieldMap'
  | 'projection'
  | 'query'
  | 'group'
  | 'sort'
  | 'fieldName'
  | 'fieldPath'
  | 'pipeline'
  | 'connection'
  | 'duration';

/** JSON value types a literal field may take (IDL names, as in MongoDB's messages). */
export type FieldType = 'string' | 'int' | 'number' | 'bool' | 'object' | 'array' | 'date' | 'any';

export interface FieldSpec {
  name: string;
  role: FieldRole;
  /** Accepted value types; absent means any (roles such as `expr` accept every type). */
  type?: FieldType | readonly FieldType[];
  required?: boolean;
  /** The value Atlas uses when the field is absent (shown in hover and completion). */
  default?: unknown;
  enum?: readonly (string | number | boolean)[];
  /** One line for hover and completion. */
  description: string;
  /** Nested fields, for `options` (and `duration`, `connection` wrappers). */
  fields?: readonly FieldSpec[];
  /** For `connection`: the connection types this position accepts. */
  connectionTypes?: readonly ConnectionType[];
  /**
   * Connection registries: the value is a secret (`${env:NAME}` or SecretStorage only).
   * `'userinfo'`: a URI that is secret only when it carries a password (`mongodb://u:p@h`).
   */
  secret?: boolean | 'userinfo';
  /** Accepted and recorded, but the local engine cannot honour it: say so, never silently. */
  localNote?: string;
  /** Other names Atlas's tools use for the same field (e.g. mongosh placements). */
  aliases?: readonly string[];
  /**
   * Names Atlas does not accept but people write for this field (another tool's wording): they
   * stay an unknown-field error (ASP302), which then suggests this field (the editor's quick fix).
   */
  misnomers?: readonly string[];
  /** For an `enum`: the values the local engine runs; the others are Atlas's and flagged as such. */
  localEnum?: readonly (string | number | boolean)[];
  /** Atlas sets it in its replies (GET): accepted in a file, never completed or asked for. */
  readOnly?: boolean;
  /** ASP Studio only (e.g. a Cluster's local `uri`): Atlas has no such field. */
  localOnly?: boolean;
  /** For `options`: keys besides `fields` are allowed (a free-form map such as Kafka `config`). */
  openKeys?: boolean;
  /**
   * MongoDB's own wording where it differs from the IDL messages the shared checker writes
   * (`BSON field '<f>' is missing but a required field`, `... is the wrong type ...`,
   * `Enumeration value ... is not a valid value.`). `{value}` in `wrongType` and `badEnum`
   * stands for the value; `wrongTypeCode` replaces ASP304.
   */
  messages?: { missing?: string; wrongType?: string; wrongTypeCode?: DiagnosticCode; badEnum?: string };
}

/** A stage whose whole argument has one role (`$match` is a query, `$addFields` a fieldMap...). */
export type RootRole = Exclude<FieldRole, 'options' | 'connection' | 'duration'>;
