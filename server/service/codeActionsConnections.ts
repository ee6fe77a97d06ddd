/** The "create missing connection" edit: append an entry to asp.connections.json, creating the file if needed. */
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { modify } from 'jsonc-parser';
import type { ServiceCtx } from './context';
import { kindOf } from '../../engine/connectors/catalog/index';


export function newConnectionEdit(ctx: ServiceCtx, name: string, type: string): WorkspaceEdit | undefined {
  const uri = ctx.connectionsFileUri();
  if (!uri) return undefined;
  // A new entry starts from its kind's template (the fields it cannot do without, with examples).
  const entry = { name, type, ...kindOf(type)?.template };
  const file = ctx.connectionsFile();
  const fmt = { insertSpaces: true, tabSize: 2, eol: '\n' };
  if (!file || file.uri !== uri || file.text.trim() === '') {
    const text = JSON.stringify({ connections: [entry] }, null, 2) + '\n';
    return {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
      ],
    };
  }
  const doc = TextDocument.create(uri, 'json', 0, file.text);
  const isArray = file.text.trimStart().startsWith('[');
  const path = isArray ? [file.list?.children?.length ?? 0] : ['connections', file.list?.children?.length ?? 0];
  const edits = modify(file.text, path, entry, { formattingOptions: fmt, isArrayInsertion: true });
  return {
    changes: {
      [uri]: edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content })),
    },
  };
}
