/**
 * Blocks → report: metadata, format, chapters, statistical tables, generic tables, parse findings.
 *
 * Decisions worth knowing:
 * - The title is stored in `title` and not repeated in `preamble`; everything else before 一 is the preamble.
 * - pre-2019 (and their old chapter sets) keep every chapter as 'extra' with its own heading and every
 *   table as a generic table; no statistical tables. 'unknown' maps headings but has no statistical tables.
 * - 2021 / 2019-trial always return all three statistical tables with every spec cell; cells not found are
 *   'missing' with one table.incomplete finding per row (per group for 四, per table when absent).
 * - Subtotal rows printed for （三）–（六） are not stored (they stay in rawRows) and not evaluated here.
 * - Tables that map to no statistical table stay generic tables; nothing from the source is dropped.
 */
import type { Chapter, ParsedReport } from '../model.ts';
import { ImportError, type ConvertedDocument, type TableBlock } from '../common/document.ts';
import { chapterHeading, chapterIdOf, splitChapters } from './chapters.ts';
import { detectFormat } from './format.ts';
import { extractMetadata } from './metadata.ts';
import { separatePageLeftovers } from './leftovers.ts';
import { isStatTableBlock, mapStatTables, type LocatedTable } from './statTables.ts';

export { normalizeBodyName } from '../common/text.ts';
export { parseCell } from './cells.ts';
export { normalizeLabel } from './normalize.ts';

const NOT_A_REPORT = '未找到年度报告的章节标题或统计表，不是政府信息公开年度报告 (no chapter headings or statistical tables: not a government information disclosure annual report)';

export function buildReport(doc: ConvertedDocument, fileName: string): ParsedReport {
  // Page data (发布时间, 来源, the URL) becomes metadata, page chrome is dropped: neither is the report's text.
  const leftovers = separatePageLeftovers(doc.blocks, (text) => chapterHeading(text) !== null);
  const blocks = leftovers.blocks;
  const hints = { ...doc.hints, fields: { ...leftovers.fields, ...doc.hints.fields } };
  const paragraphs = blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
  const tableTexts = blocks.flatMap((b) => (b.kind === 'table' ? b.rows.map((r) => r.join('\t')) : []));
  const meta = extractMetadata(blocks, hints);
  const headings = paragraphs.filter((p) => chapterHeading(p) !== null);
  const format = detectFormat([...paragraphs, ...tableTexts], headings, meta.year);

  const segments = splitChapters(blocks, format !== 'pre-2019');
  const chapterSegments = segments.filter((s) => s.id !== 'preamble');
  // A report has a chapter heading of the template, a statistical table, or a 年度报告 title with chapters.
  const recognisable =
    headings.some((h) => chapterIdOf(h) !== null) ||
    (/年度?报告/.test(meta.title) && chapterSegments.length > 0) ||
    blocks.some((b) => b.kind === 'table' && isStatTableBlock(b));
  if (!recognisable) throw new ImportError(fileName, NOT_A_REPORT);

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
      const titleLines = meta.titleLines.length > 0 ? [...meta.titleLines] : [meta.title];
      preamble = texts.filter((t) => {
        const i = titleLines.indexOf(t);
        if (i >= 0) titleLines.splice(i, 1);
        return i < 0;
      });
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
    sourceMetadata: { ...hints.fields },
    publisher: meta.publisher,
    importNotes: [...(doc.notes ?? []), ...stat.notes],
  };
}
