/**
 * Deploying a processor file to a target: a plan (the diff against what is deployed and the
 * steps it takes), then applying it. A new processor is created; a changed one is stopped if it
 * runs, modified (keeping its checkpoint when the modify rules of engine/runtime/modifyRules.ts
 * allow it), and started again if it was running: Terraform's stop → PATCH → restore state.
 */
import * as P from '../../shared/protocol';
import { fromEJSON } from '../json/ejson';
import type { Value } from '../core/types';
import { exportDocument, type JsonDoc } from '../pipeline/processorDocument';
import { checkResumableModify } from '../runtime/modifyRules';
import { CommandError } from '../runtime/errors';
import type { TargetApi } from './api';
import { fetchDeployed, type Deployed } from './definition';
import { diffDocuments, formatChanges, type Change } from './diff';

export interface DeployPlan {
  target: string;
  name: string;
  /** The file's create body (Admin API shape). */
  desired: JsonDoc;
  deployed?: Deployed;
  changes: Change[];
  action: 'create' | 'modify' | 'none';
  /** modify: whether the processor keeps its checkpoint. */
  resume?: boolean;
  /** Why the plan cannot be applied as asked (the checkpoint would be lost without --no-resume). */
  refused?: string;
  steps: string[];
}

export interface PlanOptions {
  /** Modify without the checkpoint (resumeFromCheckpoint: false), as `asp modify --no-resume`. */
  noResume?: boolean;
}

const under = (c: Change, prefix: string): boolean => c.path === prefix || c.path.startsWith(`${prefix}.`) || c.path.startsWith(`${prefix}[`);

const engineValues = (v: unknown): Value[] => fromEJSON(structuredClone(v ?? []) as Value) as Value[];

export async function planDeploy(api: TargetApi, desired: JsonDoc, opts: PlanOptions = {}): Promise<DeployPlan> {
  const name = desired['name'];
  if (typeof name !== 'string' || name === '') throw new CommandError('the processor document has no "name"', P.AspErrorCodes.InvalidOptions);
  const deployed = await fetchDeployed(api, name);
  if (!deployed) return { target: api.name, name, desired, changes: [], action: 'create', steps: ['create'] };
  const changes = diffDocuments(deployed.doc, desired);
  if (changes.length === 0) return { target: api.name, name, desired, deployed, changes, action: 'none', steps: [] };
  const plan: DeployPlan = { target: api.name, name, desired, deployed, changes, action: 'modify', steps: [] };
  const pipelineChanged = changes.some((c) => under(c, 'pipeline'));
  const why = pipelineChanged ? checkResumableModify(engineValues(deployed.doc['pipeline']), engineValues(desired['pipeline'])) : undefined;
  // A processor that never ran has no checkpoint to keep.
  plan.resume = !opts.noResume && !(why && !deployed.hasStarted);
  if (why && plan.resume) plan.refused = `${why}. Deploy again with --no-resume to modify it without its checkpoint (it starts over from its source).`;
  const running = deployed.state === 'STARTED';
  plan.steps = [...(running ? ['stop'] : []), `modify (${plan.resume ? 'resume from checkpoint' : 'without the checkpoint'})`, ...(running ? ['start'] : [])];
  return plan;
}

/** The modify command for the changed settings only: Atlas changes only the values it is given. */
function modifyParams(plan: DeployPlan): P.ModifyParams {
  const mongosh = exportDocument(plan.desired, 'mongosh');
  const o = (mongosh['options'] ?? {}) as JsonDoc;
  const changed = (prefix: string): boolean => plan.changes.some((c) => under(c, prefix));
  const params: P.ModifyParams = { name: plan.name, resumeFromCheckpoint: plan.resume !== false };
  if (changed('pipeline')) params.pipeline = plan.desired['pipeline'] as P.EJson[];
  if (changed('options.dlq')) params.dlq = (o['dlq'] ?? {}) as P.DlqOption;
  if (changed('tier')) params['tier'] = o['tier'];
  if (changed('failoverEnabled')) params['failover'] = o['failover'];
  if (changed('options.streamMetaFieldName')) params['streamMetaFieldName'] = o['streamMetaFieldName'];
  if (changed('options.autoscaling')) params['autoscaling'] = o['autoscaling'];
  return params;
}

export interface DeployResult {
  action: DeployPlan['action'];
  /** What ran, in order. */
  done: string[];
}

/** Apply a plan made by planDeploy; `file` names the source for the local instance's messages. */
export async function applyDeploy(api: TargetApi, plan: DeployPlan, file?: string): Promise<DeployResult> {
  if (plan.refused) throw new CommandError(`deploy of ${plan.name} to ${plan.target} refused: ${plan.refused}`, P.AspErrorCodes.BadState);
  const done: string[] = [];
  if (plan.action === 'none') return { action: 'none', done };
  if (plan.action === 'create') {
    const mongosh = exportDocument(plan.desired, 'mongosh');
    const params: P.CreateParams = { name: plan.name, pipeline: plan.desired['pipeline'] as P.EJson[] };
    if (mongosh['options'] !== undefined) params.options = mongosh['options'] as P.ProcessorOptions;
    if (file) params.file = file;
    await api.request(P.createStreamProcessor, params);
    done.push('create');
    return { action: 'create', done };
  }
  const running = plan.deployed?.state === 'STARTED';
  if (running) {
    await api.request(P.stopStreamProcessor, { name: plan.name });
    done.push('stop');
  }
  try {
    const params = modifyParams(plan);
    if (file) params.file = file;
    await api.request(P.modifyStreamProcessor, params);
    done.push('modify');
  } catch (e) {
    // Leave the processor as it was found: running, with its old definition.
    if (running) await api.request(P.startStreamProcessor, { name: plan.name }).then(() => done.push('start (old definition)'), () => undefined);
    const restored = done.includes('start (old definition)') ? ' It was started again with its previous definition.' : '';
    throw new CommandError(`modify of ${plan.name} on ${plan.target} failed: ${(e as Error).message}.${restored}`, e instanceof CommandError ? e.code : P.AspErrorCodes.External);
  }
  if (running) {
    await api.request(P.startStreamProcessor, { name: plan.name });
    done.push('start');
  }
  return { action: 'modify', done };
}

/** The plan as the CLI prints it and the extension shows it. */
export function formatPlan(plan: DeployPlan): string[] {
  const head = `${plan.target}: processor ${plan.name}`;
  if (plan.action === 'create') return [`${head} does not exist: deploy creates it (state CREATED)`];
  if (plan.action === 'none') return [`${head} (${plan.deployed!.state}) matches the file: nothing to deploy`];
  const lines = [`${head} (${plan.deployed!.state}): ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'}`, ...formatChanges(plan.changes).map((l) => `  ${l}`)];
  lines.push(plan.refused ? `cannot deploy: ${plan.refused}` : `deploy runs: ${plan.steps.join(' -> ')}`);
  return lines;
}
