/**
 * Reading a processor file for create/modify/deploy, validated against the connections of the
 * target it goes to, and pointing the local instance at its connection registry.
 */
import * as path from 'node:path';
import { analyzeText } from '../pipeline/analyze';
import { parseJsonText } from '../json/tree';
import { UsageError } from '../core/errors';
import type { ConnectionRegistry } from '../connections/types';
import { targetConnections } from '../targets/definition';
import * as P from '../../shared/protocol';
import { createBody, exportDocument, type JsonDoc } from '../pipeline/processorDocument';
import { findConnectionsFile, formatDiagnostic, loadRegistry, readPipelineFile } from './context';
import type { TargetApi } from '../targets/api';
import { RpcTarget } from './targetCommand';

export interface ProcessorFile {
  file: string;
  pipeline: P.EJson[];
  /** The options as commands carry them (mongosh placement: `options.tier`, `options.failover`). */
  options?: P.ProcessorOptions;
  /** The file as an Admin API create body (plain JSON, ASP Studio's keys dropped, named). */
  doc: JsonDoc;
  connectionsFile?: string;
}

/**
 * Validate locally first so errors point at file:line:col; exits through UsageError when invalid.
 * `registry` is the target's connections (targetRegistry); the file's asp.connections.json otherwise.
 */
export function readProcessorFile(file: string, mode: 'processor' | 'either' = 'processor', registry?: ConnectionRegistry): ProcessorFile {
  const text = readPipelineFile(file);
  const a = analyzeText(text, { connections: registry ?? loadRegistry(undefined, file).registry, file, mode });
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new UsageError(errors.map((d) => formatDiagnostic(file, d)).join('\n'), 1);
  const doc = createBody(parseJsonText(text).value, file);
  const options = exportDocument(doc, 'mongosh')['options'] as P.ProcessorOptions | undefined;
  const out: ProcessorFile = { file: path.resolve(file), pipeline: doc['pipeline'] as P.EJson[], doc };
  if (options) out.options = options;
  const conns = findConnectionsFile(undefined, file);
  if (conns) out.connectionsFile = path.resolve(conns);
  return out;
}

/** Point the local instance at the file's connection registry; other targets have their own connections. */
export async function configureFor(api: TargetApi, f: ProcessorFile): Promise<void> {
  if (api instanceof RpcTarget && f.connectionsFile) await api.conn.sendRequest(P.configure.method, { connectionsFile: f.connectionsFile });
}

/**
 * The connections a file is checked against on a remote target: the target's own, by name and
 * type (listStreamConnections), since a workspace's connections are not in the local registry.
 * Undefined for the local instance, which uses asp.connections.json.
 */
export async function targetRegistry(api: TargetApi): Promise<ConnectionRegistry | undefined> {
  return api instanceof RpcTarget ? undefined : targetConnections(api);
}
