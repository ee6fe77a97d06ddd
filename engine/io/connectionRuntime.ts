/**
 * The I/O half of a connection kind, as types only: what engine/connectors/<type>/runtime.ts
 * exports and what a kind's `load()` resolves to (engine/parse/connectionKind.ts). Only the
 * composition roots call `load()`; the language server and the extension host never do.
 */
import type { Connection, ConnectionRegistry } from '../connections/types';

export interface ConnectionTestOptions {
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  /** The registry the entry belongs to (a SchemaRegistry with SASL_INHERIT names no Kafka of its own). */
  registry?: ConnectionRegistry;
}

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  latencyMs: number;
}

export interface ConnectionRuntime<C extends Connection = Connection> {
  /**
   * "Test connection": one short, cheap round trip with a client of its own (never the shared
   * one of a run), answered within `timeoutMs`. Resolves to what it saw ("connected to Kafka,
   * 3 topics"); rejects with an Error whose message says what failed, never with a secret.
   */
  test(c: C, opts: ConnectionTestOptions): Promise<string>;
}
