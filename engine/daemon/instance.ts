/**
 * The local instance: owns the processor manager, the connection registry and the services,
 * and answers the shared/protocol.ts requests on any number of JSON-RPC connections.
 */
import * as fs from 'node:fs';
import { ResponseError, type MessageConnection, type RequestType } from 'vscode-jsonrpc/node';
import type { Connection, ConnectionRegistry } from '../connections/types';
import { builtinRegistry, loadConnectionRegistryFile } from '../connectors/catalog/registry';
import { createServices } from '../connectors/services';
import { testConnection } from '../connectors/testConnection';
import { type Services } from '../io/types';
import { errorMessage } from '../core/errors';
import * as P from '../../shared/protocol';
import { ProcessorManager } from '../runtime/manager';
import { EphemeralRuns } from '../runtime/ephemeral';
import { CommandError } from '../runtime/errors';
import { testNamedConnection, validateText } from './editorMethods';
import { TestMethods } from './testMethods';
import { scratchServices } from '../connectors/scratchServices';
import { ProcessorMethods } from '../runtime/processorMethods';
import { TargetMethods } from './targetMethods';
import { LazyCheckpointStore } from '../runtime/checkpoint/lazyStore';
import { MongoCheckpointStore } from '../runtime/checkpoint/mongoStore';
import type { CheckpointStore } from '../runtime/checkpoint/types';

const VERSION = '0.1.0';

export interface InstanceOptions {
  stateDir: string;
  connectionsFile?: string;
  checkpointIntervalMs?: number;
  /** Checkpoints in a MongoDB collection of a Cluster connection instead of files. */
  checkpoints?: { connectionName: string; db: string; coll: string };
}

export class Instance {
  readonly manager: ProcessorManager;
  readonly ephemeral: EphemeralRuns;
  /** The processor methods, shared by every transport (JSON-RPC here, the wire front door). */
  readonly methods: ProcessorMethods;
  /** Pipeline tests for the editor's Test Explorer (shared/protocol/testing.ts). */
  readonly tests: TestMethods;
  /** asp.targets.json: forwarding to Atlas workspaces and other instances, deploy plans. */
  readonly targets: TargetMethods;
  private registry: ConnectionRegistry;
  private origins = new Map<string, P.ConnectionInfo['origin']>();
  private services: Services | undefined;
  private readonly conns = new Set<MessageConnection>();
  private closing: Promise<void> | undefined;

  constructor(readonly opts: InstanceOptions) {
    this.registry = builtinRegistry();
    this.configure({ connectionsFile: opts.connectionsFile });
    const services = (): Services => (this.services ??= createServices(this.registry, { stateDir: opts.stateDir }));
    this.manager = new ProcessorManager({
      stateDir: opts.stateDir,
      registry: () => this.registry,
      services,
      checkpointIntervalMs: opts.checkpointIntervalMs,
      checkpointStore: opts.checkpoints ? mongoCheckpoints(opts.checkpoints, services) : undefined,
      log: (level, message, processor) => this.broadcast(P.log, { level, message, processor }),
    });
    this.ephemeral = new EphemeralRuns({ clock: this.manager.clock, registry: () => this.registry, services });
    this.manager.onStateChanged((ev) => this.broadcast(P.stateChanged, ev));
    this.tests = new TestMethods({ registry: () => this.registry, recording: (n) => this.ephemeral.recording(n), services: scratchServices });
    this.methods = new ProcessorMethods({ manager: this.manager, ephemeral: this.ephemeral, registry: () => this.registry, origin: (n) => this.origins.get(n) ?? 'registry' });
    this.targets = new TargetMethods(this.methods, () => this.registry);
  }

  open(): Promise<void> {
    return this.manager.open();
  }

  private broadcast<T>(type: { method: string }, params: T): void {
    for (const c of this.conns) void c.sendNotification(type.method, params).catch(() => undefined);
  }

  configure(params: P.ConfigureParams): P.OkReply {
    // The targets exist from the constructor on; the first configure runs before them.
    this.targets?.configure(params.targetsFile, params.targetCredentials);
    const file = params.connectionsFile ?? this.registry.source;
    let fromFile: Connection[] = [];
    if (file && fs.existsSync(file)) {
      const loaded = loadConnectionRegistryFile(file);
      fromFile = loaded.registry.list();
    }
    const extra = params.connections ?? [];
    const all = new Map<string, Connection>();
    this.origins = new Map();
    for (const c of builtinRegistry().list()) this.origins.set(c.name, 'builtin');
    for (const c of fromFile) {
      all.set(c.name, c);
      if (this.origins.get(c.name) !== 'builtin') this.origins.set(c.name, 'registry');
    }
    for (const c of extra) {
      all.set(c.name, c);
      this.origins.set(c.name, 'client');
    }
    const reg = builtinRegistry([...all.values()]);
    this.registry = Object.assign(reg, { source: file });
    // Clients are per connection definition; new definitions need new clients.
    const old = this.services;
    this.services = undefined;
    if (old && this.manager && this.manager.processorNames().every((n) => !this.manager.processor(n)?.running)) void old.close();
    return { ok: 1 };
  }

  /** Serve one JSON-RPC connection (stdio or a socket client). */
  attach(conn: MessageConnection): void {
    this.conns.add(conn);
    conn.onClose(() => this.conns.delete(conn));
    const m = this.manager;
    const e = this.ephemeral;
    const handle = <Q, R>(type: RequestType<Q, R, void>, fn: (q: Q) => R | Promise<R>): void => {
      conn.onRequest(type.method, async (q: Q) => {
        try {
          return await fn(q ?? ({} as Q));
        } catch (err) {
          throw toResponseError(err);
        }
      });
    };
    handle(P.hello, () => ({ version: VERSION, pid: process.pid, stateDir: this.opts.stateDir }));
    handle(P.configure, (q) => this.configure(q));
    handle(P.validate, (q) => validateText(q, this.registry));
    handle(P.testConnection, (q) => testNamedConnection(q, this.registry, testConnection));
    const pm = this.methods;
    handle(P.createStreamProcessor, (q) => pm.createStreamProcessor(q));
    handle(P.processStreamProcessor, (q) =>
      pm.processStreamProcessor(q, {
        output: (p) => void conn.sendNotification(P.output.method, p).catch(() => undefined),
        ended: (p) => void conn.sendNotification(P.runEnded.method, p).catch(() => undefined),
      }),
    );
    handle(P.startStreamProcessor, (q) => pm.startStreamProcessor(q));
    handle(P.stopStreamProcessor, (q) => pm.stopStreamProcessor(q));
    handle(P.dropStreamProcessor, (q) => pm.dropStreamProcessor(q));
    handle(P.modifyStreamProcessor, (q) => pm.modifyStreamProcessor(q));
    handle(P.getStreamProcessorStats, (q) => pm.getStreamProcessorStats(q));
    handle(P.startSampleStreamProcessor, (q) => pm.startSampleStreamProcessor(q));
    handle(P.getMoreSampleStreamProcessor, (q) => pm.getMoreSampleStreamProcessor(q, 100));
    handle(P.listStreamProcessors, (q) => pm.listStreamProcessors(q));
    handle(P.listStreamConnections, (q) => pm.listStreamConnections(q));
    handle(P.listWorkspaceDefaults, () => pm.listWorkspaceDefaults());
    handle(P.getStreamProcessor, (q) => pm.getStreamProcessor(q));
    const t = this.targets;
    handle(P.listTargets, (q) => t.list(q));
    handle(P.targetRequest, (q) => t.request(q));
    handle(P.planDeploy, (q) => t.planDeploy(q));
    handle(P.applyDeploy, (q) => t.applyDeploy(q));
    handle(P.listCheckpoints, (q) => m.listCheckpoints(q));
    handle(P.getCheckpoint, (q) => m.getCheckpoint(q));
    handle(P.listDlq, (q) => m.listDlq(q));
    const tm = this.tests;
    handle(P.listFixtureTests, (q) => tm.listFixtureTests(q));
    handle(P.runFixture, (q) => tm.runFixture(q));
    handle(P.getRunRecording, (q) => tm.getRunRecording(q));
    handle(P.fixtureFromRun, (q) => tm.fixtureFromRun(q));
    handle(P.getStageTrace, (q) => {
      const trace = e.trace(q.name) ?? m.trace(q.name);
      if (!trace) throw new CommandError(`Stream processor '${q.name}' has no stage trace: start a run with debug to record one`, P.AspErrorCodes.NotFound);
      return trace;
    });
    handle(P.shutdown, async () => {
      setImmediate(() => void this.shutdown());
      return { ok: 1 as const };
    });
  }

  /** Stop every run with a checkpoint, flush stores, then exit via the caller. */
  shutdown(): Promise<void> {
    this.closing ??= (async () => {
      this.ephemeral.stopAll();
      await this.manager.close();
      await this.services?.close().catch(() => undefined);
      await this.targets.closeAll();
      for (const c of this.conns) c.dispose();
      this.onShutdown?.();
    })();
    return this.closing;
  }

  onShutdown?: () => void;
}

function toResponseError(err: unknown): ResponseError<unknown> {
  if (err instanceof ResponseError) return err;
  if (err instanceof CommandError) return new ResponseError(err.code, err.message, err.data);
  const msg = errorMessage(err);
  const domain = (err as { domain?: string }).domain;
  const code = domain === 'user' ? P.AspErrorCodes.InvalidOptions : domain === 'external' ? P.AspErrorCodes.External : P.AspErrorCodes.Internal;
  return new ResponseError(code, msg);
}

/** Per-processor MongoDB checkpoint stores in one collection, opened when first used. */
function mongoCheckpoints(t: { connectionName: string; db: string; coll: string }, services: () => Services): (def: { id: string }) => CheckpointStore {
  return (def) => new LazyCheckpointStore(async () => {
    const client = await services().mongo(t.connectionName);
    return new MongoCheckpointStore(client.db(t.db).collection(t.coll), def.id);
  });
}
