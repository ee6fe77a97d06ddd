/**
 * Named diagnostic codes of the window stages, their inner stages and accumulators
 * (ASP33x-ASP34x). Every code is listed, with its summary, in engine/core/codes.ts.
 */
import type { DiagnosticCode } from '../core/codes';

export const CODES = {
  // The generic IDL codes (unknown, missing, wrongly typed fields) come from the shared
  // table checker, engine/parse/checkFields.ts.
  badValue: 'ASP335',
  processingTime: 'ASP336',
  sessionPipeline: 'ASP337',
  group: 'ASP340',
  accumulatorArg: 'ASP341',
  unknownAccumulator: 'ASP342',
  sort: 'ASP345',
  limit: 'ASP346',
  count: 'ASP347',
} as const satisfies Record<string, DiagnosticCode>;
