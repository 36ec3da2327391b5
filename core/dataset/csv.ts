/** CSV of a dataset (RFC 4180, UTF-8 with BOM so Excel/WPS read the Chinese headers). Pure. */
import { HEADER_IDS, HEADER_LABELS, rowValues, type DatasetRow } from './columns.ts';

function field(v: string | number | boolean | null): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (values: (string | number | boolean | null)[]) => values.map(field).join(',');

export function* csvLines(rows: Iterable<DatasetRow>): Generator<string> {
  yield `\ufeff${csvLine(HEADER_LABELS)}\r\n`;
  yield `${csvLine(HEADER_IDS)}\r\n`;
  for (const row of rows) yield `${csvLine(rowValues(row))}\r\n`;
}
