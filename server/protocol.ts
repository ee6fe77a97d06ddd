/**
 * Custom LSP messages between the VS Code client and the ASP language server. The client
 * imports this file; method strings are written only here.
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
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

/** asp/validateDocument: commands await it before a run or deploy. Sent by the client. */
export const validateDocument = new RequestType<ValidateDocumentParams, ValidateDocumentResult, void>('asp/validateDocument');

export interface SampleDocumentsParams {
  uri: string;
  /** Documents captured from a run of this file (relaxed EJSON); empty clears them. */
  docs: unknown[];
}

/** asp/sampleDocuments: seeds field-path completion with real output. Sent by the client after a run. */
export const sampleDocuments = new NotificationType<SampleDocumentsParams>('asp/sampleDocuments');

/** Settings the server reads (initializationOptions or the `asp` configuration section). */
export interface ServerSettings {
  /** Path of the registry file, relative to the workspace root; default `asp.connections.json`. */
  connectionsFile?: string;
  /** Debounce before validating after an edit, in ms; default 250. */
  validationDelayMs?: number;
}
