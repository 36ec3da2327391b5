/**
 * Plain text (often text extracted from a PDF) → blocks. Re-joins sentences split by page
 * breaks, drops page numbers and running headers, strips Markdown bold markers, and turns
 * tab-separated lines and Markdown pipe tables into table blocks.
 */
import { decodeText, garbageRatio } from './decode.ts';
import { strictUtf8 } from './html/charset.ts';
import { ImportError, type Block, type ConvertedDocument, type TableBlock } from '../common/document.ts';
import { CRAWLER_TABLE_NOTE, splitInlineReports } from './text/inline.ts';

type Line =
  | { kind: 'blank' }
  | { kind: 'text'; text: string }
  | { kind: 'row'; cells: string[]; pipe: boolean };

const PAGE_NUMBER = [
  /^[-—–－―_\s]*(第\s*)?\d{1,4}(\s*页)?[-—–－―_\s]*$/,
  /^第\s*\d+\s*页\s*[,，/／]?\s*共\s*\d+\s*页$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^page\s*\d+(\s*(of|\/)\s*\d+)?$/i,
];
const SECTION_ROW = /^第二十条第[（(][一二三四五六七八九十]+[）)]项$/;
const RULE_LINE = /^[-*_=]{3,}$/;
const PIPE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/;
const TERMINAL = /[。！？!?；;：:…]["”’」』）)]*$/;
const HEADING_START = /^(#+\s*)?([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[章节部分]|附件|附表|\d{1,2}[、．]\s*\D)/;

const toHalfDigits = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

export function isPageNumber(line: string): boolean {
  const t = toHalfDigits(line.trim());
  return t !== '' && PAGE_NUMBER.some((re) => re.test(t));
}

/** A short numbered heading (一、… （一）… 第一章 附件): never joined to its neighbours. */
export function isNumberedHeading(text: string): boolean {
  const t = text.trim();
  return t.length <= 45 && HEADING_START.test(t) && !/。./.test(t) && !/[。；;，,]$/.test(t);
}

/** The report title (or its last line): ends with 年度报告, no comma. */
export function isTitleLine(text: string): boolean {
  const t = text.trim();
  return t.length <= 60 && /年度?报告$/.test(t) && !/[，,。]/.test(t);
}

/** Title-like or signature-like: short and without punctuation. */
function isShortStandalone(text: string): boolean {
  return text.length <= 30 && !/[，,。；;、：:]/.test(text);
}

const SIGNATURE = /(局|办公室|政府|委员会|中心|厅|院|处|所|部|公司|街道|镇|乡|县|市|区|[0-9０-９]+日)$/;
const DATE_LINE = /^[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日$/;

/** Removes spaces between Chinese characters when the extraction spaced them out ("本 年度 办理 结果"). */
export function closeCjkSpacing(text: string): string {
  if (!text.includes(' ')) return text;
  const spaced = text.match(/[\u3400-\u9fff] +(?=[\u3400-\u9fff])/g)?.length ?? 0;
  if (spaced < 3) return text;
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  if (spaced < 3 || spaced / Math.max(cjk, 1) < 0.15) return text;
  return text.replace(/([\u3400-\u9fff]) +(?=[\u3400-\u9fff])/g, '$1');
}

function joinFragments(prev: string, next: string): string {
  if (/[A-Za-z0-9]$/.test(prev) && /^[A-Za-z0-9]/.test(next)) return `${prev} ${next}`;
  return prev + next;
}

/** A line of the page a crawler or browser saved the report from (its URL, 发布时间：…): never part of a sentence. */
const PAGE_DATA_LINE = /^(?:https?:\/\/|(?:发布时间|发布日期|公开日期|来源|信息来源|发布机构|浏览次数|当前位置|您的位置)\s*[:：])/;

function shouldJoin(prev: string, next: string, prevIsFirst: boolean): boolean {
  if (PAGE_DATA_LINE.test(prev) || PAGE_DATA_LINE.test(next)) return false;
  if (isNumberedHeading(next) || isNumberedHeading(prev) || isTitleLine(prev)) return false;
  // A title printed on two lines: "××市2022年政府信息公开" / "工作年度报告".
  if (isTitleLine(next)) return prevIsFirst && isShortStandalone(prev) && (prev + next).length <= 60;
  if (TERMINAL.test(prev) || DATE_LINE.test(next.trim())) return false;
  // Short lines without punctuation are joined (a sentence cut at a page break) unless they are the
  // document's first line or look like a signature (an office name, a date).
  if (isShortStandalone(prev) && (prevIsFirst || SIGNATURE.test(prev))) return false;
  return true;
}

function classify(rawLine: string): Line {
  const line = rawLine.replace(/\*\*/g, '').replace(/\u00a0/g, ' ');
  if (line.trim() === '') return { kind: 'blank' };
  const trimmed = line.trim();
  if (trimmed.startsWith('|') && trimmed.endsWith('|') && trimmed.length > 1) {
    if (PIPE_SEPARATOR.test(trimmed)) return { kind: 'blank' };
    return { kind: 'row', cells: trimmed.slice(1, -1).split('|').map((c) => c.trim()), pipe: true };
  }
  if (line.includes('\t')) {
    const cells = line.replace(/^[ ]+|[ ]+$/g, '').split('\t').map((c) => c.trim());
    const filled = cells.filter((c) => c !== '');
    // A paragraph indented with tabs is text; a label followed by empty tab cells is a table row.
    const indentedText = filled.length === 1 && cells[cells.length - 1] !== '' && !SECTION_ROW.test(filled[0]);
    if (filled.length > 0 && !indentedText) return { kind: 'row', cells, pipe: false };
  }
  const text = trimmed.replace(/^#{1,6}\s+/, '');
  if (isPageNumber(text) || RULE_LINE.test(text)) return { kind: 'text', text };
  const spaced = spaceSeparatedRow(text);
  if (spaced) return { kind: 'row', cells: spaced, pipe: false };
  // The item rows of table 二 ("第二十条第（一）项") lose their tabs when their other cells are empty.
  if (SECTION_ROW.test(text)) return { kind: 'row', cells: [text], pipe: false };
  return { kind: 'text', text };
}

const NUMERIC_TOKEN = /^(?:[-—–－/／]|[+-]?[0-9０-９][0-9０-９,，.．]*(?:元|万元)?(?:[（(][^）)]*[）)])?)$/;
/** Column headings of the statistical tables: a line of short space-separated items containing one is a header row. */
const HEADER_WORDS = /自然人|商业企业|科研机构|法人或其他组织|申请人情况|结果维持|结果纠正|尚未审结|未经复议|复议后起诉|本年制发|本年新制作|处理决定数量/;
const HEADER_ITEMS = /^(行政复议|行政诉讼|未经复议直接起诉|复议后起诉|申请人情况|自然人|法人或其他组织|总计|商业企业|科研机构|社会公益组织|法律服务机构|其他)$/;
/** Row labels of table 二 that carry a single number. */
const SHORT_ROW_LABEL = /^(规章|行政规范性文件|规范性文件|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购)$/;

/**
 * Table rows printed with spaces instead of tabs (pdftotext -layout and similar): a label
 * followed by at least three numbers, a known row label of table 二 followed by numbers, a
 * line of numbers only, or a 信息内容 header line. Returns the cells, or null for text.
 */
export function spaceSeparatedRow(text: string): string[] | null {
  const tokens = text.trim().split(/[ \u3000]+/);
  if (tokens[0] === '信息内容' && tokens.length >= 2) return tokens;
  if (/^[（(]本列数据的勾稽关系/.test(text.trim())) return text.trim().split(/\s{2,}|\u3000+/);
  if (tokens.length >= 2 && tokens.every((t) => HEADER_ITEMS.test(t))) return tokens;
  if (tokens.length >= 3 && HEADER_WORDS.test(tokens.join('')) && tokens.every((t) => t.length <= 12 && !/[，。；,;]/.test(t))) return tokens;
  let k = 0;
  while (k < tokens.length && NUMERIC_TOKEN.test(tokens[tokens.length - 1 - k])) k++;
  if (k === 0) return null;
  const labelTokens = tokens.slice(0, tokens.length - k);
  const numbers = tokens.slice(tokens.length - k);
  if (labelTokens.length === 0) return k >= 3 ? numbers : null;
  const label = labelTokens.join(' ');
  if (label.length > 80 || /。/.test(label)) return null;
  // Seven numbers after a label is a row of table 三 even when the label has commas (（二）部分公开（区分处理的，…）).
  if (k >= 5) return [label, ...numbers];
  if (/[，；：,;:]/.test(label)) return null;
  if (k >= 3 || (SHORT_ROW_LABEL.test(labelTokens.join('')) && k <= 3)) return [label, ...numbers];
  return null;
}

/** Lines repeated many times on their own (running headers/footers): all but the first occurrence are dropped. */
function runningHeaders(lines: Line[]): Set<string> {
  const counts = new Map<string, number>();
  for (const l of lines) if (l.kind === 'text') counts.set(l.text, (counts.get(l.text) ?? 0) + 1);
  const headers = new Set<string>();
  for (const [text, n] of counts) if (n >= 3 && text.length >= 4 && text.length <= 60 && !TERMINAL.test(text)) headers.add(text);
  return headers;
}

function tableBlock(rows: { cells: string[]; pipe: boolean }[]): TableBlock {
  const cells = rows.map((r) => r.cells);
  if (!rows[0].pipe) return { kind: 'table', rows: cells };
  // A Markdown table is a true grid: pad it and mark it as such (no merged copies).
  const width = Math.max(...cells.map((r) => r.length));
  const grid = cells.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  return { kind: 'table', rows: grid, copies: grid.map((r) => r.map(() => false)) };
}

const TABLE_LABEL = /本年新收|上年结转|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计|结转下年度|^[0-9０-９]+[.．、]/;

/**
 * A row label printed on its own line above its numbers (long labels wrapped by the extraction)
 * became a paragraph followed by a label-less row: put the label back in front of the numbers and
 * re-join the table around it.
 */
function mergeWrappedLabels(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const next = blocks[i + 1];
    const prev = out[out.length - 1];
    if (block.kind === 'paragraph' && next?.kind === 'table' && !next.copies && block.text.length <= 80 && !/。/.test(block.text)) {
      const first = next.rows[0];
      const numbers = first.filter((c) => NUMERIC_TOKEN.test(c.trim()));
      const labelless = first.every((c) => c.trim() === '' || NUMERIC_TOKEN.test(c.trim()));
      if (labelless && numbers.length >= 5 && (prev?.kind === 'table' || TABLE_LABEL.test(block.text))) {
        const rows = [[block.text, ...first], ...next.rows.slice(1)];
        if (prev?.kind === 'table' && !prev.copies) prev.rows.push(...rows);
        else out.push({ kind: 'table', rows });
        i++;
        continue;
      }
    }
    if (block.kind === 'table' && prev?.kind === 'table' && !prev.copies && !block.copies) {
      prev.rows.push(...block.rows);
      continue;
    }
    out.push(block);
  }
  return out;
}

/** Text → paragraph and table blocks. */
export function textToBlocks(input: string): Block[] {
  const text = input.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').replace(/\f/g, '\n\n');
  let lines = text.split('\n').map(classify);
  lines = lines.filter((l) => !(l.kind === 'text' && (isPageNumber(l.text) || RULE_LINE.test(l.text))));
  const headers = runningHeaders(lines);
  // A running header is kept only where it is the document's first line (the title on page one).
  const firstText = lines.find((l) => l.kind === 'text');
  lines = lines.filter((l) => l.kind !== 'text' || !headers.has(l.text) || l === firstText);

  const blocks: Block[] = [];
  let paragraph: string | null = null;
  let paragraphIsFirst = false;
  let rows: { cells: string[]; pipe: boolean }[] = [];
  const flushParagraph = () => {
    if (paragraph !== null && paragraph.trim() !== '') blocks.push({ kind: 'paragraph', text: paragraph.trim() });
    paragraph = null;
  };
  const flushTable = () => {
    if (rows.length === 0) return;
    const nonEmpty = rows[0].cells.filter((c) => c !== '');
    if (rows.length === 1 && nonEmpty.length <= 2 && !rows[0].pipe) {
      // A lone tab-separated line with one or two items is text laid out with a tab (a title and
      // its 发布日期), not a table: one paragraph per item.
      for (const item of nonEmpty) blocks.push({ kind: 'paragraph', text: closeCjkSpacing(item) });
    } else {
      blocks.push(tableBlock(rows));
    }
    rows = [];
  };

  for (const line of lines) {
    if (line.kind === 'blank') continue;
    if (line.kind === 'row') {
      flushParagraph();
      if (rows.length > 0 && rows[0].pipe !== line.pipe) flushTable();
      rows.push({ cells: line.cells, pipe: line.pipe });
      continue;
    }
    flushTable();
    const fragment = closeCjkSpacing(line.text);
    if (paragraph !== null && shouldJoin(paragraph, fragment, paragraphIsFirst)) paragraph = joinFragments(paragraph, fragment);
    else {
      flushParagraph();
      paragraphIsFirst = blocks.length === 0;
      paragraph = fragment;
    }
  }
  flushParagraph();
  flushTable();
  return mergeWrappedLabels(blocks);
}

export async function convertText(bytes: Uint8Array, fileName: string): Promise<ConvertedDocument> {
  // Valid UTF-8 decoded once (decodeText would validate it, then decode it again).
  const text = strictUtf8(bytes) ?? decodeText(bytes).text;
  if (text.trim() === '') throw new ImportError(fileName, '文件没有任何文字内容 (the file contains no text)');
  if (garbageRatio(text) > 0.02) {
    throw new ImportError(fileName, '文件内容无法识别为文字，可能是二进制文件，不是政府信息公开年度报告 (binary content, not a text report)');
  }
  // A crawler's one-line report is split at the template's headings before anything reads it.
  const { blocks, flattenedTables } = splitInlineReports(textToBlocks(text));
  if (blocks.length === 0) throw new ImportError(fileName, '文件没有任何文字内容 (the file contains no text)');
  return { mediaType: 'text/plain', blocks, hints: { fields: {} }, ...(flattenedTables ? { notes: [CRAWLER_TABLE_NOTE] } : {}) };
}
