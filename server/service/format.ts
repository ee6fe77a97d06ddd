/** Formatting: jsonc-parser's printer, so output is stable for clean diffs. */
import { format as jsonFormat } from 'jsonc-parser';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import type { ParsedDoc } from './parseCache';

export function format(parsed: ParsedDoc, options: FormattingOptions, range?: Range): TextEdit[] {
  const d = parsed.doc;
  const r = range ? { offset: d.offsetAt(range.start), length: d.offsetAt(range.end) - d.offsetAt(range.start) } : undefined;
  const eol = parsed.text.includes('\r\n') ? '\r\n' : '\n';
  const edits = jsonFormat(parsed.text, r, {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    insertFinalNewline: options.insertFinalNewline ?? false,
    eol,
  });
  return edits.map((e) => ({ range: { start: d.positionAt(e.offset), end: d.positionAt(e.offset + e.length) }, newText: e.content }));
}
