/**
 * asp/validate and asp/testConnection: the editor's "Validate" and "Test connection" commands,
 * answered against the daemon's current connection registry.
 */
import * as fs from 'node:fs';
import { basename } from 'node:path';
import type { Connection, ConnectionRegistry } from '../connections/types';
import { loadConnectionRegistryText } from '../connectors/catalog/registry';
import type { LocatedDiagnostic } from '../core/types';
import { analyzeText } from '../pipeline/analyze';
import { CommandError, invalid } from '../runtime/errors';
import { AspErrorCodes, type TestConnectionParams, type TestConnectionReply, type ValidateParams } from '../../shared/protocol';

const REGISTRY_FILE = 'asp.connections.json';

/** The diagnostics `asp validate` prints for the same text (a registry file is checked as one). */
export function validateText(q: ValidateParams, registry: ConnectionRegistry): { diagnostics: LocatedDiagnostic[] } {
  let text = q.text;
  if (typeof text !== 'string') {
    if (!q.file) throw invalid('asp/validate needs "text" or "file"');
    try {
      text = fs.readFileSync(q.file, 'utf8');
    } catch {
      throw new CommandError(`cannot read ${q.file}`, AspErrorCodes.NotFound);
    }
  }
  if (q.file && basename(q.file) === REGISTRY_FILE) return { diagnostics: loadConnectionRegistryText(text, q.file).diagnostics };
  const a = analyzeText(text, { connections: registry, file: q.file, mode: q.ephemeral ? 'preview' : 'either' });
  return { diagnostics: a.diagnostics };
}

/** Opens a client for one connection and reports whether it answered (engine/connectors/testConnection.ts). */
export type ConnectionTester = (conn: Connection, opts: { timeoutMs?: number; registry?: ConnectionRegistry }) => Promise<TestConnectionReply>;

/**
 * Test a registered connection by name, or an unsaved definition. The tester is passed in by
 * the instance (a composition root), so this module loads no driver.
 */
export function testNamedConnection(q: TestConnectionParams, registry: ConnectionRegistry, test: ConnectionTester): Promise<TestConnectionReply> {
  const conn = q.connection ?? (q.name !== undefined ? registry.get(q.name) : undefined);
  if (!conn) {
    if (q.name === undefined) throw invalid('asp/testConnection needs "name" or "connection"');
    throw new CommandError(`connection named ${q.name} does not exist. Check sp.listConnections() for available connections.`, AspErrorCodes.NotFound);
  }
  return test(conn, { timeoutMs: q.timeoutMs, registry });
}
