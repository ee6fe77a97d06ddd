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
  /** Event time (ms): an `event time` column (ISO) is written when some row has one. */
  eventTime?: number;
}

/** The header of the event-time column. */
export const EVENT_TIME_HEADER = 'event time';

/**
 * The rows under `columns`; a leading `_dlq` column (the DLQ reason) when some row is a DLQ
 * record, so a spreadsheet can tell them apart, then an `event time` column when some row has one.
 */
export function toCsv(columns: readonly string[], rows: Iterable<CsvRow>): string {
  const list = [...rows];
  const withDlq = list.some((r) => r.dlq !== undefined);
  const withTime = list.some((r) => r.eventTime !== undefined);
  const lead = [...(withDlq ? ['_dlq'] : []), ...(withTime ? [EVENT_TIME_HEADER] : [])];
  let out = [...lead, ...columns].map(csvField).join(',') + '\r\n';
  for (const r of list) {
    const fields: string[] = [];
    if (withDlq) fields.push(csvField(r.dlq ?? ''));
    if (withTime) fields.push(r.eventTime === undefined ? '' : new Date(r.eventTime).toISOString());
    for (const c of columns) fields.push(csvField(valueText(valueAt(r.doc, c))));
    out += fields.join(',') + '\r\n';
  }
  return out;
}
