/**
 * Sorts the tables of a page: page layout (a table used to position the article), page
 * metadata (索引号/发布机构…), report statistics (申请/公开/复议… labels) or other data.
 */
import { DomUtils } from 'htmlparser2';
import { countCjk, isDropped, parentElement, plainText, type HtmlDocument, type HtmlElement } from './dom.ts';
import { cellText } from './cell-text.ts';
import { expandTable, rowCells, tableRows, tableWidth, type Grid } from './grid.ts';
import { isMetadataGrid } from './metadata.ts';

export type TableKind = 'layout' | 'metadata' | 'report' | 'data';

export interface TableInfo {
  kind: TableKind;
  /** The expanded grid (not for layout tables). */
  grid?: Grid;
}

const REPORT_TABLE_WORDS = ['申请', '公开', '复议', '诉讼', '规章', '规范性文件', '许可', '处罚', '自然人', '信息内容', '收费'];
/** A cell holding this much prose is an article column, not a figure. */
const PROSE_CELL_CJK = 200;

const findTable = (el: HtmlElement) => DomUtils.findOne((n) => n.name === 'table', el.children, true);

/** A nested table with at least two rows and two columns is content, so its host is layout. */
function hostsRealTable(cell: HtmlElement): boolean {
  const nested = DomUtils.findAll((n) => n.name === 'table', cell.children);
  return nested.some((t) => tableRows(t).length >= 2 && tableWidth(t) >= 2);
}

export function isLayoutTable(table: HtmlElement): boolean {
  if (tableWidth(table) <= 1) return true;
  for (const row of tableRows(table)) {
    for (const cell of rowCells(row)) {
      if (findTable(cell) && hostsRealTable(cell)) return true;
      if (countCjk(plainText(cell)) > PROSE_CELL_CJK) return true;
    }
  }
  return false;
}

export function isReportGrid(rows: string[][]): boolean {
  const text = rows.flat().join('');
  return REPORT_TABLE_WORDS.filter((w) => text.includes(w)).length >= 2;
}

export function classifyTables(doc: HtmlDocument): Map<HtmlElement, TableInfo> {
  const infos = new Map<HtmlElement, TableInfo>();
  for (const table of DomUtils.getElementsByTagName('table', doc, true)) {
    if (hasDroppedAncestor(table)) continue;
    if (isLayoutTable(table)) {
      infos.set(table, { kind: 'layout' });
      continue;
    }
    const grid = expandTable(table, cellText);
    const kind: TableKind = isMetadataGrid(grid.rows) ? 'metadata' : isReportGrid(grid.rows) ? 'report' : 'data';
    infos.set(table, { kind, grid });
  }
  return infos;
}

function hasDroppedAncestor(el: HtmlElement): boolean {
  for (let p = parentElement(el); p; p = parentElement(p)) if (isDropped(p)) return true;
  return false;
}
