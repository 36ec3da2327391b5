/**
 * HTML export: real <table>s with rowspan/colspan and minimal inline styles, so that a paste
 * into Word/WPS gives a bordered table with merged headers and right-aligned numbers.
 * All text is escaped. Pure.
 */
import type { CellRef, GenericTable } from '../model.ts';
import type { Block } from './document.ts';
import { placeCells, selectionRect, wholeRect, type CellFilter, type Rect } from './grid.ts';
import { layoutGrid, type GridSlot, type LayoutCell, type TableLayout } from './layout.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const TABLE_STYLE = 'border-collapse:collapse;border:1px solid #000;font-size:10.5pt';
const CELL_STYLE = 'border:1px solid #000;padding:2px 6px;vertical-align:middle';

function cellHtml(cell: LayoutCell | null, rowSpan: number, colSpan: number): string {
  const spans = `${rowSpan > 1 ? ` rowspan="${rowSpan}"` : ''}${colSpan > 1 ? ` colspan="${colSpan}"` : ''}`;
  if (!cell) return `<td${spans} style="${CELL_STYLE}"></td>`;
  if (cell.kind === 'header') return `<th${spans} style="${CELL_STYLE};text-align:center;font-weight:bold">${escapeHtml(cell.text)}</th>`;
  if (cell.kind === 'label') return `<td${spans} style="${CELL_STYLE};text-align:left">${escapeHtml(cell.text)}</td>`;
  const align = cell.numeric ? 'right' : 'center';
  return `<td${spans} style="${CELL_STYLE};text-align:${align}">${escapeHtml(cell.text)}</td>`;
}

function rectHtml(layout: TableLayout, grid: (GridSlot | null)[][], rect: Rect, include: CellFilter, withHead: boolean): string {
  const rows = placeCells(grid, rect, include).map((cells) => `<tr>${cells.map((p) => cellHtml(p.cell, p.rowSpan, p.colSpan)).join('')}</tr>`);
  let headRows = 0;
  if (withHead) while (headRows < layout.rows.length && layout.rows[headRows].kind === 'header') headRows++;
  const head = headRows ? `<thead>${rows.slice(0, headRows).join('')}</thead>` : '';
  return `<table style="${TABLE_STYLE}">${head}<tbody>${rows.slice(headRows).join('')}</tbody></table>`;
}

/** The table in its official layout. */
export function tableToHtml(layout: TableLayout): string {
  return rectHtml(layout, layoutGrid(layout), wholeRect(layout), () => true, true);
}

/** The selected value cells (their bounding rectangle; unselected slots stay empty). '' when nothing is selected. */
export function selectionToHtml(layout: TableLayout, refs: CellRef[]): string {
  const selection = selectionRect(layout, refs);
  if (!selection) return '';
  return rectHtml(layout, selection.grid, selection.rect, selection.include, false);
}

export function genericTableToHtml(table: GenericTable): string {
  const rows = table.rows.map((r) => `<tr>${r.map((t) => `<td style="${CELL_STYLE}">${escapeHtml(t)}</td>`).join('')}</tr>`);
  const caption = table.caption ? `<caption>${escapeHtml(table.caption)}</caption>` : '';
  return `<table style="${TABLE_STYLE}">${caption}<tbody>${rows.join('')}</tbody></table>`;
}

export function blocksToHtml(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return `<h1>${escapeHtml(b.text)}</h1>`;
        case 'heading':
          return `<h2>${escapeHtml(b.text)}</h2>`;
        case 'paragraph':
          return `<p>${escapeHtml(b.text)}</p>`;
        case 'note':
          return `<p style="color:#555"><em>${escapeHtml(b.text)}</em></p>`;
        case 'table':
          return tableToHtml(b.layout);
        case 'generic':
          return genericTableToHtml(b.table);
      }
    })
    .join('\n');
}

/** A standalone page (for saving the whole report as a file). */
export function htmlDocument(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}
