/**
 * Targets: the places processors run besides the local instance (Atlas workspaces, other
 * instances' wire front doors), named in asp.targets.json. The editor lists them, sends their
 * credentials from SecretStorage with `asp/configure`, and has the local instance forward the
 * Atlas methods to them and plan or apply deploys. Part of the host <-> local instance contract
 * described in shared/protocol/index.ts.
 */
import { RequestType } from 'vscode-jsonrpc';
import type { ProcessorState } from './shapes';

export interface TargetInfo {
  name: string;
  /** local | development | test | staging | production: the editor's colour for it. */
  environment: string;
  /** Without credentials (asp.targets.json never holds a password). */
  connectionString?: string;
  /** The file's username (a name or an `${env:NAME}` reference), when it names one. */
  username?: string;
  /** Whether the target signs in (the file gives a username and password reference). */
  needsCredentials: boolean;
}

export interface ListTargetsParams {
  /** Absolute path of asp.targets.json; the configured one when absent. */
  targetsFile?: string;
}
export interface ListTargetsReply {
  /** `local` first, then the file's entries in order. */
  targets: TargetInfo[];
  /** Problems in the file, one line each (entries with problems are left out). */
  errors: string[];
  file?: string;
}
/** asp/listTargets: the targets of asp.targets.json (no secrets). */
export const listTargets = new RequestType<ListTargetsParams, ListTargetsReply, void>('asp/listTargets');

export interface TargetRequestParams {
  target: string;
  /** An Atlas method name (createStreamProcessor, listStreamProcessors, ...). */
  method: string;
  params: unknown;
}
/** asp/targetRequest: one Atlas method on a target; the reply is the method's reply. */
export const targetRequest = new RequestType<TargetRequestParams, unknown, void>('asp/targetRequest');

export interface DeployParams {
  target: string;
  /** The `.asp.json` text. */
  text: string;
  /** Its absolute path, for messages and the processor name of an unnamed file. */
  file?: string;
  /** Modify without the checkpoint (resumeFromCheckpoint: false). */
  noResume?: boolean;
}
export interface DeployPlanReply {
  target: string;
  environment: string;
  name: string;
  action: 'create' | 'modify' | 'none';
  /** One readable line per change (`~ pipeline[1].$match.a: 1 -> 2`). */
  changes: string[];
  /** The plan as the CLI prints it. */
  summary: string[];
  steps: string[];
  /** Why it cannot be applied as asked. */
  refused?: string;
  state?: ProcessorState;
  /** The deployed definition and the file's, as the Admin API create bodies they are, pretty-printed. */
  deployedText?: string;
  desiredText: string;
}
/** asp/planDeploy: the diff of a file against the target's processor, and the steps a deploy takes. */
export const planDeploy = new RequestType<DeployParams, DeployPlanReply, void>('asp/planDeploy');

export interface DeployReply extends DeployPlanReply {
  /** What ran, in order (create; or stop, modify, start). */
  done: string[];
}
/** asp/applyDeploy: plan again and apply (create, or stop → modify → restore the state). */
export const applyDeploy = new RequestType<DeployParams, DeployReply, void>('asp/applyDeploy');
