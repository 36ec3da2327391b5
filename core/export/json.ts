/**
 * The canonical JSON of a report (report-format.md): `tables.<tableId>.<rowId>.<columnId>`
 * values, plus the cells (raw text, state, annotations), chapters, findings and metadata.
 * Pure.
 */
import { findingsOf, tableValues, type Report, type StatTable } from '../model.ts';
import { narrateTable } from '../narrative.ts';
import { TABLE_IDS, type TableId } from '../spec.ts';
import { findChapter, reportTitle } from './document.ts';

function metadata(report: Report) {
  return {
    id: report.id,
    title: reportTitle(report),
    body: report.body.printed,
    bodyNormalized: report.body.normalized,
    year: report.year,
    format: report.format,
    publishedAt: report.publishedAt,
    version: report.version,
    importedAt: report.importedAt,
    parserVersion: report.parserVersion,
    schemaVersion: report.schemaVersion,
    source: { fileName: report.source.fileName, mediaType: report.source.mediaType, sha256: report.source.sha256, size: report.source.size },
    metadataConfidence: report.metadataConfidence,
    sourceMetadata: report.sourceMetadata,
  };
}

/** Sentences generated from each table the report has (the reader's Narrative view). */
function narrativeOf(report: Report, only?: TableId): Record<string, string[]> {
  const ids = only ? [only] : TABLE_IDS.filter((id) => report.tables[id]);
  return Object.fromEntries(ids.map((id) => [id, narrateTable(report, id)]));
}

function cellsOf(tables: Partial<Record<TableId, StatTable>>) {
  return Object.fromEntries(Object.entries(tables).map(([id, t]) => [id, t!.cells]));
}

/** The canonical JSON of a whole report as an object, for callers that add to it (the CLI's `show --json`). */
export function reportJsonObject(report: Report) {
  return {
    metadata: metadata(report),
    tables: tableValues(report.tables),
    cells: cellsOf(report.tables),
    preamble: report.preamble,
    chapters: report.chapters,
    narrative: narrativeOf(report),
    genericTables: report.genericTables,
    findings: findingsOf(report),
  };
}

export function reportToJson(report: Report): string {
  return JSON.stringify(reportJsonObject(report), null, 2);
}

export function tableToJson(report: Report, tableId: TableId): string {
  const table = report.tables[tableId];
  if (!table) throw new Error(`报告中没有这张统计表：${tableId} (the report has no such table)`);
  const only = { [tableId]: table };
  return JSON.stringify(
    {
      metadata: metadata(report),
      table: tableId,
      tables: tableValues(only),
      cells: cellsOf(only),
      narrative: narrativeOf(report, tableId),
      findings: findingsOf(report).filter((f) => f.cells.some((c) => c.table === tableId)),
    },
    null,
    2,
  );
}

export function chapterToJson(report: Report, key: string): string {
  const chapter = findChapter(report, key);
  const tableId = TABLE_IDS.find((t) => t === chapter.id && report.tables[t]);
  const only = tableId ? { [tableId]: report.tables[tableId]! } : {};
  return JSON.stringify(
    {
      metadata: metadata(report),
      chapter,
      tables: tableValues(only),
      cells: cellsOf(only),
      narrative: tableId ? narrativeOf(report, tableId) : {},
      genericTables: report.genericTables.filter((t) => t.chapterKey === key),
      findings: tableId ? findingsOf(report).filter((f) => f.cells.some((c) => c.table === tableId)) : [],
    },
    null,
    2,
  );
}
