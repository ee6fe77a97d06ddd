/** Reading a processor file for create/modify, and pointing the instance at its connection registry. */
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { analyzeText } from '../pipeline/analyze';
import { parseJsonText } from '../json/tree';
import { UsageError } from '../core/errors';
import * as P from '../../shared/protocol';
import { findConnectionsFile, formatDiagnostic, loadRegistry, readPipelineFile } from './context';

export interface ProcessorFile {
  file: string;
  pipeline: P.EJson[];
  options?: P.ProcessorOptions;
  connectionsFile?: string;
}

/** Validate locally first so errors point at file:line:col; exits through UsageError when invalid. */
export function readProcessorFile(file: string, mode: 'processor' | 'either' = 'processor'): ProcessorFile {
  const text = readPipelineFile(file);
  const reg = loadRegistry(undefined, file);
  const a = analyzeText(text, { connections: reg.registry, file, mode });
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new UsageError(errors.map((d) => formatDiagnostic(file, d)).join('\n'), 1);
  const raw = parseJsonText(text).value as P.EJsonDoc | P.EJson[];
  const out: ProcessorFile = Array.isArray(raw) ? { file: path.resolve(file), pipeline: raw } : { file: path.resolve(file), pipeline: raw['pipeline'] as P.EJson[], options: raw['options'] as P.ProcessorOptions | undefined };
  const conns = findConnectionsFile(undefined, file);
  if (conns) out.connectionsFile = path.resolve(conns);
  return out;
}

export async function configureFor(conn: MessageConnection, f: ProcessorFile): Promise<void> {
  if (f.connectionsFile) await conn.sendRequest(P.configure.method, { connectionsFile: f.connectionsFile });
}
