/**
 * Walking a rectangle of a layout's grid: which cell starts where, with its spans clipped to
 * the rectangle. Shared by the HTML, TSV, text and Markdown writers and by selection copy.
 * Pure.
 */
import type { CellRef } from '../model.ts';
import { cellKey, layoutGrid, type GridSlot, type LayoutCell, type TableLayout } from './layout.ts';

export interface Rect {
  top: number;
  left: number;
  /** Inclusive. */
  bottom: number;
  right: number;
}

/** A cell as placed in a rectangle: its first slot inside the rectangle and its clipped spans. */
export interface PlacedCell {
  cell: LayoutCell | null;
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
}

export type CellFilter = (cell: LayoutCell) => boolean;

/**
 * Rows of placed cells covering the rectangle exactly once. A cell the filter rejects (or an
 * empty slot) becomes one empty 1×1 cell per slot, so that the grid keeps its shape.
 */
export function placeCells(grid: (GridSlot | null)[][], rect: Rect, include: CellFilter = () => true): PlacedCell[][] {
  const out: PlacedCell[][] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row: PlacedCell[] = [];
    for (let c = rect.left; c <= rect.right; c++) {
      const slot = grid[r]?.[c] ?? null;
      if (!slot || !include(slot.cell)) {
        row.push({ cell: null, row: r, column: c, rowSpan: 1, colSpan: 1 });
        continue;
      }
      const firstRow = Math.max(slot.originRow, rect.top);
      const firstColumn = Math.max(slot.originColumn, rect.left);
      if (r !== firstRow || c !== firstColumn) continue;
      const lastRow = Math.min(slot.originRow + slot.cell.rowSpan - 1, rect.bottom);
      const lastColumn = Math.min(slot.originColumn + slot.cell.colSpan - 1, rect.right);
      row.push({ cell: slot.cell, row: r, column: c, rowSpan: lastRow - r + 1, colSpan: lastColumn - c + 1 });
    }
    out.push(row);
  }
  return out;
}

/**
 * The rectangle as a full matrix of slots: each cell's text sits in its first slot inside the
 * rectangle, covered slots are ''. This is how a spreadsheet unmerges merged cells.
 */
export function slotMatrix(grid: (GridSlot | null)[][], rect: Rect, text: (cell: LayoutCell) => string, include: CellFilter = () => true): string[][] {
  const matrix: string[][] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row: string[] = [];
    for (let c = rect.left; c <= rect.right; c++) {
      const slot = grid[r]?.[c] ?? null;
      const first = slot !== null && r === Math.max(slot.originRow, rect.top) && c === Math.max(slot.originColumn, rect.left);
      row.push(slot && first && include(slot.cell) ? text(slot.cell) : '');
    }
    matrix.push(row);
  }
  return matrix;
}

export function wholeRect(layout: TableLayout): Rect {
  return { top: 0, left: 0, bottom: layout.rows.length - 1, right: layout.columnCount - 1 };
}

/**
 * The smallest rectangle holding the top-left slots of the selected value cells, and a filter
 * admitting only those cells. Null when none of the refs is in the layout.
 */
export function selectionRect(layout: TableLayout, refs: CellRef[]): { grid: (GridSlot | null)[][]; rect: Rect; include: CellFilter } | null {
  const wanted = new Set(refs.map(cellKey));
  const grid = layoutGrid(layout);
  let rect: Rect | null = null;
  grid.forEach((row, r) =>
    row.forEach((slot, c) => {
      if (!slot?.origin || slot.cell.kind !== 'value' || !wanted.has(slot.cell.key)) return;
      rect = rect
        ? { top: Math.min(rect.top, r), left: Math.min(rect.left, c), bottom: Math.max(rect.bottom, r), right: Math.max(rect.right, c) }
        : { top: r, left: c, bottom: r, right: c };
    }),
  );
  if (!rect) return null;
  return { grid, rect, include: (cell) => cell.kind === 'value' && wanted.has(cell.key) };
}
