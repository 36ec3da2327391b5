/**
 * Export formats (plain text, HTML, TSV, Markdown, JSON) of a whole report, one chapter or
 * one statistical table, and the copy helpers the UI uses for the clipboard. Tables are
 * written from the official layout in ./layout.ts, the same model the table view renders.
 * Pure: used by the renderer and by the service/CLI.
 */
import type { Report } from '../model.ts';
import type { TableId } from '../spec.ts';
import { chapterBlocks, reportBlocks, reportTitle, type Block, type ExportableReport } from './document.ts';
import { blocksToHtml, htmlDocument } from './html.ts';
import { chapterToJson, reportToJson, tableToJson } from './json.ts';
import { blocksToMarkdown, tableToMarkdown } from './markdown.ts';
import { blocksToText, tableToText } from './text.ts';
import { blocksToTsv, tableToTsv } from './tsv.ts';
import { layoutTable, type TableLayout } from './layout.ts';
import type { ExportFormatId } from './formats.ts';

export * from './layout.ts';
export { tableToHtml, selectionToHtml, escapeHtml } from './html.ts';
export { tableToTsv, selectionToTsv, tsvField } from './tsv.ts';
export { tableToText, displayWidth } from './text.ts';
export { tableToMarkdown } from './markdown.ts';
export { reportBlocks, chapterBlocks, tableBlocks, reportTitle, NARRATIVE_NOTE, type Block, type ExportableReport } from './document.ts';

export { EXPORT_FORMATS, type ExportFormatId } from './formats.ts';

export interface ExportSelection {
  format: ExportFormatId;
  /** A chapter key (spec chapter id or extra-N); omitted = whole report. */
  chapter?: string;
  /** Only this statistical table (takes precedence over chapter). */
  table?: TableId;
}

function render(blocks: Block[], format: Exclude<ExportFormatId, 'json'>): string {
  if (format === 'text') return blocksToText(blocks);
  if (format === 'html') return blocksToHtml(blocks);
  if (format === 'tsv') return blocksToTsv(blocks);
  return blocksToMarkdown(blocks);
}

function requireLayout(report: ExportableReport, tableId: TableId): TableLayout {
  const layout = report.tables[tableId] ? layoutTable(report, tableId) : null;
  if (!layout) throw new Error(`报告中没有这张统计表：${tableId} (the report has no such table)`);
  return layout;
}

/**
 * A report, one chapter or one table in one format. A table alone is just the table (what
 * pastes into a spreadsheet); chapters and the report carry headings, paragraphs, tables and
 * the sentences generated from each table. The whole report as HTML is a standalone page.
 * Throws for a chapter or table the report does not have.
 */
export function exportReport(report: Report, request: ExportSelection): string {
  const { format, chapter, table } = request;
  if (format === 'json') {
    if (table) return tableToJson(report, table);
    if (chapter) return chapterToJson(report, chapter);
    return reportToJson(report);
  }
  if (table) {
    const layout = requireLayout(report, table);
    if (format === 'text') return tableToText(layout);
    if (format === 'tsv') return tableToTsv(layout);
    if (format === 'markdown') return tableToMarkdown(layout);
    return blocksToHtml([{ kind: 'table', layout }]);
  }
  if (chapter) return render(chapterBlocks(report, chapter), format);
  const body = render(reportBlocks(report), format);
  return format === 'html' ? htmlDocument(reportTitle(report), body) : body;
}
