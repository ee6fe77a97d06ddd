/**
 * Named diagnostic codes of the window stages, their inner stages and accumulators (ASP33x-ASP34x,
 * plus the shared IDL codes). Every code is listed, with its summary, in engine/core/codes.ts.
 */
import type { DiagnosticCode } from '../core/codes';

export const CODES = {
  // The generic IDL codes are shared with engine/parse/args.ts.
  notObject: 'ASP203',
  unknownField: 'ASP302',
  missingField: 'ASP303',
  wrongType: 'ASP304',
  badEnum: 'ASP305',
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
