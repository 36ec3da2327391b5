/**
 * The search result list as CSV (one line per shown hit: report, body, year, where, snippet),
 * with a byte-order mark so that Excel and WPS open the Chinese text as UTF-8.
 */
import type { SearchResult } from '../../core/api.ts';

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is neutralised (no formula injection in Excel). */
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function resultsCsv(results: SearchResult[], header: readonly string[], describe: (where: string) => string): string {
  const lines = [header.map(csvField).join(',')];
  for (const r of results) {
    const year = r.year == null ? '' : String(r.year);
    const hits = r.hits.length ? r.hits : [null];
    for (const hit of hits) lines.push([r.title, r.body, year, hit ? describe(hit.where) : '', hit ? hit.snippet.replace(/\s+/g, ' ') : ''].map(csvField).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
