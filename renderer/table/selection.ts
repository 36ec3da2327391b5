/** A rectangular selection of value cells, copied with the core's selection helpers (TSV for spreadsheets, an HTML table for Word). */
import type { CellRef } from '../../core/model.ts';
import { selectionToHtml, selectionToTsv } from '../../core/export/index.ts';
import type { TableLayout } from './layout.ts';

export interface GridPoint {
  row: number;
  col: number;
}

export interface Selection {
  anchor: GridPoint;
  focus: GridPoint;
}

export function selectionBounds(s: Selection) {
  return {
    top: Math.min(s.anchor.row, s.focus.row),
    bottom: Math.max(s.anchor.row, s.focus.row),
    left: Math.min(s.anchor.col, s.focus.col),
    right: Math.max(s.anchor.col, s.focus.col),
  };
}

export function isSelected(s: Selection | null, p: GridPoint): boolean {
  if (!s) return false;
  const b = selectionBounds(s);
  return p.row >= b.top && p.row <= b.bottom && p.col >= b.left && p.col <= b.right;
}

/** The canonical cells inside the selection, row by row (rows of unequal width clipped to what exists). */
export function selectedRefs(layout: TableLayout, s: Selection): CellRef[] {
  const b = selectionBounds(s);
  const refs: CellRef[] = [];
  for (let r = b.top; r <= b.bottom; r++) for (const c of (layout.valueRows[r] ?? []).slice(b.left, b.right + 1)) if (c.ref) refs.push(c.ref);
  return refs;
}

export function selectionPayload(layout: TableLayout, s: Selection): { text: string; html: string; count: number } {
  const refs = selectedRefs(layout, s);
  return { text: selectionToTsv(layout.core, refs), html: selectionToHtml(layout.core, refs), count: refs.length };
}

/** Moves a grid point by (dr, dc), clamped to the existing cells. */
export function moveWithin(layout: TableLayout, p: GridPoint, dr: number, dc: number): GridPoint {
  const rows = layout.valueRows;
  const row = Math.min(Math.max(p.row + dr, 0), rows.length - 1);
  const width = rows[row]?.length ?? 1;
  const col = Math.min(Math.max(p.col + dc, 0), width - 1);
  return { row, col };
}
