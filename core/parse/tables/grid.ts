/** A table's rows as the mappers see them: cell texts, whether a slot is a merged copy, whether the source was a true grid. */
import type { TableBlock } from '../../common/document.ts';
import { cellState } from '../cells.ts';
import { normalizeLabel } from '../normalize.ts';

export interface GridRow {
  cells: string[];
  /** copies[c] = true where the slot repeats a merged cell. All false for text tables. */
  copies: boolean[];
  /** True when the row comes from a real grid (HTML/DOCX/Markdown): positions are meaningful, blanks are cells. */
  grid: boolean;
}

const TABLE_TEXTS = new WeakMap<TableBlock, string>();

/**
 * The normalized text of the blocks' cells joined by "|", for the looksLike… tests (each table is
 * tested by all three, twice): computed once per block.
 */
export function normalizedTableText(blocks: TableBlock[]): string {
  if (blocks.length !== 1) return normalizeLabel(blocks.flatMap((b) => b.rows.flat()).join('|'));
  let text = TABLE_TEXTS.get(blocks[0]);
  if (text === undefined) {
    text = normalizeLabel(blocks[0].rows.flat().join('|'));
    TABLE_TEXTS.set(blocks[0], text);
  }
  return text;
}

export function gridRows(blocks: TableBlock[]): GridRow[] {
  return blocks.flatMap((b) =>
    b.rows.map((cells, r) => ({
      cells,
      copies: cells.map((_, c) => b.copies?.[r]?.[c] ?? false),
      grid: b.copies !== undefined,
    })),
  );
}

export const isBlankCell = (raw: string): boolean => cellState(raw) === 'blank';

/**
 * Index of the last label cell: the last text cell that comes before the first number.
 * Cells after it are the row's values. -1 when the row has no label.
 */
export function labelEnd(cells: string[]): number {
  let end = -1;
  for (let i = 0; i < cells.length; i++) {
    const state = cellState(cells[i]);
    if (state === 'number') break;
    if (state === 'text') end = i;
  }
  return end;
}

/** Distinct normalized label texts of a row (merged copies repeat the same text). */
export function rowLabels(row: GridRow, end: number): string[] {
  const out: string[] = [];
  for (let i = 0; i <= end; i++) {
    const n = normalizeLabel(row.cells[i]);
    if (n !== '' && cellState(row.cells[i]) === 'text' && out[out.length - 1] !== n) out.push(n);
  }
  return out;
}

/**
 * The value slots of a row after its label, reduced to `expected` slots: merged copies
 * dropped in grids; in text tables (ragged rows from PDFs) blank slots trimmed at both ends.
 * Returns null when the row does not have exactly `expected` values.
 */
export function valueSlots(row: GridRow, end: number, expected: number): string[] | null {
  let values = row.cells.slice(end + 1);
  if (row.grid) {
    const kept = values.filter((_, i) => !row.copies[end + 1 + i]);
    if (kept.length === expected) return kept;
    if (values.length === expected) return values;
  }
  values = [...values];
  while (values.length > expected && isBlankCell(values[values.length - 1])) values.pop();
  while (values.length > expected && isBlankCell(values[0])) values.shift();
  if (values.length === expected) return values;
  const nonBlank = values.filter((v) => !isBlankCell(v));
  return nonBlank.length === expected ? nonBlank : null;
}

export const rawLine = (row: GridRow): string => row.cells.map((c) => c.trim()).join('\t').replace(/\t+$/, '');
