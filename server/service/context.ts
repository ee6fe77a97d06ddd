/** What every feature module receives: the catalog, the live registry and per-document extras. */
import type { ConnectionRegistry } from '../../engine/connections/types';
import type { Catalog } from './types';
import type { ParsedDoc } from './parseCache';
import type { StageShapes } from './fieldPaths';
import type { ConnectionsFileIndex } from './connectionsFile';
import type { ObservedStore } from './observed';

export interface ServiceCtx {
  catalog: Catalog;
  connections(): ConnectionRegistry;
  /** The parsed registry file, for go-to-definition and "create connection" fixes. */
  connectionsFile(): ConnectionsFileIndex | undefined;
  /** Where the registry file is (or would be created), as a URI. */
  connectionsFileUri(): string | undefined;
  /** Shapes of every stage's input and output for this version of the document. */
  shapes(parsed: ParsedDoc): StageShapes;
  /** What the last Run or Debug of each file observed per stage. */
  observed: ObservedStore;
}
