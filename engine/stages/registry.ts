/** The literal list of stages: one source of truth for the engine, the CLI and the language server. */
import type { StageSpec } from '../parse/types';
import { source } from './source';
import { match } from './match';
import { project } from './project';
import { addFields } from './addFields';
import { set } from './set';
import { unset } from './unset';
import { replaceRoot } from './replaceRoot';
import { replaceWith } from './replaceWith';
import { redact } from './redact';
import { unwind } from './unwind';
import { validate } from './validate';
import { setStreamMeta } from './setStreamMeta';
import { https } from './https';
import { externalFunction } from './externalFunction';
import { cachedLookup } from './cachedLookup';
import { throttle } from './throttle';
import { vectorSearch } from './vectorSearch';
import { iceberg } from './iceberg';
import { tumblingWindow } from './tumblingWindow';
import { hoppingWindow } from './hoppingWindow';
import { sessionWindow } from './sessionWindow';
import { group } from './group';
import { sort } from './sort';
import { limit } from './limit';
import { count } from './count';
import { lookup } from './lookup';
import { merge } from './merge';
import { emit } from './emit';

export const allStages: readonly StageSpec<any>[] = [
  source,
  match,
  project,
  addFields,
  set,
  unset,
  replaceRoot,
  replaceWith,
  redact,
  unwind,
  validate,
  setStreamMeta,
  https,
  externalFunction,
  cachedLookup,
  throttle,
  vectorSearch,
  iceberg,
  tumblingWindow,
  hoppingWindow,
  sessionWindow,
  group,
  sort,
  limit,
  count,
  lookup,
  merge,
  emit,
];

export const stageRegistry: ReadonlyMap<string, StageSpec> = new Map(allStages.map((s) => [s.name, s as StageSpec]));

/** MongoDB stages ASP rejects with "Unsupported stage" (asp-spec §1.3). */
export const UNSUPPORTED_STAGES: ReadonlySet<string> = new Set([
  '$out', '$facet', '$bucket', '$bucketAuto', '$sortByCount', '$skip', '$sample', '$graphLookup', '$unionWith',
  '$densify', '$fill', '$setWindowFields', '$geoNear', '$search', '$searchMeta', '$documents', '$changeStream',
  '$collStats', '$indexStats', '$currentOp', '$listSessions', '$planCacheStats',
]);
