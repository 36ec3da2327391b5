/** Blocks → report: metadata, format, chapters, statistical tables, generic tables, parse findings. */
import type { Chapter, ParsedReport } from '../model.ts';
import { ImportError, type ConvertedDocument, type TableBlock } from '../import/types.ts';
import { chapterHeading, chapterIdOf, splitChapters } from './chapters.ts';
import { detectFormat } from './format.ts';
import { extractMetadata } from './metadata.ts';
import { mapStatTables, type LocatedTable } from './statTables.ts';

export { normalizeBodyName } from './metadata.ts';
export { parseCell } from './cells.ts';
export { normalizeLabel } from './normalize.ts';

const NOT_A_REPORT = '未找到年度报告的章节标题或统计表，不是政府信息公开年度报告 (no chapter headings or statistical tables: not a government information disclosure annual report)';

export function buildReport(doc: ConvertedDocument, fileName: string): ParsedReport {
  const blocks = doc.blocks;
  const paragraphs = blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
  const tableTexts = blocks.flatMap((b) => (b.kind === 'table' ? b.rows.map((r) => r.join('\t')) : []));
  const meta = extractMetadata(blocks, doc.hints);
  const headings = paragraphs.filter((p) => chapterHeading(p) !== null);
  const format = detectFormat([...paragraphs, ...tableTexts], headings, meta.year);

  const segments = splitChapters(blocks, format !== 'pre-2019');
  const chapterSegments = segments.filter((s) => s.id !== 'preamble');
  const knowsChapters = headings.some((h) => chapterIdOf(h) !== null) || (/年度报告/.test(meta.title) && chapterSegments.length > 0);
  if (!knowsChapters && tableTexts.length === 0) throw new ImportError(fileName, NOT_A_REPORT);

  const located: LocatedTable[] = [];
  const chapters: Chapter[] = [];
  let preamble: string[] = [];
  for (const segment of segments) {
    const texts = segment.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    segment.blocks.forEach((b, i) => {
      if (b.kind !== 'table') return;
      const before = segment.blocks[i - 1];
      const caption = before?.kind === 'paragraph' && before.text.length <= 60 ? before.text : segment.heading;
      located.push({ block: b as TableBlock, chapterKey: segment.key, caption });
    });
    if (segment.id === 'preamble') {
      // The title is stored in `title`; everything else before chapter 一 is the preamble.
      const titleIndex = texts.findIndex((t) => t === meta.title);
      preamble = texts.filter((_, i) => i !== titleIndex);
    } else {
      chapters.push({ id: segment.id, key: segment.key, heading: segment.heading, paragraphs: texts });
    }
  }

  const stat = mapStatTables(located, format, paragraphs);
  return {
    body: meta.body,
    year: meta.year,
    title: meta.title,
    publishedAt: meta.publishedAt,
    format,
    preamble,
    chapters,
    tables: stat.tables,
    genericTables: stat.genericTables,
    parseFindings: stat.findings,
    metadataConfidence: meta.confidence,
    sourceMetadata: { ...doc.hints.fields },
  };
}
