/**
 * The official template layout of each statistical table (二, 三, 四), as a pure model:
 * header rows with rowSpan/colSpan, label cells with the grouped rows of 三, and value cells
 * carrying their CellRef, the stored Cell and the text to show. The React table view and every
 * export format render from it, so what is copied looks like what is shown.
 *
 * Pure: no Node APIs, no DOM (imported by the renderer).
 */
import type { Cell, CellRef, ParsedReport, StatTable } from '../model.ts';
import { tableSpec, type ColumnSpec, type ReportFormat, type RowSpec, type TableId, type TableSpec } from '../spec.ts';

/** A column heading (or the note in the top-left corner of 三, or a section title of 二). */
export interface LayoutHeaderCell {
  kind: 'header';
  text: string;
  rowSpan: number;
  colSpan: number;
}

/** A row label (一、本年新收…, （三）不予公开, 1.属于国家秘密, 行政许可 …). */
export interface LayoutLabelCell {
  kind: 'label';
  text: string;
  rowSpan: number;
  colSpan: number;
}

/** One cell of the canonical model. */
export interface LayoutValueCell {
  kind: 'value';
  ref: CellRef;
  /** `${table}:${row}:${column}`, handy as a React key and for finding highlights. */
  key: string;
  /** The stored cell; null where the report has no such cell. */
  cell: Cell | null;
  /** Text as printed (raw), or the number where no raw text was kept; '' for an absent cell. */
  text: string;
  /** The value as a plain number for spreadsheets (TSV); the printed text where it is not a bare number. */
  plain: string;
  /** True for cells holding a number (the renderer right-aligns them). */
  numeric: boolean;
  rowSpan: number;
  colSpan: number;
}

export type LayoutCell = LayoutHeaderCell | LayoutLabelCell | LayoutValueCell;

export interface LayoutRow {
  /** header: column headings · section: a full-width section title (二's 第二十条第（一）项) · body: data. */
  kind: 'header' | 'section' | 'body';
  /** Canonical row id of a body row (undefined for 四, whose single body row holds all three groups). */
  rowId?: string;
  /** Cells that start in this row, left to right (slots covered by a rowSpan from above are omitted, as in HTML). */
  cells: LayoutCell[];
}

export interface TableLayout {
  table: TableId;
  format: ReportFormat;
  /** 二、主动公开政府信息情况 … */
  title: string;
  /** Width of the grid in slots. */
  columnCount: number;
  rows: LayoutRow[];
}

export const REVIEW_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const APPLICANT_HEADING = '申请人情况';
const LEGAL_PERSON_HEADING = '法人或其他组织';
const RESULTS_HEADING = '三、本年度办理结果';
const CONTENT_HEADING = '信息内容';
/** Rows of 三 that sit outside 三、本年度办理结果 and span all three label columns. */
const TOP_LEVEL_APPLICATION_ROWS = new Set(['received', 'carriedOver', 'carriedForward']);

/** Text shown for a cell: as printed. Blank, "/", "—" and annotations stay as they were. */
export function displayText(cell: Cell | null | undefined): string {
  if (!cell) return '';
  if (cell.raw !== '') return cell.raw;
  return cell.state === 'number' && cell.value !== null ? String(cell.value) : '';
}

/** Text for a spreadsheet: a bare number where the cell is one, else the printed text. */
export function plainText(cell: Cell | null | undefined): string {
  if (!cell) return '';
  if (cell.state === 'number' && cell.value !== null && !cell.annotation && !cell.unitNote) return String(cell.value);
  return displayText(cell);
}

export function cellKey(ref: CellRef): string {
  return `${ref.table}:${ref.row}:${ref.column}`;
}

type TablesOf = Pick<ParsedReport, 'format' | 'tables'>;

function valueCell(table: StatTable | undefined, ref: CellRef, colSpan = 1): LayoutValueCell {
  const cell = table?.cells[ref.row]?.[ref.column] ?? null;
  return {
    kind: 'value',
    ref,
    key: cellKey(ref),
    cell,
    text: displayText(cell),
    plain: plainText(cell),
    numeric: cell?.state === 'number' && cell.value !== null,
    rowSpan: 1,
    colSpan,
  };
}

const header = (text: string, rowSpan = 1, colSpan = 1): LayoutHeaderCell => ({ kind: 'header', text, rowSpan, colSpan });
const label = (text: string, rowSpan = 1, colSpan = 1): LayoutLabelCell => ({ kind: 'label', text, rowSpan, colSpan });

// ---- 三 ------------------------------------------------------------------------------------

function layoutApplications(spec: TableSpec, table: StatTable | undefined, format: ReportFormat): TableLayout {
  const columns = spec.rows[0].columns;
  const legal = columns.filter((c) => c.id !== 'natural' && c.id !== 'total');
  const natural = columns.find((c) => c.id === 'natural')!;
  const total = columns.find((c) => c.id === 'total')!;
  const rows: LayoutRow[] = [
    { kind: 'header', cells: [header(REVIEW_NOTE, 3, 3), header(APPLICANT_HEADING, 1, columns.length)] },
    { kind: 'header', cells: [header(natural.label, 2), header(LEGAL_PERSON_HEADING, 1, legal.length), header(total.label, 2)] },
    { kind: 'header', cells: legal.map((c) => header(c.label)) },
  ];
  const resultRows = spec.rows.filter((r) => !TOP_LEVEL_APPLICATION_ROWS.has(r.id));
  const isSubgroup = (r: RowSpec) => r.group !== undefined && r.group !== RESULTS_HEADING && !TOP_LEVEL_APPLICATION_ROWS.has(r.id);
  let resultsStarted = false;
  spec.rows.forEach((row, index) => {
    const cells: LayoutCell[] = [];
    if (TOP_LEVEL_APPLICATION_ROWS.has(row.id)) {
      cells.push(label(row.label, 1, 3));
    } else {
      if (!resultsStarted) {
        cells.push(label(RESULTS_HEADING, resultRows.length));
        resultsStarted = true;
      }
      if (isSubgroup(row)) {
        const previous = spec.rows[index - 1];
        if (!previous || previous.group !== row.group) {
          let span = 0;
          for (let i = index; i < spec.rows.length && spec.rows[i].group === row.group; i++) span++;
          cells.push(label(row.group!, span));
        }
        cells.push(label(row.label));
      } else {
        cells.push(label(row.label, 1, 2));
      }
    }
    for (const column of row.columns) cells.push(valueCell(table, { table: 'applications', row: row.id, column: column.id }));
    rows.push({ kind: 'body', rowId: row.id, cells });
  });
  return { table: 'applications', format, title: spec.title, columnCount: 3 + columns.length, rows };
}

// ---- 四 ------------------------------------------------------------------------------------

function layoutReviewLitigation(spec: TableSpec, table: StatTable | undefined, format: ReportFormat): TableLayout {
  const top: LayoutCell[] = [];
  const middle: LayoutCell[] = [];
  const bottom: LayoutCell[] = [];
  const body: LayoutCell[] = [];
  let columnCount = 0;
  for (let i = 0; i < spec.rows.length; i++) {
    const row = spec.rows[i];
    const width = row.columns.length;
    if (row.group === undefined) {
      top.push(header(row.label, 1, width));
      for (const c of row.columns) middle.push(header(c.label, 2));
    } else {
      if (spec.rows[i - 1]?.group !== row.group) {
        const groupWidth = spec.rows.filter((r) => r.group === row.group).reduce((n, r) => n + r.columns.length, 0);
        top.push(header(row.group, 1, groupWidth));
      }
      const subLabel = row.label.includes('／') ? row.label.slice(row.label.lastIndexOf('／') + 1) : row.label;
      middle.push(header(subLabel, 1, width));
      for (const c of row.columns) bottom.push(header(c.label));
    }
    for (const c of row.columns) body.push(valueCell(table, { table: 'reviewLitigation', row: row.id, column: c.id }));
    columnCount += width;
  }
  const rows: LayoutRow[] = [
    { kind: 'header', cells: top },
    { kind: 'header', cells: middle },
    ...(bottom.length ? [{ kind: 'header' as const, cells: bottom }] : []),
    { kind: 'body', cells: body },
  ];
  return { table: 'reviewLitigation', format, title: spec.title, columnCount, rows };
}

// ---- 二 ------------------------------------------------------------------------------------

/** Spans for `count` columns laid over `slots` slots: the last column takes what is left. */
function stretch(count: number, slots: number): number[] {
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? slots - count + 1 : 1));
}

function layoutProactive(spec: TableSpec, table: StatTable | undefined, format: ReportFormat): TableLayout {
  const valueSlots = Math.max(...spec.rows.map((r) => r.columns.length));
  const columnCount = 1 + valueSlots;
  const rows: LayoutRow[] = [];
  let section: string | undefined;
  let sectionColumns: ColumnSpec[] | undefined;
  for (const row of spec.rows) {
    const sameHeader = sectionColumns !== undefined && sectionColumns.map((c) => c.label).join('|') === row.columns.map((c) => c.label).join('|');
    if (row.section !== section || !sameHeader) {
      if (row.section !== section) rows.push({ kind: 'section', cells: [header(row.section ?? '', 1, columnCount)] });
      const spans = stretch(row.columns.length, valueSlots);
      rows.push({ kind: 'header', cells: [header(CONTENT_HEADING), ...row.columns.map((c, i) => header(c.label, 1, spans[i]))] });
      section = row.section;
      sectionColumns = row.columns;
    }
    const spans = stretch(row.columns.length, valueSlots);
    rows.push({
      kind: 'body',
      rowId: row.id,
      cells: [label(row.label), ...row.columns.map((c, i) => valueCell(table, { table: 'proactive', row: row.id, column: c.id }, spans[i]))],
    });
  }
  return { table: 'proactive', format, title: spec.title, columnCount, rows };
}

// ---- entry points --------------------------------------------------------------------------

/**
 * The official layout of one statistical table for the report's format (2021 or 2019-trial),
 * filled with the report's cells. Null where the format has no template (pre-2019, unknown).
 * A template cell the report lacks is still laid out (cell null, text '').
 */
export function layoutTable(report: TablesOf, tableId: TableId): TableLayout | null {
  const spec = tableSpec(report.format, tableId);
  if (!spec) return null;
  const table = report.tables[tableId];
  if (tableId === 'applications') return layoutApplications(spec, table, report.format);
  if (tableId === 'reviewLitigation') return layoutReviewLitigation(spec, table, report.format);
  return layoutProactive(spec, table, report.format);
}

/** One slot of the expanded grid. Covered slots point at the same cell with origin false. */
export interface GridSlot {
  cell: LayoutCell;
  /** True in the top-left slot of the cell. */
  origin: boolean;
  /** Grid position of the cell's top-left slot. */
  originRow: number;
  originColumn: number;
}

/**
 * The layout expanded to a full rectangular grid (rows × columnCount): every merged cell
 * fills each slot it covers. Slots the layout leaves empty (there should be none) are null.
 */
export function layoutGrid(layout: TableLayout): (GridSlot | null)[][] {
  const grid: (GridSlot | null)[][] = layout.rows.map(() => Array.from({ length: layout.columnCount }, () => null));
  layout.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (c < layout.columnCount && grid[r][c] !== null) c++;
      for (let dr = 0; dr < cell.rowSpan && r + dr < grid.length; dr++) {
        for (let dc = 0; dc < cell.colSpan && c + dc < layout.columnCount; dc++) {
          grid[r + dr][c + dc] = { cell, origin: dr === 0 && dc === 0, originRow: r, originColumn: c };
        }
      }
      c += cell.colSpan;
    }
  });
  return grid;
}

/** All value cells of a layout in reading order. */
export function valueCells(layout: TableLayout): LayoutValueCell[] {
  return layout.rows.flatMap((r) => r.cells.filter((c): c is LayoutValueCell => c.kind === 'value'));
}
