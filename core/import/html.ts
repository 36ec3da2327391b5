/**
 * HTML converter: government web pages as saved from a browser → blocks.
 * Only text is read; scripts, styles, frames, forms and event handlers are never run or kept.
 */
import { DomUtils } from 'htmlparser2';
import { ImportError, type Block, type ConvertedDocument } from '../common/document.ts';
import { garbageRatio } from './decode.ts';
import { decodeHtmlBytes } from './html/charset.ts';
import { countCjk, elementsByName, parseHtml, plainText, type HtmlElement } from './html/dom.ts';
import { classifyTables } from './html/tables.ts';
import { findArticle, PageMeasure, precedingSiblings } from './html/article.ts';
import { collectBlocks } from './html/blocks.ts';
import { hintsFrom, readMetadataGrid, readMetadataLine } from './html/metadata.ts';
import { normalizeLine } from './html/text.ts';
import { TableTooLargeError } from './html/grid.ts';
import { detached } from '../common/memo.ts';

/** Less Chinese text than this, and no table: the page holds no report (a nav, an error page). */
const MIN_REPORT_CJK = 20;
const CHAPTER_HEADING = /^[一二三四五六七八九十]+\s*[、.．]/;

export async function convertHtml(bytes: Uint8Array, fileName: string): Promise<ConvertedDocument> {
  try {
    return convert(bytes, fileName);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    if (err instanceof TableTooLargeError) throw new ImportError(fileName, '网页中的表格过大，无法读取 (a table in the page is too large)');
    if (err instanceof RangeError) throw new ImportError(fileName, '网页结构嵌套过深，无法读取 (the page is nested too deeply)');
    throw err;
  }
}

function convert(bytes: Uint8Array, fileName: string): ConvertedDocument {
  const { text } = decodeHtmlBytes(bytes);
  if (garbageRatio(text) > 0.05) throw new ImportError(fileName, '文件内容不是可读的网页文本 (not readable HTML text)');
  const doc = parseHtml(withoutCutTag(text));
  const named = elementsByName(doc, LOOKED_UP);
  const tables = classifyTables(named.get('table') ?? []);
  const measure = new PageMeasure(doc, tables);
  const article = findArticle(measure, tables);

  const fields: Record<string, string> = {};
  for (const info of tables.values()) {
    if (info.kind === 'metadata' && info.grid) {
      for (const [k, v] of Object.entries(readMetadataGrid(info.grid.rows, info.grid.copies))) fields[k] ??= v;
    }
  }
  const blocks = withoutMetadataLines(collectBlocks(article, tables, measure), fields);
  for (const el of precedingSiblings(article)) {
    if (measure.isChrome(el)) continue;
    for (const block of collectBlocks(el, tables, measure)) {
      const lineFields = block.kind === 'paragraph' ? readMetadataLine(block.text) : null;
      for (const [k, v] of Object.entries(lineFields ?? {})) fields[k] ??= v;
    }
  }
  const cjk = blocks.reduce((n, b) => n + (b.kind === 'paragraph' ? countCjk(b.text) : 0), 0);
  if (cjk < MIN_REPORT_CJK && !blocks.some((b) => b.kind === 'table')) {
    throw new ImportError(fileName, '未找到报告正文：网页中没有报告文字或表格 (no report text found in the page)');
  }
  const firstParagraph = blocks.find((b) => b.kind === 'paragraph');
  const hints = hintsFrom(fields, [...titleCandidates(named), firstParagraph?.kind === 'paragraph' ? firstParagraph.text : '']);
  if (hints.title && !blocks.slice(0, 3).some((b) => b.kind === 'paragraph' && sameText(b.text, hints.title!))) {
    blocks.unshift({ kind: 'paragraph', text: hints.title });
  }
  return { mediaType: 'text/html', blocks, hints };
}

/** "发布日期：2020-01-31"-style lines before the first chapter are page metadata: into fields, out of the text. */
function withoutMetadataLines(blocks: Block[], fields: Record<string, string>): Block[] {
  const out: Block[] = [];
  let inPreamble = true;
  for (const block of blocks) {
    if (block.kind === 'table' || CHAPTER_HEADING.test(block.text)) inPreamble = false;
    if (inPreamble && block.kind === 'paragraph') {
      const lineFields = readMetadataLine(block.text);
      if (lineFields) {
        for (const [k, v] of Object.entries(lineFields)) fields[k] ??= v;
        continue;
      }
    }
    out.push(block);
  }
  return out;
}

/** Elements the converter looks up by name, collected in one walk of the page. */
const LOOKED_UP = new Set(['table', 'title', 'h1']);

/** <title> elements first (a saved page may hold several), then the page's top headings. */
function titleCandidates(named: Map<string, HtmlElement[]>): string[] {
  const titles = (named.get('title') ?? []).map((t) => normalizeLine(DomUtils.textContent(t)));
  const headings = (named.get('h1') ?? []).map((h) => normalizeLine(plainText(h)));
  // Detached: the title is kept in the report, and a slice would keep the whole page's text alive with it.
  return [...titles, ...headings].filter(Boolean).map(detached);
}

/**
 * A file cut inside a tag ends in "<td cla": the parser would keep that as text. Same as
 * text.replace(/<[^<>]*$/, ''), without the regular expression trying every "<" of the page.
 */
export function withoutCutTag(text: string): string {
  const lastOpen = text.lastIndexOf('<');
  return lastOpen >= 0 && text.indexOf('>', lastOpen) < 0 ? text.slice(0, lastOpen) : text;
}

const sameText = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
