/**
 * The processor methods of the local instance, free of any transport: the JSON-RPC handlers
 * (instance.ts) and the MongoDB wire front door (engine/wire) both call these, so the Atlas
 * command surface has one implementation. Params and replies are relaxed Extended JSON objects
 * (shared/protocol.ts shapes); each transport converts its own encoding at its edge.
 */
import type { Connection, ConnectionRegistry } from '../connections/types';
import { publicFields, unreachableReason } from '../connectors/catalog/index';
import type { Doc } from '../core/types';
import * as P from '../../shared/protocol';
import type { ProcessorManager } from './manager';
import type { EphemeralRuns, EphemeralSink } from './ephemeral';
import { notFound } from './errors';
import { matchesFilter } from './listFilter';

export interface MethodSources {
  manager: ProcessorManager;
  ephemeral: EphemeralRuns;
  registry(): ConnectionRegistry;
  origin(name: string): P.ConnectionInfo['origin'];
}

/** A sink for transports that read a run's output through its cursor only. */
export const NO_SINK: EphemeralSink = { output: () => undefined, ended: () => undefined };

const DEFAULT_TIER = 'SP10';
const MAX_TIER = 'SP50';

export class ProcessorMethods {
  constructor(private readonly src: MethodSources) {}

  createStreamProcessor(q: P.CreateParams): P.OkReply & { name: string } {
    return this.src.manager.create(q);
  }

  processStreamProcessor(q: P.ProcessParams, sink: EphemeralSink): P.ProcessReply {
    return this.src.ephemeral.start(q, sink);
  }

  startStreamProcessor(q: P.StartParams): Promise<P.OkReply> {
    return this.src.manager.start(q);
  }

  async stopStreamProcessor(q: P.StopParams): Promise<P.OkReply> {
    return this.src.ephemeral.stop(q.name) ? { ok: 1 } : this.src.manager.stop(q);
  }

  async dropStreamProcessor(q: P.DropParams): Promise<P.OkReply> {
    return this.src.ephemeral.drop(q.name) ? { ok: 1 } : this.src.manager.drop(q);
  }

  modifyStreamProcessor(q: P.ModifyParams): Promise<P.OkReply> {
    return this.src.manager.modify(q);
  }

  getStreamProcessorStats(q: P.StatsParams): P.StatsReply {
    return this.src.manager.stats(q);
  }

  startSampleStreamProcessor(q: P.SampleParams): P.CursorReply {
    return this.src.manager.startSample(q);
  }

  /** `defaultBatch` is the transport's: JSON-RPC has always used 100, Atlas uses 5. */
  getMoreSampleStreamProcessor(q: P.GetMoreParams, defaultBatch: number): P.GetMoreReply {
    const batch = q.batchSize ?? defaultBatch;
    return this.src.ephemeral.getMore(q.name, q.cursorId, batch) ?? this.src.manager.getMore({ ...q, batchSize: batch });
  }

  listStreamProcessors(q: P.ListProcessorsParams): P.OkReply & { streamProcessors: P.ProcessorInfo[] } {
    const r = this.src.manager.list(q);
    if (q.includeEphemeral) r.streamProcessors.push(...this.src.ephemeral.list().filter((i) => matchesFilter(i as unknown as Doc, q.filter as Doc | undefined)));
    return r;
  }

  /**
   * Each entry's name, type and the non-secret fields its kind's table lists (as Atlas's reply
   * has them); secrets and local-only fields (a Cluster's uri) never leave the instance.
   */
  listStreamConnections(q: P.ListConnectionsParams): P.OkReply & { connections: P.ConnectionInfo[] } {
    const info = (c: Connection): P.ConnectionInfo => {
      const why = unreachableReason(c);
      return { ...publicFields(c), name: c.name, type: c.type, origin: this.src.origin(c.name), ...(why ? { localUnreachable: why } : {}) };
    };
    return {
      ok: 1,
      connections: this.src
        .registry()
        .list()
        .map(info)
        .filter((c) => matchesFilter(c as unknown as Doc, q.filter as Doc | undefined)),
    };
  }

  listWorkspaceDefaults(): P.WorkspaceDefaultsReply {
    return { ok: 1, defaultTierSize: DEFAULT_TIER, maxTierSize: MAX_TIER };
  }

  getStreamProcessor(q: P.GetProcessorParams): P.StreamProcessorReply {
    const p = this.src.manager.processor(q.name);
    if (p) {
      const info = this.src.manager.info(p);
      const r: P.StreamProcessorReply = { ok: 1, id: info.id, name: info.name, state: info.state, pipeline: info.pipeline, hasStarted: info.state !== 'CREATED' };
      const o = info.options ?? {};
      if (info.tier !== undefined) r.tier = info.tier;
      if (o.dlq !== undefined) r.dlq = o.dlq;
      if (typeof o.streamMetaFieldName === 'string') r.streamMetaFieldName = o.streamMetaFieldName;
      // The Atlas settings as the drivers' flat description names them, from either placement the options used.
      const failover = o['failover'] ?? o['failoverEnabled'];
      if (typeof failover === 'boolean') r.failoverEnabled = failover;
      const auto = o['autoscaling'];
      if (auto !== null && typeof auto === 'object' && !Array.isArray(auto)) r.autoscaling = auto as P.EJsonDoc;
      const enabled = r.autoscaling ? (r.autoscaling['enabled'] ?? true) : o['enableAutoScaling'];
      if (typeof enabled === 'boolean') r.enableAutoScaling = enabled;
      if (info.lastModified) r.lastModifiedAt = info.lastModified;
      if (info.lastStateChange) r.lastStateChange = info.lastStateChange;
      if (info.errorMsg) r.errorMsg = info.errorMsg;
      r.stats = this.src.manager.stats({ name: q.name }).stats;
      return r;
    }
    const run = this.src.ephemeral.list().find((i) => i.name === q.name);
    if (!run) throw notFound(q.name);
    const r: P.StreamProcessorReply = { ok: 1, id: run.id, name: run.name, state: run.state, pipeline: run.pipeline, hasStarted: true };
    if (run.lastStateChange) r.lastStateChange = run.lastStateChange;
    return r;
  }
}
