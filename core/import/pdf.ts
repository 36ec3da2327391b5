/** PDF reports → blocks: text runs by position, lines, paragraphs and tables rebuilt. */
import { ImportError, type ConvertedDocument } from '../common/document.ts';
import { extractPdfDocument } from './pdf/extract.ts';
import { propertyHints } from './pdf/properties.ts';
import { pageLines } from './pdf/lines.ts';
import { layoutBlocks } from './pdf/layout.ts';

export async function convertPdf(bytes: Uint8Array, fileName: string): Promise<ConvertedDocument> {
  const { pages, properties } = await extractPdfDocument(bytes, fileName);
  const chars = pages.reduce((n, p) => n + p.runs.reduce((m, r) => m + r.str.trim().length, 0), 0);
  if (chars < 20) {
    throw new ImportError(fileName, 'PDF 没有文字层（扫描件），暂不支持扫描文档 (PDF has no text layer: scanned documents are not supported)');
  }
  const blocks = layoutBlocks(pages, pages.map(pageLines));
  return { mediaType: 'application/pdf', blocks, hints: propertyHints(properties) };
}
