/**
 * Text of one table cell: its paragraphs, <br> lines and any nested table are flattened into
 * one string, joined directly between Chinese characters ("本年新<br/>制作数量" → 本年新制作数量)
 * and by a space otherwise.
 */
import { BLOCK_ELEMENTS, isDropped, isElement, isTextNode, type HtmlElement, type HtmlParent } from './dom.ts';
import { joinCellLines, LineBuffer } from './text.ts';

export function cellText(cell: HtmlElement): string {
  const lines: string[] = [];
  const buffer = new LineBuffer();
  visitCell(cell, buffer, lines);
  endLine(buffer, lines);
  return joinCellLines(lines);
}

// Module-level helpers rather than closures: cellText runs for every cell of every table, and a
// closure per call (named by the TypeScript loader) costs more than the walk itself.
function endLine(buffer: LineBuffer, lines: string[]): void {
  const line = buffer.take();
  if (line) lines.push(line);
}

function visitCell(parent: HtmlParent, buffer: LineBuffer, lines: string[]): void {
  for (const node of parent.children) {
    if (isTextNode(node)) buffer.push(node.data);
    else if (isElement(node) && !isDropped(node)) {
      if (node.name === 'br' || node.name === 'hr') endLine(buffer, lines);
      else if (BLOCK_ELEMENTS.has(node.name)) {
        endLine(buffer, lines);
        visitCell(node, buffer, lines);
        endLine(buffer, lines);
      } else visitCell(node, buffer, lines);
    }
  }
}
