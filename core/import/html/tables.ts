/**
 * Sorts the tables of a page: page layout (a table used to position the article), page
 * metadata (索引号/发布机构…), report statistics (申请/公开/复议… labels) or other data.
 */
import { DomUtils } from 'htmlparser2';
import { isDropped, isElement, parentElement, plainTextCjk, type HtmlElement, type HtmlParent } from './dom.ts';
import { cellText } from './cell-text.ts';
import { expandTable, tableRows, tableStructure, tableWidth, type Grid } from './grid.ts';
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

/** Whether a table sits anywhere inside the element (dropped elements included, as the layout test always looked). */
function containsTable(parent: HtmlParent): boolean {
  for (const node of parent.children) {
    if (isElement(node) && node.name === 'table') return true;
    if ('children' in node && containsTable(node as HtmlParent)) return true;
  }
  return false;
}

/** A nested table with at least two rows and two columns is content, so its host is layout. */
function hostsRealTable(cell: HtmlElement): boolean {
  const nested = DomUtils.findAll((n) => n.name === 'table', cell.children);
  return nested.some((t) => tableRows(t).length >= 2 && tableWidth(t) >= 2);
}

export function isLayoutTable(table: HtmlElement): boolean {
  const { cells, width } = tableStructure(table);
  if (width <= 1) return true;
  for (const rowCellList of cells) {
    for (const cell of rowCellList) {
      if (containsTable(cell) && hostsRealTable(cell)) return true;
      if (plainTextCjk(cell) > PROSE_CELL_CJK) return true;
    }
  }
  return false;
}

/** Longest word of REPORT_TABLE_WORDS less one: the overlap kept when the text is searched row by row. */
const WORD_OVERLAP = Math.max(...REPORT_TABLE_WORDS.map((w) => w.length)) - 1;

/**
 * Whether two of the report words occur in the table's text (its cells joined without
 * separators). Searched row by row, so that a report table is recognised from its first rows.
 */
export function isReportGrid(rows: string[][]): boolean {
  const found = new Set<string>();
  let tail = '';
  for (const row of rows) {
    const text = tail + row.join('');
    for (const w of REPORT_TABLE_WORDS) if (!found.has(w) && text.includes(w)) found.add(w);
    if (found.size >= 2) return true;
    tail = text.slice(-WORD_OVERLAP);
  }
  return false;
}

/** `tables`: the page's <table> elements in document order. */
export function classifyTables(tables: HtmlElement[]): Map<HtmlElement, TableInfo> {
  const infos = new Map<HtmlElement, TableInfo>();
  for (const table of tables) {
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
