/**
 * A report (or one chapter, or one table) as a flat list of blocks in reading order, which
 * each export format then writes out. Pure.
 */
import type { Chapter, GenericTable, ParsedReport } from '../model.ts';
import { narrateTable } from '../narrative.ts';
import { CHAPTER_HEADINGS, TABLE_IDS, type TableId } from '../spec.ts';
import { layoutTable, type TableLayout } from './layout.ts';

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Text the app generated (narrative from a table), not printed in the report. */
  | { kind: 'note'; text: string }
  | { kind: 'table'; layout: TableLayout }
  | { kind: 'generic'; table: GenericTable };

export type ExportableReport = Pick<
  ParsedReport,
  'body' | 'year' | 'title' | 'format' | 'preamble' | 'chapters' | 'tables' | 'genericTables'
>;

export const NARRATIVE_NOTE = '（以下文字根据统计表生成）';

const compact = (s: string) => s.replace(/\s+/g, '');

export function reportTitle(report: Pick<ParsedReport, 'title' | 'body' | 'year'>): string {
  if (report.title.trim()) return report.title.trim();
  const year = report.year === null ? '' : `${report.year}年`;
  return `${report.body.printed}${year}政府信息公开工作年度报告`;
}

function isTableId(id: string): id is TableId {
  return (TABLE_IDS as readonly string[]).includes(id);
}

/** The statistical table of a chapter, when the chapter is one and the report has it. */
function chapterTable(report: ExportableReport, chapter: Chapter): TableLayout | null {
  if (!isTableId(chapter.id) || !report.tables[chapter.id]) return null;
  return layoutTable(report, chapter.id);
}

/** A table's blocks: the layout and, after it, the sentences generated from it. */
export function tableBlocks(report: ExportableReport, tableId: TableId): Block[] {
  const layout = report.tables[tableId] ? layoutTable(report, tableId) : null;
  if (!layout) return [];
  const blocks: Block[] = [{ kind: 'table', layout }];
  const sentences = narrateTable(report, tableId);
  if (sentences.length) blocks.push({ kind: 'note', text: NARRATIVE_NOTE }, { kind: 'paragraph', text: sentences.join('') });
  return blocks;
}

function genericBlocks(report: ExportableReport, chapterKey: string): Block[] {
  return report.genericTables.filter((t) => t.chapterKey === chapterKey).map((table) => ({ kind: 'generic', table }));
}

export function findChapter(report: ExportableReport, key: string): Chapter {
  const chapter = report.chapters.find((c) => c.key === key);
  if (!chapter) throw new Error(`报告中没有这一章：${key} (no chapter with this key)`);
  return chapter;
}

export function chapterBlocks(report: ExportableReport, key: string): Block[] {
  const chapter = findChapter(report, key);
  const blocks: Block[] = [{ kind: 'heading', text: chapter.heading }];
  for (const p of chapter.paragraphs) blocks.push({ kind: 'paragraph', text: p });
  if (chapterTable(report, chapter) && isTableId(chapter.id)) blocks.push(...tableBlocks(report, chapter.id));
  blocks.push(...genericBlocks(report, chapter.key));
  return blocks;
}

/** The whole report: title, preamble, chapters in order, tables no chapter held, stray generic tables. */
export function reportBlocks(report: ExportableReport): Block[] {
  const title = reportTitle(report);
  const blocks: Block[] = [{ kind: 'title', text: title }];
  const preamble = report.preamble.filter((p, i) => !(i === 0 && compact(p) === compact(title)));
  for (const p of preamble) blocks.push({ kind: 'paragraph', text: p });
  blocks.push(...genericBlocks(report, 'preamble'));
  const placedTables = new Set<string>();
  for (const chapter of report.chapters) {
    blocks.push(...chapterBlocks(report, chapter.key));
    if (isTableId(chapter.id)) placedTables.add(chapter.id);
  }
  for (const id of TABLE_IDS) {
    if (placedTables.has(id) || !report.tables[id]) continue;
    const tb = tableBlocks(report, id);
    if (tb.length) blocks.push({ kind: 'heading', text: CHAPTER_HEADINGS[id] }, ...tb);
  }
  const knownKeys = new Set(['preamble', ...report.chapters.map((c) => c.key)]);
  for (const t of report.genericTables) if (!knownKeys.has(t.chapterKey)) blocks.push({ kind: 'generic', table: t });
  return blocks;
}
