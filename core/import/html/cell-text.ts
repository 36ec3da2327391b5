/**
 * Text of one table cell: its paragraphs, <br> lines and any nested table are flattened into
 * one string, joined directly between Chinese characters ("本年新<br/>制作数量" → 本年新制作数量)
 * and by a space otherwise.
 */
import { BLOCK_ELEMENTS, isDropped, isElement, isTextNode, type HtmlElement, type HtmlParent } from './dom.ts';
import { detached } from '../../common/memo.ts';
import { appendCellLine, LineBuffer, normalizeLine } from './text.ts';

export function cellText(cell: HtmlElement): string {
  // Most cells are one text node ("12", "予以公开"): no buffer, no walk.
  const only = cell.children.length === 1 ? cell.children[0] : undefined;
  if (only && isTextNode(only)) return detached(normalizeLine(only.data));
  const state: CellState = { out: '', buffer: new LineBuffer() };
  visitCell(cell, state);
  endLine(state);
  return state.out;
}

/** The cell text joined so far and the line being built. */
interface CellState {
  out: string;
  buffer: LineBuffer;
}

// Module-level helpers rather than closures: cellText runs for every cell of every table, and a
// closure per call (named by the TypeScript loader) costs more than the walk itself.
function endLine(state: CellState): void {
  state.out = appendCellLine(state.out, state.buffer.take());
}

function visitCell(parent: HtmlParent, state: CellState): void {
  for (const node of parent.children) {
    if (isTextNode(node)) state.buffer.push(node.data);
    else if (isElement(node) && !isDropped(node)) {
      if (node.name === 'br' || node.name === 'hr') endLine(state);
      else if (BLOCK_ELEMENTS.has(node.name)) {
        endLine(state);
        visitCell(node, state);
        endLine(state);
      } else visitCell(node, state);
    }
  }
}
