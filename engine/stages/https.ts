/**
 * $https (ASP): call an HTTP(S) endpoint of an Https connection per document and store the reply
 * in `as`; may end the pipeline. The requests run in engine/connectors/http (reached through
 * `Io.https`). In a window's pipeline it runs when the window closes, the window's output
 * following once the replies are in (engine/windows/closeQueue.ts).
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-https/
 */
import type { Expr } from '../expr/types';
import { isNumber, isPlainObject } from '../bson/types';
import { intValue } from '../parse/fields';
import { err, missing } from '../parse/args';
import { connectionRef } from '../parse/connection';
import { ANY, setPath } from '../parse/shape';
import type { StageSpec } from '../parse/types';
import type { FieldSpec } from '../parse/fieldSpec';
import { ioOf } from '../io/ioOf';
import type { HttpsConfig } from '../io/types';
import { ON_ERROR, PAYLOAD } from './_callFields';

const FIELDS: FieldSpec[] = [
  { name: 'connectionName', role: 'connection', type: 'string', required: true, connectionTypes: ['Https'], description: 'An Https connection: the base URL (and its secret headers)' },
  // Atlas's field is `path` (sp-agg-https); `urlPath` is not accepted there, so it is an unknown field suggesting `path`.
  { name: 'path', role: 'expr', type: ['string', 'object'], misnomers: ['urlPath'], description: "Path appended to the connection's URL, or an expression giving it per document" },
  { name: 'method', role: 'literal', type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], default: 'GET', description: 'HTTP method of the request' },
  { name: 'headers', role: 'fieldMap', type: 'object', description: 'Request headers: name -> a string or a field path giving one' },
  { name: 'parameters', role: 'fieldMap', type: 'object', description: 'Query parameters: name -> expression giving a number, string or boolean' },
  { name: 'as', role: 'fieldName', type: 'string', description: 'Field that receives the response (required unless $https ends the pipeline)' },
  ON_ERROR,
  PAYLOAD,
  {
    name: 'config', role: 'options', type: 'object', description: 'Timeouts and response handling',
    fields: [
      { name: 'connectionTimeoutSec', role: 'literal', type: 'int', default: 30, description: 'Seconds to wait for the connection to the server' },
      { name: 'requestTimeoutSec', role: 'literal', type: 'int', default: 60, description: 'Seconds a request may take, reply included' },
      { name: 'parseJsonStrings', role: 'literal', type: 'bool', default: false, description: 'Parse string values of the response that hold JSON' },
    ],
  },
];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const https: StageSpec<HttpsConfig> = {
  name: '$https', kind: 'transform', placement: { main: true, window: true, payload: false }, operatorName: 'HttpsOperator',
  summary: 'Calls an HTTPS API for each document and stores the response in a field; may also end the pipeline.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-https/',
  syntax: '{ $https: { connectionName, path, method, headers, parameters, as, onError, payload, config } }',
  terminal: true,
  passesOnLater: true,
  fields: FIELDS,
  examples: [],
  noExample: 'needs an HTTP server: test/engine/stages/https.test.ts runs it against one started by the test',
  parse(arg, path, ctx) {
    if (!isPlainObject(arg)) return undefined;
    let ok = true;
    if (arg['as'] === undefined && !ctx.isLast) {
      missing('$https', 'as', path, ctx);
      ok = false;
    }
    const name = arg['connectionName'];
    if (typeof name !== 'string') return undefined;
    const conn = connectionRef(name, [...path, 'connectionName'], ctx, FIELDS[0]!, {
      unknown: (n) => `Unknown connectionName '${n}' in $https`,
      wrongType: (n, t) => `connection '${n}' is a ${t} connection; $https needs an Https connection`,
    });
    if (!conn) ok = false;
    let pathCfg: HttpsConfig['path'];
    const p = arg['path'];
    if (typeof p === 'string' && !p.startsWith('$')) pathCfg = { literal: p };
    else if (p !== undefined) pathCfg = { expr: ctx.compiler.expr(p, [...path, 'path']) };
    const headers: [string, Expr][] = [];
    const h = arg['headers'];
    if (isPlainObject(h)) {
      for (const [k, v] of Object.entries(h)) {
        if (typeof v !== 'string') {
          err(ctx, [...path, 'headers', k], 'Headers defined in the pipeline operator can only define string values or field path expressions.', 'ASP304');
          ok = false;
        } else headers.push([k, ctx.compiler.expr(v, [...path, 'headers', k])]);
      }
    }
    const parameters: [string, Expr][] = [];
    const q = arg['parameters'];
    if (isPlainObject(q)) {
      for (const [k, v] of Object.entries(q)) {
        if (v === null || Array.isArray(v) || (typeof v === 'object' && !isPlainObject(v) && !isNumber(v))) {
          err(ctx, [...path, 'parameters', k], `Unexpected value type for dynamic object for field '${k}'.`, 'ASP304');
          ok = false;
        } else parameters.push([k, ctx.compiler.expr(v, [...path, 'parameters', k])]);
      }
    }
    let payload: HttpsConfig['payload'];
    if (Array.isArray(arg['payload'])) {
      const parsed = ctx.parsePipeline(arg['payload'], [...path, 'payload'], 'payload');
      if (parsed.some((s) => s.config === undefined)) ok = false;
      payload = parsed;
    }
    const config = isPlainObject(arg['config']) ? arg['config'] : {};
    const secs = (f: string, dflt: number): number => {
      if (config[f] === undefined) return dflt;
      const v = intValue(config[f]);
      if (v === undefined) {
        ok = false; // the field table reported the type
        return dflt;
      }
      if (v < 1) {
        err(ctx, [...path, 'config', f], `$https.config.${f} must be a positive integer`, 'ASP304');
        ok = false;
        return dflt;
      }
      return v;
    };
    const connectionTimeoutMs = secs('connectionTimeoutSec', 30) * 1000;
    const requestTimeoutMs = secs('requestTimeoutSec', 60) * 1000;
    if (!ok) return undefined;
    const method = (METHODS as readonly string[]).includes(arg['method'] as string) ? (arg['method'] as HttpsConfig['method']) : 'GET';
    const onError = arg['onError'] === 'ignore' || arg['onError'] === 'fail' ? arg['onError'] : 'dlq';
    return {
      connectionName: name, path: pathCfg, method, headers, parameters,
      as: typeof arg['as'] === 'string' ? arg['as'] : undefined,
      onError, payload, connectionTimeoutMs, requestTimeoutMs,
      parseJsonStrings: config['parseJsonStrings'] === true,
    };
  },
  outputShape(input, arg) {
    const as = isPlainObject(arg) ? arg['as'] : undefined;
    return typeof as === 'string' && as ? setPath(input, as, ANY) : input;
  },
  create(cfg, rt, next) {
    return ioOf(rt, '$https').https(cfg, rt, next);
  },
};
