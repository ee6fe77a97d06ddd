/**
 * CSV export of the output panel's table (RFC 4180): one header line of column paths, one line
 * per row, CRLF line ends, a field quoted when it holds a comma, a quote, a line break or
 * leading/trailing spaces, and quotes inside doubled. Values are written as the table shows
 * them (dates as ISO strings, nested objects as compact JSON). Pure.
 */
import { valueAt, valueText } from './values';

export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvRow {
  /** The document the columns read from. */
  doc: unknown;
  /** DLQ reason, for rows that went to the dead letter queue. */
  dlq?: string;
}

/**
 * The rows under `columns`; a leading `_dlq` column (the DLQ reason) is added when some row
 * is a DLQ record, so a spreadsheet can tell them apart.
 */
export function toCsv(columns: readonly string[], rows: Iterable<CsvRow>): string {
  const list = [...rows];
  const withDlq = list.some((r) => r.dlq !== undefined);
  const header = (withDlq ? ['_dlq', ...columns] : [...columns]).map(csvField).join(',');
  let out = header + '\r\n';
  for (const r of list) {
    const fields = columns.map((c) => csvField(valueText(valueAt(r.doc, c))));
    if (withDlq) fields.unshift(csvField(r.dlq ?? ''));
    out += fields.join(',') + '\r\n';
  }
  return out;
}
