/** Shared helpers of the HTML converter tests: fixture paths and block accessors. */
import type { Block, ConvertedDocument, TableBlock } from '../../core/common/document.ts';
import { readFixture as readTestFixture } from '../support/fixtures.ts';

/** A page made for these tests (test/fixtures/html/). */
export const readFixture = (name: string) => readTestFixture('html', name);
/** A real page as published (test/fixtures/real/, provenance in its README). */
export const readRealPage = (name: string) => readTestFixture('real', name);
export const utf8 = (html: string) => new TextEncoder().encode(html);

export const paragraphs = (doc: ConvertedDocument) =>
  doc.blocks.filter((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph').map((b) => b.text);
export const tables = (doc: ConvertedDocument) => doc.blocks.filter((b): b is TableBlock => b.kind === 'table');

/** The table block that directly follows the paragraph with this heading. */
export function tableAfter(doc: ConvertedDocument, heading: string): TableBlock {
  const i = doc.blocks.findIndex((b) => b.kind === 'paragraph' && b.text === heading);
  const block = doc.blocks[i + 1];
  if (i < 0 || !block || block.kind !== 'table') throw new Error(`no table after ${heading}`);
  return block;
}

/** Every text a user could see in the converted document. */
export function allText(doc: ConvertedDocument): string[] {
  return doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.rows.flat()));
}
