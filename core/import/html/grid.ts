/**
 * Expands an HTML table into a full rectangular grid (the HTML table model): a cell spanning
 * rows/columns repeats its text in every slot it covers, and `copies` marks the slots that are
 * not its top-left origin. Rows shorter than the widest one (colspans that disagree with the
 * header, truncated rows) are padded with ''.
 */
import { childElements, isDropped, type HtmlElement } from './dom.ts';

export interface Grid {
  rows: string[][];
  copies: boolean[][];
}

/** Browsers cap spans like this; a hostile rowspan="999999" must not allocate a huge grid. */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;
const MAX_WIDTH = 1000;
/** Slots a single table may expand to (a hostile page could ask for billions). */
export const MAX_GRID_SLOTS = 1_000_000;

export class TableTooLargeError extends Error {}

function span(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** The <tr> elements of this table (through thead/tbody/tfoot or stray wrappers), not of nested tables. */
export function tableRows(table: HtmlElement): HtmlElement[] {
  return tableStructure(table).rows;
}

/** The <td>/<th> cells of one row, not of tables nested in them. */
export function rowCells(row: HtmlElement): HtmlElement[] {
  const cells: HtmlElement[] = [];
  collectCells(row, cells);
  return cells;
}

/** Width of the table in columns, from the colspans of its rows. */
export function tableWidth(table: HtmlElement): number {
  return tableStructure(table).width;
}

/** Rows, their cells and the width of one table: read once, asked by several passes (layout test, grid, nested-table checks). */
export interface TableStructure {
  rows: HtmlElement[];
  cells: HtmlElement[][];
  width: number;
}

/**
 * Kept on the table element itself (the parsed page is never modified otherwise), so that it goes
 * with the page. Not in a WeakMap: V8's young-generation collector keeps WeakMap values alive,
 * and a structure refers back to its table, so every page's DOM and text survived to the old
 * generation (measured: ~260 KB promoted per imported page).
 */
const STRUCTURE = Symbol('tableStructure');
type TableWithStructure = HtmlElement & { [STRUCTURE]?: TableStructure };

export function tableStructure(table: TableWithStructure): TableStructure {
  let structure = table[STRUCTURE];
  if (!structure) {
    const rows: HtmlElement[] = [];
    collectRows(table, rows);
    const cells = rows.map(rowCells);
    let width = 0;
    for (const rowCellList of cells) {
      let w = 0;
      for (const cell of rowCellList) w += span(cell.attribs.colspan, MAX_COLSPAN);
      width = Math.max(width, w);
    }
    structure = { rows, cells, width };
    table[STRUCTURE] = structure;
  }
  return structure;
}

// Module-level walkers, not closures: they run for every table and row of every page.
function collectRows(el: HtmlElement, rows: HtmlElement[]): void {
  for (const child of childElements(el)) {
    if (isDropped(child) || child.name === 'table') continue;
    if (child.name === 'tr') rows.push(child);
    else if (child.name !== 'td' && child.name !== 'th') collectRows(child, rows);
  }
}

function collectCells(el: HtmlElement, cells: HtmlElement[]): void {
  for (const child of childElements(el)) {
    if (child.name === 'td' || child.name === 'th') cells.push(child);
    else if (child.name !== 'table' && child.name !== 'tr' && !isDropped(child)) collectCells(child, cells);
  }
}

export function expandTable(table: HtmlElement, cellText: (cell: HtmlElement) => string): Grid {
  const { rows: rowEls, cells: cellEls } = tableStructure(table);
  const texts: (string | undefined)[][] = rowEls.map(() => []);
  const copies: boolean[][] = rowEls.map(() => []);
  let slots = 0;
  rowEls.forEach((_rowEl, r) => {
    let c = 0;
    for (const cell of cellEls[r]) {
      while (texts[r][c] !== undefined) c++;
      const text = cellText(cell);
      // rowspan="0" means "to the end of the row group"; spans never create rows the table lacks.
      const rowspanAttr = cell.attribs.rowspan?.trim();
      const rowspan = rowspanAttr === '0' ? rowEls.length - r : Math.min(span(rowspanAttr, MAX_ROWSPAN), rowEls.length - r);
      const colspan = Math.min(span(cell.attribs.colspan, MAX_COLSPAN), Math.max(0, MAX_WIDTH - c));
      slots += rowspan * colspan;
      if (slots > MAX_GRID_SLOTS) throw new TableTooLargeError('table too large');
      for (let dr = 0; colspan > 0 && dr < rowspan; dr++) {
        const rowTexts = texts[r + dr];
        const rowCopies = copies[r + dr];
        // Grown slot by slot (never written past the end): arrays with gaps fall back to slow dictionary storage.
        while (rowTexts.length < c + colspan) {
          rowTexts.push(undefined);
          rowCopies.push(false);
        }
        for (let dc = 0; dc < colspan; dc++) {
          // An earlier rowspan may already own a slot (overlapping spans): the first cell keeps it.
          if (rowTexts[c + dc] !== undefined) continue;
          rowTexts[c + dc] = text;
          rowCopies[c + dc] = dr > 0 || dc > 0;
        }
      }
      c += colspan;
    }
  });
  const width = texts.reduce((w, row) => Math.max(w, row.length), 0);
  const grid: Grid = { rows: [], copies: [] };
  texts.forEach((row, r) => {
    if (row.every((t) => !t)) return; // <tr></tr> or a row of blanks carries nothing
    const filled: string[] = [];
    const copy: boolean[] = [];
    for (let c = 0; c < width; c++) {
      filled.push(row[c] ?? '');
      copy.push(row[c] === undefined ? false : copies[r][c]);
    }
    grid.rows.push(filled);
    grid.copies.push(copy);
  });
  return grid;
}
