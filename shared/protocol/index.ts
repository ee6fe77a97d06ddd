/**
 * The host <-> local instance contract: JSON-RPC (vscode-jsonrpc) over the daemon's
 * stdin/stdout. The extension, the CLI and tests send the requests; `asp serve`
 * (engine/daemon) answers them and sends the notifications.
 *
 * Request methods carry the Atlas command names unchanged, so the same client code can
 * later drive an Atlas workspace; params and results mirror the command documents and
 * replies of asp-spec.md §8. Local-only methods use the `asp/` prefix.
 *
 * Every document (pipeline stages, output documents, DLQ records, checkpoint state)
 * travels as relaxed Extended JSON (bson `EJSON.serialize(v, { relaxed: true })`), so a
 * Date arrives as `{ "$date": "..." }` and an ObjectId as `{ "$oid": "..." }`.
 *
 * Failures are JSON-RPC errors (`ResponseError`) whose `code` is one of `AspErrorCodes`
 * and whose message is the user-facing text (Atlas's text where Atlas has one).
 */
export * from './shapes';
export * from './atlas';
export * from './local';
export * from './targets';
export * from './notifications';
export * from './liveStats';
export * from './errors';
export * from './testing';
export * from './observed';
