/**
 * asp/observedShapes: what the stages of a file's last Run or Debug emitted, sent by the
 * extension to the language server (not to the local instance) when the run ends. The server
 * shows it in the stage hover and offers its paths in completion while the pipeline is the one
 * that ran (`pipelineHash`), and marks it as older once the pipeline is edited.
 */
import { NotificationType } from 'vscode-jsonrpc';
import type { ObservedShape } from '../observedShape';

export interface ObservedStage {
  /** Index in the top-level pipeline (0 = $source). */
  index: number;
  /** Index inside a window's inner pipeline (then `index` is the window stage). */
  innerIndex?: number;
  /** The stage operator when it ran, e.g. "$match". */
  stage: string;
  shape: ObservedShape;
}

export interface ObservedShapesParams {
  /** The `.asp.json` document that ran. */
  uri: string;
  /** pipelineHash() of the pipeline that ran. */
  pipelineHash: string;
  /** 'Run' or 'Debug'. */
  mode: 'Run' | 'Debug';
  /** When the run ended, ms since the epoch. */
  at: number;
  /** Stages with an observed shape; empty clears what the server holds for `uri`. */
  stages: ObservedStage[];
}

export const observedShapes = new NotificationType<ObservedShapesParams>('asp/observedShapes');
