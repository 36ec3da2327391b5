/** Title, issuing body, year and publication date of a report, with how sure we are. */
import type { BodyName, MetadataConfidence } from '../model.ts';
import { FILE_CREATED_FIELD, type Block, type MetadataHints } from '../common/document.ts';
import { foldWidth, normalizeBodyName } from '../common/text.ts';

export interface ReportMetadata {
  title: string;
  /** The paragraphs the title was read from: not repeated in the preamble. */
  titleLines: string[];
  /** Who published the page (发布机构, 来源, 主办单位): the body's fallback only. */
  publisher: string | null;
  body: BodyName;
  year: number | null;
  publishedAt: string | null;
  confidence: MetadataConfidence;
}


const PUBLISHER_FIELDS = ['发布机构', '发布机关', '发文机关', '发文单位', '发布单位', '所属机构', '公开责任部门', '来源', '信息来源', '主办单位', '主办'];
const DATE_FIELDS = ['发布日期', '公开日期', '成文日期', '发文日期', '发布时间'];

const plausibleYear = (y: number) => y >= 2000 && y <= 2100;

const TITLE_SUBJECT = /政府信息公开|政务公开|信息公开/;
/** A title line: short, no sentence inside, names an annual report of information disclosure. */
const isTitleText = (text: string) => text.length <= 80 && /年度?报告/.test(text) && !/[。]/.test(text) && TITLE_SUBJECT.test(text);
/** A line that may be part of a title printed over two lines: short, no punctuation of a sentence. */
const isTitlePart = (text: string) => text.length > 0 && text.length <= 40 && !/[。，,；;：:！？]/.test(text);

export interface TitleLines {
  title: string;
  /** The paragraphs the title was read from (one, or two when it was printed over two lines). */
  lines: string[];
}

/**
 * The first heading-like line that names an annual report, joined with the line before or after
 * it when the title was printed over two lines (淮安市人民政府 / 2024 年政府信息公开工作年度报告;
 * ××市2022年政府信息公开 / 工作年度报告): the join is kept only when it names more (a body, a year)
 * than the line alone.
 */
export function findTitleLines(blocks: Block[], hints: MetadataHints): TitleLines {
  const paragraphs: string[] = [];
  for (const block of blocks.slice(0, 40)) if (block.kind === 'paragraph') paragraphs.push(block.text.trim());
  for (let i = 0; i < paragraphs.length; i++) {
    const text = paragraphs[i].replace(/\t.*$/, '').trim();
    const next = paragraphs[i + 1]?.trim() ?? '';
    // The title's first half on this line, 工作年度报告 on the next.
    if (!isTitleText(text) && isTitlePart(text) && TITLE_SUBJECT.test(text) && isTitlePart(next) && /^[^\d]{0,12}年度?报告$/.test(next)) {
      return { title: text + next, lines: [paragraphs[i], paragraphs[i + 1]] };
    }
    if (!isTitleText(text)) continue;
    const prev = paragraphs[i - 1]?.trim() ?? '';
    if (i > 0 && isTitlePart(prev) && !isTitleText(prev)) {
      const alone = parseTitle(text);
      const joined = parseTitle(prev + text);
      const namesMore = (joined.body !== null && alone.body === null) || (joined.year !== null && alone.year === null);
      if (namesMore) return { title: joinTitle(prev, text), lines: [paragraphs[i - 1], paragraphs[i]] };
    }
    return { title: text, lines: [paragraphs[i]] };
  }
  return { title: hints.title?.trim() ?? '', lines: [] };
}

/** "淮安市人民政府" + "2024 年政府信息公开工作年度报告": a space only between a digit and a digit. */
function joinTitle(first: string, second: string): string {
  return /\d$/.test(first) && /^\d/.test(second) ? `${first} ${second}` : first + second;
}

/** The report's title (see findTitleLines). */
export function findTitle(blocks: Block[], hints: MetadataHints): string {
  return findTitleLines(blocks, hints).title;
}

/** "伊春市 2022 年政府信息公开工作年度报告" → 伊春市, 2022. */
export function parseTitle(title: string): { body: string | null; year: number | null } {
  const t = foldWidth(title).replace(/[\s\u00a0]+/g, '').replace(/[《》「」“”"]/g, '');
  const subject = '(?:政府信息公开|政务公开|信息公开)';
  const bodyFirst = new RegExp(`^(.+?)(?:关于)?(\\d{4})年度?的?${subject}`).exec(t);
  if (bodyFirst) {
    const year = Number(bodyFirst[2]);
    return { body: bodyFirst[1].replace(/关于$/, ''), year: plausibleYear(year) ? year : null };
  }
  const yearFirst = new RegExp(`^(?:关于)?(\\d{4})年度?的?(.*?)${subject}`).exec(t);
  if (yearFirst) {
    const year = Number(yearFirst[1]);
    const body = yearFirst[2].replace(/^的/, '');
    return { body: body !== '' ? body : null, year: plausibleYear(year) ? year : null };
  }
  const yearOnly = /(\d{4})年/.exec(t);
  return { body: null, year: yearOnly && plausibleYear(Number(yearOnly[1])) ? Number(yearOnly[1]) : null };
}

/** yyyy年m月d日, yyyy-m-d, yyyy/m/d, yyyy.m.d → ISO yyyy-mm-dd. */
export function parseDate(text: string): string | null {
  const t = foldWidth(text).replace(/\s+/g, '');
  const m = /(\d{4})(?:年|-|\/|\.)(\d{1,2})(?:月|-|\/|\.)(\d{1,2})日?/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!plausibleYear(y) || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function fieldValue(fields: Record<string, string>, names: string[]): string | undefined {
  for (const [label, value] of Object.entries(fields)) {
    const l = label.replace(/[\s:：]/g, '');
    if (names.includes(l) && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** "发布日期：2020-01-31" in the text (built once: this runs for every paragraph of every report). */
const DATE_FIELD_LINE = new RegExp(`(?:${DATE_FIELDS.join('|')})\\s*[:：]\\s*([0-9０-９]{4}[^\\s，。]{3,12})`);

function findPublishedAt(paragraphs: string[], hints: MetadataHints): string | null {
  const hinted = hints.publishedAt ? parseDate(hints.publishedAt) : null;
  if (hinted) return hinted;
  const field = fieldValue(hints.fields, DATE_FIELDS);
  if (field && parseDate(field)) return parseDate(field);
  for (const p of paragraphs) {
    const m = DATE_FIELD_LINE.exec(p);
    if (m && parseDate(m[1])) return parseDate(m[1]);
  }
  // A date standing alone near the end (the signature line).
  for (const p of paragraphs.slice(-4).reverse()) {
    const t = p.trim();
    if (t.length <= 30 && /^[0-9０-９]{4}\s*[年\-/.]\s*[0-9０-９]{1,2}\s*[月\-/.]\s*[0-9０-９]{1,2}\s*日?$/.test(t)) return parseDate(t);
  }
  // Last: the date the file was made (a PDF's properties), when the report prints none.
  const fileCreated = hints.fields[FILE_CREATED_FIELD];
  return fileCreated ? parseDate(fileCreated) : null;
}

function findYearInText(paragraphs: string[]): number | null {
  for (const p of paragraphs.slice(0, 10)) {
    const m = /(\d{4})\s*年(?:度)?\s*(?:政府信息公开|政务公开)/.exec(foldWidth(p));
    if (m && plausibleYear(Number(m[1]))) return Number(m[1]);
  }
  return null;
}

export function extractMetadata(blocks: Block[], hints: MetadataHints): ReportMetadata {
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text);
  const { title, lines: titleLines } = findTitleLines(blocks, hints);
  const fromTitle = parseTitle(title);
  const fromHintTitle = hints.title ? parseTitle(hints.title) : { body: null, year: null };
  const publisher = hints.body?.trim() || fieldValue(hints.fields, PUBLISHER_FIELDS) || null;

  // The body is the one the report's title names; the page's publisher is only a fallback
  // (a 发改局 report published by the county's 政府办 is the 发改局's report).
  let bodyPrinted = '';
  let bodyConfidence: MetadataConfidence['body'] = 'missing';
  if (fromTitle.body) [bodyPrinted, bodyConfidence] = [fromTitle.body, 'certain'];
  else if (fromHintTitle.body) [bodyPrinted, bodyConfidence] = [fromHintTitle.body, 'guessed'];
  else if (publisher) [bodyPrinted, bodyConfidence] = [publisher, 'guessed'];

  let year = fromTitle.year;
  let yearConfidence: MetadataConfidence['year'] = year !== null ? 'certain' : 'missing';
  if (year === null && fromHintTitle.year !== null) [year, yearConfidence] = [fromHintTitle.year, 'guessed'];
  if (year === null) {
    const inText = findYearInText(paragraphs);
    if (inText !== null) [year, yearConfidence] = [inText, 'guessed'];
  }
  if (year === null && hints.year && plausibleYear(hints.year)) [year, yearConfidence] = [hints.year, 'guessed'];

  return {
    title: title || hints.title?.trim() || '',
    titleLines,
    publisher,
    body: { printed: bodyPrinted, normalized: normalizeBodyName(bodyPrinted) },
    year,
    publishedAt: findPublishedAt(paragraphs, hints),
    confidence: { body: bodyConfidence, year: yearConfidence },
  };
}
