/**
 * The local instance's side of targets, for the editor: it lists asp.targets.json, forwards the
 * Atlas methods to a target (with the one wire client, engine/targets/wireTarget.ts, credentials
 * from the editor's SecretStorage or the environment), and plans and applies deploys. The
 * built-in `local` target is this instance's own ProcessorMethods, called in process.
 */
import type { RequestType } from 'vscode-jsonrpc';
import * as P from '../../shared/protocol';
import type { ConnectionRegistry } from '../connections/types';
import { analyzeText } from '../pipeline/analyze';
import { parseJsonText } from '../json/tree';
import { createBody, formatDocument } from '../pipeline/processorDocument';
import { CommandError } from '../runtime/errors';
import { TargetError, type TargetApi } from '../targets/api';
import { targetConnections } from '../targets/definition';
import { applyDeploy, formatPlan, planDeploy, type DeployPlan } from '../targets/deploy';
import { formatChanges } from '../targets/diff';
import { credentialsFromEnv, loadTargetsFile, LOCAL_TARGET, type Credentials, type TargetsFile } from '../targets/targetsFile';
import { WireTarget } from '../targets/wireTarget';
import { NO_SINK, type ProcessorMethods } from '../runtime/processorMethods';

type Call = (pm: ProcessorMethods, q: never) => unknown;

/** The Atlas methods of this instance by name, as a target sees them. */
const LOCAL_METHODS: Record<string, Call> = {
  createStreamProcessor: (pm, q: P.CreateParams) => pm.createStreamProcessor(q),
  processStreamProcessor: (pm, q: P.ProcessParams) => pm.processStreamProcessor(q, NO_SINK),
  startStreamProcessor: (pm, q: P.StartParams) => pm.startStreamProcessor(q),
  stopStreamProcessor: (pm, q: P.StopParams) => pm.stopStreamProcessor(q),
  dropStreamProcessor: (pm, q: P.DropParams) => pm.dropStreamProcessor(q),
  modifyStreamProcessor: (pm, q: P.ModifyParams) => pm.modifyStreamProcessor(q),
  getStreamProcessorStats: (pm, q: P.StatsParams) => pm.getStreamProcessorStats(q),
  startSampleStreamProcessor: (pm, q: P.SampleParams) => pm.startSampleStreamProcessor(q),
  getMoreSampleStreamProcessor: (pm, q: P.GetMoreParams) => pm.getMoreSampleStreamProcessor(q),
  listStreamProcessors: (pm, q: P.ListProcessorsParams) => pm.listStreamProcessors(q),
  listStreamConnections: (pm, q: P.ListConnectionsParams) => pm.listStreamConnections(q),
  listWorkspaceDefaults: (pm) => pm.listWorkspaceDefaults(),
  getStreamProcessor: (pm, q: P.GetProcessorParams) => pm.getStreamProcessor(q),
};

/** This instance as a target (deploying to `local` goes through the same plan as any other). */
class InstanceTarget implements TargetApi {
  readonly name = LOCAL_TARGET;
  constructor(private readonly pm: ProcessorMethods) {}

  async request<Q, R>(type: RequestType<Q, R, void>, params: Q): Promise<R> {
    const call = LOCAL_METHODS[type.method];
    if (!call) throw new CommandError(`unknown method ${type.method}`, P.AspErrorCodes.NotFound);
    return (await call(this.pm, params as never)) as R;
  }

  async close(): Promise<void> {}
}

export class TargetMethods {
  private file: TargetsFile = { targets: [], errors: [] };
  private credentials: NonNullable<P.ConfigureParams['targetCredentials']> = {};
  private readonly open = new Map<string, WireTarget>();
  private readonly local: InstanceTarget;

  constructor(
    pm: ProcessorMethods,
    private readonly registry: () => ConnectionRegistry,
  ) {
    this.local = new InstanceTarget(pm);
  }

  /** From asp/configure: the targets file and the editor's credentials; open clients are dropped. */
  configure(targetsFile: string | undefined, credentials: P.ConfigureParams['targetCredentials']): void {
    if (targetsFile !== undefined) this.file = loadTargetsFile(targetsFile);
    if (credentials !== undefined) this.credentials = credentials;
    void this.closeAll();
  }

  list(q: P.ListTargetsParams): P.ListTargetsReply {
    const f = q.targetsFile ? loadTargetsFile(q.targetsFile) : this.file;
    const targets: P.TargetInfo[] = [{ name: LOCAL_TARGET, environment: 'local', needsCredentials: false }];
    for (const t of f.targets) {
      const info: P.TargetInfo = { name: t.name, environment: t.environment, connectionString: t.connectionString, needsCredentials: t.password !== undefined };
      if (t.username !== undefined) info.username = t.username;
      targets.push(info);
    }
    const reply: P.ListTargetsReply = { targets, errors: f.errors };
    if (f.file) reply.file = f.file;
    return reply;
  }

  private target(name: string): TargetApi {
    if (name === LOCAL_TARGET) return this.local;
    const cached = this.open.get(name);
    if (cached) return cached;
    const spec = this.file.targets.find((t) => t.name === name);
    if (!spec) throw new CommandError(`no target named "${name}"${this.file.file ? ` in ${this.file.file}` : ' (no asp.targets.json)'}`, P.AspErrorCodes.NotFound);
    let creds: Credentials | undefined = this.credentials[name];
    if (!creds && spec.password !== undefined) {
      try {
        creds = credentialsFromEnv(spec);
      } catch (e) {
        throw new TargetError(name, `no credentials: set them in the editor (ASP: Set Target Credentials) or in the environment (${(e as Error).message})`, P.AspErrorCodes.InvalidOptions);
      }
    }
    const t = new WireTarget(spec, creds);
    this.open.set(name, t);
    return t;
  }

  request(q: P.TargetRequestParams): Promise<unknown> {
    return this.target(q.target).request({ method: q.method } as RequestType<unknown, unknown, void>, q.params);
  }

  private async plan(q: P.DeployParams): Promise<{ api: TargetApi; plan: DeployPlan }> {
    const api = this.target(q.target);
    const registry = api === this.local ? this.registry() : await targetConnections(api);
    const a = analyzeText(q.text, { connections: registry, file: q.file, mode: 'processor' });
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new CommandError(`${q.file ?? 'the file'} has ${errors.length} error${errors.length > 1 ? 's' : ''} (first: line ${errors[0]!.line}: ${errors[0]!.message})`, P.AspErrorCodes.InvalidOptions, { diagnostics: errors });
    return { api, plan: await planDeploy(api, createBody(parseJsonText(q.text).value, q.file), { noResume: q.noResume }) };
  }

  private reply(plan: DeployPlan): P.DeployPlanReply {
    const environment = plan.target === LOCAL_TARGET ? 'local' : (this.file.targets.find((t) => t.name === plan.target)?.environment ?? 'development');
    const r: P.DeployPlanReply = { target: plan.target, environment, name: plan.name, action: plan.action, changes: formatChanges(plan.changes), summary: formatPlan(plan), steps: plan.steps, desiredText: formatDocument(plan.desired) };
    if (plan.refused) r.refused = plan.refused;
    if (plan.deployed) {
      r.state = plan.deployed.state;
      r.deployedText = formatDocument(plan.deployed.doc);
    }
    return r;
  }

  async planDeploy(q: P.DeployParams): Promise<P.DeployPlanReply> {
    return this.reply((await this.plan(q)).plan);
  }

  async applyDeploy(q: P.DeployParams): Promise<P.DeployReply> {
    const { api, plan } = await this.plan(q);
    const r = await applyDeploy(api, plan, q.file);
    return { ...this.reply(plan), done: r.done };
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((t) => t.close().catch(() => undefined)));
  }
}
