/**
 * Plain-text export: paragraphs as lines, tables as columns aligned with spaces (CJK
 * characters count two columns, as in a monospaced font), merged cells printed once.
 * Pure.
 */
import type { GenericTable } from '../model.ts';
import type { Block } from './document.ts';
import { placeCells, wholeRect, type PlacedCell } from './grid.ts';
import { layoutGrid, type TableLayout } from './layout.ts';

const GAP = '  ';

/** Display width in a monospaced font: East Asian wide and full-width characters count 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

interface TextCell {
  text: string;
  column: number;
  colSpan: number;
  alignRight: boolean;
}

function alignRows(rows: TextCell[][], columnCount: number): string {
  const widths = Array.from({ length: columnCount }, () => 0);
  for (const row of rows) for (const c of row) if (c.colSpan === 1) widths[c.column] = Math.max(widths[c.column], displayWidth(c.text));
  // A spanning cell wider than the columns it covers widens the last of them.
  for (const row of rows) {
    for (const c of row) {
      if (c.colSpan === 1) continue;
      const last = c.column + c.colSpan - 1;
      let available = GAP.length * (c.colSpan - 1);
      for (let i = c.column; i <= last; i++) available += widths[i];
      const need = displayWidth(c.text);
      if (need > available) widths[last] += need - available;
    }
  }
  return rows
    .map((row) => {
      const byColumn = new Map(row.map((c) => [c.column, c]));
      const parts: string[] = [];
      for (let col = 0; col < columnCount; ) {
        const c = byColumn.get(col);
        const span = c?.colSpan ?? 1;
        let width = GAP.length * (span - 1);
        for (let i = col; i < col + span; i++) width += widths[i];
        const text = c?.text ?? '';
        const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
        parts.push(c?.alignRight ? pad + text : text + pad);
        col += span;
      }
      return parts.join(GAP).replace(/\s+$/, '');
    })
    .join('\n');
}

function placedToText(placed: PlacedCell[][]): TextCell[][] {
  return placed.map((row) =>
    row.map((p) => ({
      text: p.cell?.text ?? '',
      column: p.column,
      colSpan: p.colSpan,
      alignRight: p.cell?.kind === 'value' && p.cell.numeric,
    })),
  );
}

export function tableToText(layout: TableLayout): string {
  const grid = layoutGrid(layout);
  const rect = wholeRect(layout);
  const placed = placeCells(grid, rect);
  // placeCells gives each merged cell once (in its first row); rows it covers below get no entry
  // for those columns, which alignRows prints as blanks.
  return alignRows(placedToText(placed), layout.columnCount);
}

export function genericTableToText(table: GenericTable): string {
  const columnCount = Math.max(0, ...table.rows.map((r) => r.length));
  const rows = table.rows.map((r) => r.map((text, column) => ({ text, column, colSpan: 1, alignRight: /^-?[\d,.]+$/.test(text) })));
  const body = alignRows(rows, columnCount);
  return table.caption ? `${table.caption}\n${body}` : body;
}

export function blocksToText(blocks: Block[]): string {
  return (
    blocks
      .map((b) => {
        if (b.kind === 'table') return tableToText(b.layout);
        if (b.kind === 'generic') return genericTableToText(b.table);
        return b.text;
      })
      .join('\n\n') + '\n'
  );
}
