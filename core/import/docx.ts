/**
 * Word (DOCX) reports → blocks. mammoth reads the document (body text, and tables with
 * w:gridSpan → colspan and w:vMerge → rowspan), and its HTML goes through the same HTML
 * converter as saved web pages, so merged cells and label mapping behave identically.
 */
import mammoth from 'mammoth';
import JSZip from 'jszip';
import { convertHtml } from './html.ts';
import { checkDocxInflation } from './zip-limits.ts';
import { ImportError, type ConvertedDocument, type MetadataHints } from '../common/document.ts';

async function coreProperties(bytes: Uint8Array): Promise<Partial<MetadataHints>> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('docProps/core.xml')?.async('string');
    const title = xml?.match(/<dc:title>([^<]*)<\/dc:title>/)?.[1]?.trim();
    return title ? { title } : {};
  } catch {
    return {};
  }
}

export async function convertDocx(bytes: Uint8Array, fileName: string): Promise<ConvertedDocument> {
  // Before mammoth inflates anything: a small file may inflate to gigabytes (throws ImportError).
  await checkDocxInflation(bytes, fileName);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      // Images are never read: the HTML converter drops <img>, and mammoth would otherwise inflate
      // each one into a base64 data URI.
      { ignoreEmptyParagraphs: true, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ImportError(fileName, `Word 文档已损坏或无法读取：${message} (corrupt or unreadable DOCX)`);
  }
  if (!html.replace(/<[^>]*>/g, '').trim()) throw new ImportError(fileName, 'Word 文档没有文字内容 (the DOCX has no text)');
  const doc = await convertHtml(new TextEncoder().encode(`<html><head><meta charset="utf-8"></head><body>${html}</body></html>`), fileName);
  const props = await coreProperties(bytes);
  return {
    ...doc,
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    hints: { ...doc.hints, title: doc.hints.title ?? props.title },
  };
}
