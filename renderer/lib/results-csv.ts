/**
 * The search result list as CSV (one line per shown hit: report, body, year, where, snippet),
 * with a byte-order mark so that Excel and WPS open the Chinese text as UTF-8.
 */
import type { SearchResult } from '../../core/api.ts';
import { tableXlsx } from './xlsx-table.ts';

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is neutralised (no formula injection in Excel). */
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One row per shown hit (a result without hits: one row): title, body, year, where, snippet. */
export function resultRows(results: SearchResult[], describe: (where: string) => string): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const r of results) {
    const hits = r.hits.length ? r.hits : [null];
    for (const hit of hits) rows.push([r.title, r.body, r.year ?? null, hit ? describe(hit.where) : '', hit ? hit.snippet.replace(/\s+/g, ' ') : '']);
  }
  return rows;
}

export function resultsCsv(results: SearchResult[], header: readonly string[], describe: (where: string) => string): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of resultRows(results, describe)) lines.push(row.map((v) => csvField(v === null ? '' : String(v))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same list as an XLSX workbook (years as numbers; no formula risk: cells are inline text). */
export function resultsXlsx(results: SearchResult[], header: readonly string[], describe: (where: string) => string, sheetName: string): Uint8Array {
  return tableXlsx(sheetName, [[...header], ...resultRows(results, describe)]);
}
