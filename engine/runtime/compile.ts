/** Turn a stored definition into a runnable pipeline, or a 420 error listing every problem. */
import type { ConnectionRegistry } from '../connections/types';
import type { Diagnostic, LocatedDiagnostic, Value } from '../core/types';
import type { ProcessorDef as RunDef } from '../pipeline/analyze';
import { parseProcessorOptions } from '../pipeline/processorOptions';
import { validatePipeline, type ValidatedPipeline } from '../pipeline/validate';
import { invalid } from './errors';

export interface Compiled {
  def: RunDef;
  validated: ValidatedPipeline;
}

/**
 * Validate like createStreamProcessor does. Diagnostics carry JSON paths only (the daemon gets
 * values, not text), so positions are left at the start; clients with the file locate them.
 */
export function compileProcessor(
  name: string,
  pipeline: Value,
  options: Record<string, Value>,
  registry: ConnectionRegistry,
  mode: 'processor' | 'preview' | 'either',
): Compiled {
  const diags: Diagnostic[] = [];
  const opts = parseProcessorOptions(options, ['options'], registry, diags);
  const validated = validatePipeline(pipeline, ['pipeline'], { connections: registry, hasDlq: mode === 'preview' || opts.dlq !== undefined, mode });
  diags.push(...validated.diagnostics);
  const errors = diags.filter((d) => d.severity === 'error');
  if (errors.length) {
    const located: LocatedDiagnostic[] = errors.map((d) => ({ ...d, offset: 0, length: 0, line: 1, col: 1 }));
    throw invalid(errors[0]!.message, { diagnostics: located });
  }
  return { def: { name, pipeline: pipeline as Value[], options: opts }, validated };
}
