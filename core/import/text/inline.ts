/**
 * Crawler text: a site archive exported as plain text puts a whole report on one line — a
 * header (URL, 发布时间), the title, the chapters with their headings inline
 * (`…工作。二、主动公开政府信息情况 …`) and the statistical tables flattened into a run of
 * words and figures in which neighbouring cells may have run together (`规范性文件 5231`,
 * `…申请数量 150 000015`).
 *
 * Such a line is split at the template's chapter headings (found in their order 一、二、三…),
 * its narrative into sentences' paragraphs, and each flattened table into rows: a row's label
 * words, then the figures that follow them. Figures are never split: a row whose figures ran
 * together has fewer of them than the template's columns, and the table mappers leave it
 * unread (null cells with a table.incomplete finding, raw text kept) instead of guessing.
 */
import type { Block } from '../../common/document.ts';

/** Numbered chapter headings of the 2021, 2019 and older templates, as printed inline. */
const INLINE_HEADING = /([一二三四五六七八九十]{1,2})[、.．]\s*([^\s。，,；;：:！？\d、]{0,24}?(?:、[^\s。，,；;：:！？\d、]{1,12}?)?(?:情况|事项|措施|概述|概况))/g;
const HEADING_SUBJECT = /总体|概述|概况|主动公开|申请|收费|复议|诉讼|问题|其他/;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The crawler's inline form needs at least this many headings in order: a paragraph that names one or two is prose. */
const MIN_HEADINGS = 3;

export const CRAWLER_TABLE_NOTE =
  '正文为未分行的纯文本（网站抓取导出），统计表的单元格连在一起：无法可靠分开的单元格为空并记为“表格不完整” (crawler text without line breaks: table cells that cannot be told apart are left empty)';

interface InlineHeading {
  index: number;
  /** Where the heading's text ends and the chapter's body starts. */
  end: number;
  text: string;
}

/** The chapter headings of a one-line report, in template order (一 then 二 …), or [] when it is not one. */
export function inlineHeadings(text: string): InlineHeading[] {
  const found: InlineHeading[] = [];
  for (const m of text.matchAll(INLINE_HEADING)) {
    const expected = NUMERALS[found.length];
    if (m[1] !== expected || !HEADING_SUBJECT.test(m[2])) continue;
    found.push({ index: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return found.length >= MIN_HEADINGS ? found : [];
}

/** A figure as printed in a flattened table (never split, whatever its length). */
const FIGURE = /^(?:[-—–－/／]|[+-]?[0-9０-９][0-9０-９,，.．]*(?:元|万元)?)$/;
/** Column headings of the three tables: they make a header row of their own, apart from the first row's label. */
const HEADER_WORD =
  /^(?:信息内容|本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额.*|本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/?减|处理决定数量|采购项目数量|采购总金额.*|申请人情况|[（(]本列数据的勾稽关系.*|自然人|法人或其他组织|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计|行政复议|行政诉讼|未经复议直接起诉|复议后起诉|结果维持|结果纠正|其他结果|尚未审结)$/;
const SECTION = /^第二十条/;
/** Where a flattened table starts inside a chapter. */
const TABLE_START = /第二十条|信息内容|申请人情况|[（(]本列数据|自然人\s|结果维持|行政复议\s+行政诉讼/;

/**
 * A flattened table → rows. Each run of words followed by a run of figures is one row: header
 * words go to a header row, 第二十条 items to rows of their own, the other words are the row's
 * label cells, the figures its values exactly as printed.
 */
export function flattenedTableRows(text: string): string[][] {
  const tokens = mergeNumbering(text.trim().split(/\s+/).filter((t) => t !== ''));
  const rows: string[][] = [];
  let words: string[] = [];
  let figures: string[] = [];
  const flush = () => {
    if (words.length === 0 && figures.length === 0) return;
    const header: string[] = [];
    const label: string[] = [];
    for (const w of words) {
      if (SECTION.test(w)) {
        if (header.length) rows.push(header.splice(0));
        rows.push([w]);
      } else if (label.length === 0 && HEADER_WORD.test(w)) header.push(w);
      else label.push(w);
    }
    if (header.length) rows.push(header);
    if (label.length || figures.length) rows.push([...label, ...figures]);
    words = [];
    figures = [];
  };
  for (const token of tokens) {
    if (FIGURE.test(token)) figures.push(token);
    else {
      if (figures.length) flush();
      words.push(token);
    }
  }
  flush();
  return rows;
}

/** "1." "2、" printed apart from their label ("1. 属于国家秘密") belong to it, not to the figures. */
function mergeNumbering(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (/^\d{1,2}[.．、]$/.test(tokens[i]) && i + 1 < tokens.length && !FIGURE.test(tokens[i + 1])) {
      out.push(tokens[i] + tokens[i + 1]);
      i++;
    } else out.push(tokens[i]);
  }
  return out;
}

/** Narrative text → paragraphs: at sentence ends followed by a space, and before （一）-style sub-headings. */
function narrativeParagraphs(text: string): string[] {
  return text
    .split(/(?<=[。！？])\s+|\s+(?=[（(][一二三四五六七八九十]+[）)])/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The report title inside the text before chapter 一 (after a crawler header, before the preamble). */
const TITLE = /[\u4e00-\u9fff][^\s。，,：:]{0,40}?(?:\d{4}|[０-９]{4})\s*年度?[^\s。，,]{0,20}?(?:政府信息公开|政务公开)[^\s。，,]{0,10}?年度?报告/;

function preambleBlocks(text: string): Block[] {
  const title = TITLE.exec(text);
  const parts = title
    ? [text.slice(0, title.index), title[0], ...narrativeParagraphs(text.slice(title.index + title[0].length))]
    : narrativeParagraphs(text);
  return parts.map((p) => p.trim()).filter((p) => p !== '').map((p) => ({ kind: 'paragraph', text: p }));
}

/** A chapter's body: narrative paragraphs, then its flattened table (if any), then what follows the table's last figure. */
function chapterBlocks(body: string): { blocks: Block[]; table: boolean } {
  const start = TABLE_START.exec(body);
  if (!start) return { blocks: narrativeParagraphs(body).map((text) => ({ kind: 'paragraph', text })), table: false };
  const before = body.slice(0, start.index);
  let tableText = body.slice(start.index);
  // Narrative after the table: what follows the last figure, when it holds a sentence.
  let after = '';
  const lastFigure = [...tableText.matchAll(/(?<=^|\s)[0-9０-９][0-9０-９,，.．]*(?:元|万元)?(?=\s|$)/g)].at(-1);
  if (lastFigure) {
    const end = lastFigure.index + lastFigure[0].length;
    if (/。/.test(tableText.slice(end))) {
      after = tableText.slice(end);
      tableText = tableText.slice(0, end);
    }
  }
  const blocks: Block[] = narrativeParagraphs(before).map((text) => ({ kind: 'paragraph', text }));
  blocks.push({ kind: 'table', rows: flattenedTableRows(tableText) });
  blocks.push(...narrativeParagraphs(after).map((text): Block => ({ kind: 'paragraph', text })));
  return { blocks, table: true };
}

/**
 * Splits every paragraph that holds a whole report inline (three or more template headings in
 * order). Returns the blocks and whether a flattened table was rebuilt (the reader is told).
 */
export function splitInlineReports(blocks: Block[]): { blocks: Block[]; flattenedTables: boolean } {
  let flattenedTables = false;
  const out: Block[] = [];
  for (const block of blocks) {
    const headings = block.kind === 'paragraph' && block.text.length >= 200 ? inlineHeadings(block.text) : [];
    if (block.kind !== 'paragraph' || headings.length === 0) {
      out.push(block);
      continue;
    }
    const text = block.text;
    out.push(...preambleBlocks(text.slice(0, headings[0].index)));
    headings.forEach((h, i) => {
      out.push({ kind: 'paragraph', text: h.text });
      const body = text.slice(h.end, headings[i + 1]?.index ?? text.length);
      const chapter = chapterBlocks(body);
      flattenedTables ||= chapter.table;
      out.push(...chapter.blocks);
    });
  }
  return { blocks: out, flattenedTables };
}
