/**
 * Walks the article in document order: block elements and <br> end paragraphs, inline runs
 * join into one paragraph, tables become table blocks where they sit (layout tables are walked
 * as containers, metadata tables are left out).
 */
import type { Block } from '../../common/document.ts';
import { BLOCK_ELEMENTS, isDropped, isElement, isTextNode, type HtmlElement, type HtmlParent } from './dom.ts';
import type { PageMeasure } from './article.ts';
import { cellText } from './cell-text.ts';
import { isChromeLine } from './chrome.ts';
import { LineBuffer } from './text.ts';
import type { TableInfo } from './tables.ts';

export function collectBlocks(article: HtmlParent, tables: Map<HtmlElement, TableInfo>, measure: PageMeasure): Block[] {
  const blocks: Block[] = [];
  const buffer = new LineBuffer();
  const endParagraph = () => {
    const text = buffer.take();
    if (text && !isChromeLine(text)) blocks.push({ kind: 'paragraph', text });
  };

  const emitTable = (table: HtmlElement) => {
    const info = tables.get(table);
    if (!info || info.kind === 'metadata') return;
    if (info.kind === 'layout' || !info.grid) {
      visit(table);
      return;
    }
    for (const caption of table.children.filter(isElement).filter((c) => c.name === 'caption')) {
      const text = cellText(caption);
      if (text) blocks.push({ kind: 'paragraph', text });
    }
    if (info.grid.rows.some((row) => row.some(Boolean))) {
      blocks.push({ kind: 'table', rows: info.grid.rows, copies: info.grid.copies });
    }
  };

  let preDepth = 0;
  const visit = (parent: HtmlParent) => {
    for (const node of parent.children) {
      if (isTextNode(node)) {
        if (preDepth === 0) buffer.push(node.data);
        else {
          // preformatted text (a report pasted as plain text): its line breaks are paragraph breaks
          node.data.split(/\r?\n/).forEach((line, i) => {
            if (i > 0) endParagraph();
            buffer.push(line);
          });
        }
        continue;
      }
      if (!isElement(node) || isDropped(node) || measure.isChrome(node)) continue;
      if (node.name === 'br' || node.name === 'hr') endParagraph();
      else if (node.name === 'table') {
        endParagraph();
        emitTable(node);
      } else if (node.name === 'caption') continue; // read with its table
      else if (BLOCK_ELEMENTS.has(node.name)) {
        endParagraph();
        if (node.name === 'pre') preDepth++;
        visit(node);
        if (node.name === 'pre') preDepth--;
        endParagraph();
      } else visit(node);
    }
  };

  if (isElement(article as HtmlElement) && (article as HtmlElement).name === 'table') emitTable(article as HtmlElement);
  else visit(article);
  endParagraph();
  return blocks;
}
