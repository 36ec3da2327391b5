/**
 * TSV export for pasting into Excel/WPS 表格: one line per grid row, TAB between cells, merged
 * cells unmerged (text in the first slot, '' in the others) so every column lines up; numbers
 * as bare numbers. Cells holding a tab, newline or double quote are quoted the way Excel
 * quotes them ("a""b"). Pure.
 */
import type { CellRef, GenericTable } from '../model.ts';
import type { Block } from './document.ts';
import { selectionRect, slotMatrix, wholeRect } from './grid.ts';
import { layoutGrid, type LayoutCell, type TableLayout } from './layout.ts';

export function tsvField(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function matrixToTsv(matrix: string[][]): string {
  return matrix.map((row) => row.map(tsvField).join('\t')).join('\n');
}

const spreadsheetText = (cell: LayoutCell) => (cell.kind === 'value' ? cell.plain : cell.text);

/** The table's full grid, header rows included, labels in the first columns. */
export function tableToTsv(layout: TableLayout): string {
  return matrixToTsv(slotMatrix(layoutGrid(layout), wholeRect(layout), spreadsheetText));
}

/** The selected value cells as their bounding rectangle; '' when nothing is selected. */
export function selectionToTsv(layout: TableLayout, refs: CellRef[]): string {
  const selection = selectionRect(layout, refs);
  if (!selection) return '';
  return matrixToTsv(slotMatrix(selection.grid, selection.rect, spreadsheetText, selection.include));
}

export function genericTableToTsv(table: GenericTable): string {
  return matrixToTsv(table.rows);
}

/** Paragraphs become one-cell lines, tables their grids, blocks separated by a blank line. */
export function blocksToTsv(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if (b.kind === 'table') return tableToTsv(b.layout);
      if (b.kind === 'generic') return genericTableToTsv(b.table);
      return tsvField(b.text);
    })
    .join('\n\n');
}
