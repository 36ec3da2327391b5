/**
 * The Table view's model: the official printed layout from core/export/layout.ts (the same
 * model every export format renders, so the screen matches what is copied), split into head
 * and body rows, with each value cell's position in the grid of value cells for keyboard
 * movement and selection.
 */
import type { Cell, CellRef, Report } from '../../core/model.ts';
import { cellKey, layoutTable as coreLayoutTable, type TableLayout as CoreLayout } from '../../core/export/layout.ts';
import type { TableId } from '../../core/spec.ts';

export { cellKey };

export interface LayoutCell {
  text: string;
  /** Column headings and row labels (rendered as <th>). */
  header: boolean;
  rowSpan?: number;
  colSpan?: number;
  ref?: CellRef;
  cell?: Cell | null;
  numeric?: boolean;
  /** Value cells: position among the table's value cells (row, column). */
  grid?: [number, number];
}

export interface TableLayout {
  id: TableId;
  title: string;
  columnCount: number;
  head: LayoutCell[][];
  body: LayoutCell[][];
  /** Value cells by grid row, for selection. */
  valueRows: LayoutCell[][];
  /** The core layout, for the copy helpers. */
  core: CoreLayout;
}

const span = (n: number) => (n > 1 ? n : undefined);

export function adaptLayout(core: CoreLayout): TableLayout {
  const rows = core.rows.map((row) =>
    row.cells.map<LayoutCell>((c) =>
      c.kind === 'value'
        ? { text: c.text, header: false, rowSpan: span(c.rowSpan), colSpan: span(c.colSpan), ref: c.ref, cell: c.cell, numeric: c.numeric }
        : { text: c.text, header: true, rowSpan: span(c.rowSpan), colSpan: span(c.colSpan) },
    ),
  );
  let headCount = 0;
  while (headCount < core.rows.length && core.rows[headCount].kind === 'header') headCount++;
  const valueRows: LayoutCell[][] = [];
  for (const row of rows) {
    const values = row.filter((c) => c.ref);
    if (!values.length) continue;
    values.forEach((c, i) => (c.grid = [valueRows.length, i]));
    valueRows.push(values);
  }
  return { id: core.table, title: core.title, columnCount: core.columnCount, head: rows.slice(0, headCount), body: rows.slice(headCount), valueRows, core };
}

/** The layout of one statistical table of a report, or undefined where the format has none. */
export function layoutTable(report: Pick<Report, 'format' | 'tables'>, tableId: TableId): TableLayout | undefined {
  const core = coreLayoutTable(report, tableId);
  return core ? adaptLayout(core) : undefined;
}
