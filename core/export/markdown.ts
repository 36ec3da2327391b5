/**
 * Markdown export (GFM tables). GFM has no merged cells and one header row, so stacked
 * headings are joined per column ("申请人情况 / 法人或其他组织 / 商业企业"), merged row labels
 * are printed in their first row, and 二's sections become bold lines, each with its own
 * table. Pure.
 */
import type { GenericTable } from '../model.ts';
import type { Block } from './document.ts';
import { slotMatrix, wholeRect } from './grid.ts';
import { layoutGrid, type GridSlot, type TableLayout } from './layout.ts';

/**
 * Report text is data, never markup: `[点我](javascript:…)` must not become a live link nor
 * `![i](http://…)` a remote image where the export is viewed. Escapes what starts links,
 * images, HTML, code spans and table cells.
 */
function escapeInline(text: string): string {
  return text.replace(/[\\`|<[\]!]/g, (c) => `\\${c}`);
}

export function markdownCell(text: string): string {
  return escapeInline(text).replace(/\r?\n/g, ' ');
}

/** Escapes what would make a paragraph start a heading, list, quote or code block. */
export function markdownParagraph(text: string): string {
  return escapeInline(text)
    .replace(/\r?\n/g, ' ')
    .replace(/^(\s*)([#>+\-*]|\d+[.)])(?=\s|$)/, (_m, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
    );
}

function row(cells: string[]): string {
  return `| ${cells.map(markdownCell).join(' | ')} |`;
}

function headerLine(grid: (GridSlot | null)[][], top: number, bottom: number, columnCount: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < columnCount; c++) {
    const parts: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const slot = grid[r][c];
      if (!slot || slot.originRow !== r) continue;
      const reachesBottom = slot.originRow + slot.cell.rowSpan - 1 >= bottom;
      // A heading with headings below it names every column it spans; one reaching the
      // bottom is a column's own name and is printed once.
      if (slot.originColumn !== c && reachesBottom) continue;
      if (parts[parts.length - 1] !== slot.cell.text) parts.push(slot.cell.text);
    }
    out.push(parts.join(' / '));
  }
  return out;
}

export function tableToMarkdown(layout: TableLayout): string {
  const grid = layoutGrid(layout);
  const matrix = slotMatrix(grid, wholeRect(layout), (cell) => cell.text);
  const lines: string[] = [];
  const separator = row(Array.from({ length: layout.columnCount }, () => '---'));
  let inTable = false;
  for (let r = 0; r < layout.rows.length; r++) {
    const kind = layout.rows[r].kind;
    if (kind === 'section') {
      if (lines.length) lines.push('');
      lines.push(`**${markdownCell(matrix[r][0])}**`, '');
      inTable = false;
    } else if (kind === 'header') {
      let bottom = r;
      while (bottom + 1 < layout.rows.length && layout.rows[bottom + 1].kind === 'header') bottom++;
      if (inTable) lines.push('');
      lines.push(row(headerLine(grid, r, bottom, layout.columnCount)), separator);
      inTable = true;
      r = bottom;
    } else {
      if (!inTable) lines.push(row(Array.from({ length: layout.columnCount }, () => '')), separator);
      inTable = true;
      lines.push(row(matrix[r]));
    }
  }
  return lines.join('\n');
}

export function genericTableToMarkdown(table: GenericTable): string {
  const width = Math.max(1, ...table.rows.map((r) => r.length));
  const pad = (r: string[]) => [...r, ...Array.from({ length: width - r.length }, () => '')];
  const [head = [], ...rest] = table.rows;
  const lines = [row(pad(head)), row(Array.from({ length: width }, () => '---')), ...rest.map((r) => row(pad(r)))];
  return table.caption ? `*${markdownCell(table.caption)}*\n\n${lines.join('\n')}` : lines.join('\n');
}

export function blocksToMarkdown(blocks: Block[]): string {
  return (
    blocks
      .map((b) => {
        switch (b.kind) {
          case 'title':
            return `# ${markdownCell(b.text)}`;
          case 'heading':
            return `## ${markdownCell(b.text)}`;
          case 'paragraph':
            return markdownParagraph(b.text);
          case 'note':
            return `*${markdownCell(b.text)}*`;
          case 'table':
            return tableToMarkdown(b.layout);
          case 'generic':
            return genericTableToMarkdown(b.table);
        }
      })
      .join('\n\n') + '\n'
  );
}
