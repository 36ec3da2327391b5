/**
 * The archive-wide findings as work (issue 13): filtered by body, year, rule and severity, a
 * cross-year mismatch once per pair of reports, grouped by report, and the 问题清单 sent back to
 * the bodies concerned (HTML that Word and WPS open as a document). Pure.
 */
import { tableXlsx, type XlsxCell } from './xlsx-table.ts';
import type { FindingRow } from '../../core/api.ts';

export interface FindingFilters {
  /** Substring of the body name (as printed). */
  body: string;
  year: number | null;
  rule: string;
  severity: '' | 'error' | 'warning';
}

export const NO_FINDING_FILTERS: FindingFilters = { body: '', year: null, rule: '', severity: '' };

export function filterFindings(rows: FindingRow[], f: FindingFilters): FindingRow[] {
  const body = f.body.trim();
  return rows.filter(
    (r) => (!body || r.body.includes(body)) && (f.year === null || r.year === f.year) && (!f.rule || r.rule === f.rule) && (!f.severity || r.severity === f.severity),
  );
}

/** Identity of a finding in the archive. */
export const findingId = (r: Pick<FindingRow, 'reportId' | 'key'>) => `${r.reportId}\u0001${r.key}`;

export interface ListedFinding {
  row: FindingRow;
  /** For a cross-year mismatch: the same finding as the other report of the pair holds it. */
  pair?: FindingRow;
}

/**
 * A cross-year finding is stored on both reports of the pair (each pointing at the other): it is
 * listed once, on the later report, with the earlier one as its pair.
 */
export function onePerPair(rows: FindingRow[]): ListedFinding[] {
  const byPair = new Map<string, FindingRow>();
  for (const r of rows) if (r.relatedReportId) byPair.set(`${r.reportId}\u0001${r.relatedReportId}\u0001${r.key}`, r);
  const out: ListedFinding[] = [];
  for (const r of rows) {
    if (!r.relatedReportId) {
      out.push({ row: r });
      continue;
    }
    const other = byPair.get(`${r.relatedReportId}\u0001${r.reportId}\u0001${r.key}`);
    if (other && isEarlier(r, other)) continue; // listed with the later report
    out.push({ row: r, pair: other });
  }
  return out;
}

function isEarlier(a: FindingRow, b: FindingRow): boolean {
  if (a.year !== b.year) return (a.year ?? 0) < (b.year ?? 0);
  return a.reportId < b.reportId;
}

export interface ReportGroup {
  reportId: string;
  body: string;
  year: number | null;
  findings: ListedFinding[];
}

/** Groups by report, in body then year order (newest year first). */
export function groupByReport(list: ListedFinding[]): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  for (const item of list) {
    const r = item.row;
    let g = groups.get(r.reportId);
    if (!g) groups.set(r.reportId, (g = { reportId: r.reportId, body: r.body, year: r.year, findings: [] }));
    g.findings.push(item);
  }
  return [...groups.values()].sort((a, b) => a.body.localeCompare(b.body, 'zh-Hans-CN') || (b.year ?? 0) - (a.year ?? 0));
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export interface ChecklistWords {
  title: string;
  header: readonly string[];
  ruleName: (rule: string) => string;
  severity: (s: 'error' | 'warning') => string;
  year: (y: number | null) => string;
  /** "（对照 2021 年报告）" after a cross-year finding. */
  pair: (y: number | null) => string;
}

/**
 * 问题清单 as an HTML document for Word/WPS (saved as .doc): one table, a row per finding with
 * body, year, rule, severity, message and both sides of the equation.
 */
/** The 问题清单 as an XLSX workbook: the same columns, both sides of the equation as numbers. */
export function checklistXlsx(list: ListedFinding[], words: ChecklistWords): Uint8Array {
  const rows: XlsxCell[][] = list.map(({ row: r, pair }) => [
    r.body,
    r.year ?? null,
    words.ruleName(r.rule),
    words.severity(r.severity),
    r.message + (pair ? words.pair(pair.year) : ''),
    r.left ?? null,
    r.right ?? null,
  ]);
  return tableXlsx(words.title, [[...words.header], ...rows]);
}

export function checklistHtml(list: ListedFinding[], words: ChecklistWords): string {
  const side = (v: number | null | undefined) => (v === undefined || v === null ? '' : String(v));
  const rows = list.map(({ row: r, pair }) => {
    const cells = [r.body, words.year(r.year), words.ruleName(r.rule), words.severity(r.severity), r.message + (pair ? words.pair(pair.year) : ''), side(r.left), side(r.right)];
    return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  return [
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(words.title)}</title>`,
    '<style>body{font-family:"SimSun","Songti SC",serif;font-size:10.5pt}table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:3pt 5pt;vertical-align:top}th{background:#eee}thead{display:table-header-group}</style>',
    `</head><body><h1>${escapeHtml(words.title)}</h1>`,
    `<table><thead><tr>${words.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows,
    '</tbody></table></body></html>',
  ].join('\n');
}
