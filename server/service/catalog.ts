/** The engine's catalogs and analyzer, as the service consumes them (I/O-free engine modules only). */
import { stageRegistry } from '../../engine/stages/registry';
import { exprRegistry } from '../../engine/expr/registry';
import { queryOperators } from '../../engine/query/registry';
import { accumulatorRegistry } from '../../engine/accumulators/registry';
import { analyzeText } from '../../engine/pipeline/analyze';
import type { AnalyzeFn, Catalog, OperatorDoc } from './types';
import { createLanguageService, type AspLanguageService } from './index';

let cached: Catalog | undefined;

/** The full catalog, built once. */
export function engineCatalog(): Catalog {
  if (cached) return cached;
  const query = new Map<string, OperatorDoc>();
  for (const q of queryOperators) if (!q.unsupported) query.set(q.name, q);
  cached = {
    stages: stageRegistry,
    exprOperators: exprRegistry,
    queryOperators: query,
    accumulators: accumulatorRegistry,
  };
  return cached;
}

export const engineAnalyze: AnalyzeFn = (text, opts) => analyzeText(text, opts);

/** The language service over the real engine: what the server, the tests and the benchmark use. */
export function createEngineLanguageService(): AspLanguageService {
  return createLanguageService({ catalog: engineCatalog(), analyze: engineAnalyze });
}
