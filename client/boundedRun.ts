/**
 * An ephemeral run on the local instance that the caller awaits: started like Run and Debug
 * (registered, shown in the output panel, stoppable), resolved when it ends with its counts
 * and, for a debug run, its stage trace. Capture input and the language-model preview use it.
 */
import * as vscode from 'vscode';
import * as P from '../shared/protocol';
import { UserFacingError, type Ctx, type RunInfo } from './ctx';
import type { PipelineFile } from './pipelineFile';
import { errorMessage } from '../engine/core/errors';

export interface BoundedRun {
  name: string;
  uri: vscode.Uri;
  file: PipelineFile;
  /** The pipeline to run (the file's, or a part of it). */
  pipeline: unknown[];
  controls: P.RunControls;
  /** The output panel's label for it. */
  label: string;
}

/** Start the run and wait for its end; cancelling the token stops it. */
export async function runToEnd(ctx: Ctx, r: BoundedRun, token?: vscode.CancellationToken): Promise<RunInfo> {
  const debug = r.controls.debug !== undefined;
  const info: RunInfo = { name: r.name, uri: r.uri, file: r.file, debug };
  // Subscribed before the request, so an instant end is not missed; a crash of the local
  // instance marks runs ended without a runEnded event, hence runsChanged too.
  let settle!: () => void;
  const ended = new Promise<void>((resolve) => (settle = resolve));
  const subs = [ctx.onRunEnded((x) => x.name === r.name && settle()), ctx.onRunsChanged(() => info.ended && !ctx.engine.isRunning && settle())];
  const stop = token?.onCancellationRequested(() => void ctx.stopRun(r.name).catch(() => undefined));
  try {
    ctx.registerRun(info);
    ctx.panel.beginRun(r.name, r.label, debug, r.controls.sinks ?? 'capture');
    const params: P.ProcessParams = { pipeline: r.pipeline, name: r.name, file: r.uri.scheme === 'file' ? r.uri.fsPath : undefined, run: r.controls };
    if (r.file.options) params.options = r.file.options as P.ProcessorOptions;
    try {
      await ctx.rpc(P.processStreamProcessor, params);
    } catch (e) {
      const p: P.RunEndedParams = { name: r.name, reason: 'failed', error: errorMessage(e), counts: { input: 0, output: 0, dlq: 0 } };
      info.ended = p;
      ctx.panel.endRun(p);
      throw e;
    }
    await ended;
  } finally {
    for (const s of subs) s.dispose();
    stop?.dispose();
  }
  if (info.ended?.reason === 'failed') throw new UserFacingError(`${r.label} failed: ${info.ended.error ?? 'unknown error'}`);
  return info;
}
