/**
 * Custom LSP messages the ASP language server answers, and the settings it reads. Messages the
 * VS Code client sends are defined in shared/protocol (the client never imports server/).
 */
import { RequestType } from 'vscode-jsonrpc';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface ValidateDocumentParams {
  uri: string;
}

export interface ValidateDocumentResult {
  /** Diagnostics of the document's current version, computed now (no debounce). */
  diagnostics: Diagnostic[];
  hasErrors: boolean;
  version: number | null;
}

/** asp/validateDocument: diagnostics of the current version now, without the debounce (for editors that validate before a save or run). */
export const validateDocument = new RequestType<ValidateDocumentParams, ValidateDocumentResult, void>('asp/validateDocument');

/** Settings the server reads (initializationOptions or the `asp` configuration section). */
export interface ServerSettings {
  /** Path of the registry file, relative to the workspace root; default `asp.connections.json`. */
  connectionsFile?: string;
  /** Debounce before validating after an edit, in ms; default 250. */
  validationDelayMs?: number;
}
