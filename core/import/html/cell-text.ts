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
  const endLine = () => {
    const line = buffer.take();
    if (line) lines.push(line);
  };
  const visit = (parent: HtmlParent) => {
    for (const node of parent.children) {
      if (isTextNode(node)) buffer.push(node.data);
      else if (isElement(node) && !isDropped(node)) {
        if (node.name === 'br' || node.name === 'hr') endLine();
        else if (BLOCK_ELEMENTS.has(node.name)) {
          endLine();
          visit(node);
          endLine();
        } else visit(node);
      }
    }
  };
  visit(cell);
  endLine();
  return joinCellLines(lines);
}
