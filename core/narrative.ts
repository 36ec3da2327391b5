/**
 * The narrative view of a statistical table: sentences generated from its cells, as the
 * reader shows them and the search indexes them. Pure; safe for the renderer (no Node APIs).
 * Empty cells are said as 未填报 / 无法读取, never as 0.
 */
import type { ParsedReport } from './model.ts';
import { TABLE_IDS, tableSpec, type TableId } from './spec.ts';
import { narrateApplications } from './narrative/applications.ts';
import { narrateProactive } from './narrative/proactive.ts';
import { narrateReviewLitigation } from './narrative/reviewLitigation.ts';

type NarratedReport = Pick<ParsedReport, 'format' | 'tables'>;

/** Sentences for one table; none for a table the report lacks or a format without the template. */
export function narrateTable(report: NarratedReport, table: TableId): string[] {
  const spec = tableSpec(report.format, table);
  if (!spec || !report.tables[table]) return [];
  switch (table) {
    case 'proactive':
      return narrateProactive(report.tables, report.format);
    case 'applications':
      return narrateApplications(report.tables, spec);
    case 'reviewLitigation':
      return narrateReviewLitigation(report.tables);
  }
}

export interface TableNarrative {
  tableId: TableId;
  sentences: string[];
}

/** Every table of the report that has sentences, in template order (for search and export). */
export function narrateReportTables(report: NarratedReport): TableNarrative[] {
  return TABLE_IDS.map((tableId) => ({ tableId, sentences: narrateTable(report, tableId) })).filter((t) => t.sentences.length > 0);
}
