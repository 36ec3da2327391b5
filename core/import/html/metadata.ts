/**
 * Page metadata printed around a report: the 索引号/发布机构/发布日期/文号… table of government
 * disclosure pages, "发布日期：2020-01-31" lines, and the <title>.
 */
import type { MetadataHints } from '../../common/document.ts';

const compact = (label: string) => label.replace(/[\s\u00a0\u3000]+/g, '').replace(/[：:]$/, '');

/** Labels that make a table or a line page metadata (compared without spaces and colon). */
const METADATA_LABELS = new Set([
  '索引号', '发布机构', '发文机关', '发文单位', '发布单位', '公开日期', '发布日期', '发布时间', '成文日期', '生成日期',
  '公开时间', '文号', '发文字号', '文件编号', '分类', '主题分类', '信息分类', '组配分类', '体裁分类', '服务对象分类',
  '名称', '标题', '信息名称', '文件名称', '关键词', '主题词', '时效', '有效性', '公开方式', '公开范围', '公开形式',
  '公开时限', '信息来源', '来源', '所属机构', '责任部门', '内容概述', '文件下载', '信息索引号', '公开责任部门',
]);
/** Labels of page chrome printed the same way (浏览次数：12): recognized, never kept. */
const CHROME_LABELS = new Set(['浏览次数', '点击数', '点击量', '访问次数', '阅读次数', '字号', '字体', '作者', '编辑', '责任编辑', '打印', '关闭']);

export const isMetadataLabel = (text: string) => METADATA_LABELS.has(compact(text));

/** A table is page metadata when at least two of its cells are metadata labels and it is small. */
export function isMetadataGrid(rows: string[][]): boolean {
  if (rows.length === 0 || rows.length > 12) return false;
  const labels = new Set(rows.flat().filter(isMetadataLabel).map(compact));
  return labels.size >= 2;
}

/** Label → value pairs of a metadata grid: each label cell is followed by its value (merged copies skipped). */
export function readMetadataGrid(rows: string[][], copies: boolean[][]): Record<string, string> {
  const fields: Record<string, string> = {};
  rows.forEach((row, r) => {
    const cells = row.filter((_, c) => !copies[r]?.[c]);
    for (let i = 0; i < cells.length; i++) {
      if (!isMetadataLabel(cells[i])) continue;
      const value = cells[i + 1] ?? '';
      if (value && !isMetadataLabel(value)) {
        fields[compact(cells[i])] = value;
        i++;
      }
    }
  });
  return fields;
}

const LINE_LABEL = new RegExp(`(${[...METADATA_LABELS, ...CHROME_LABELS].map((l) => l.split('').join('\\s*')).join('|')})\\s*[：:]`, 'g');

/**
 * Reads a line made only of "label：value" pairs (发布日期：2020-01-31 来源：… 浏览次数：5).
 * Returns the metadata fields (chrome labels left out), or null when the line is anything else.
 */
export function readMetadataLine(line: string): Record<string, string> | null {
  if (line.length > 160) return null;
  const matches = [...line.matchAll(LINE_LABEL)];
  if (matches.length === 0 || matches[0].index !== 0) return null;
  const fields: Record<string, string> = {};
  let anyMetadata = false;
  matches.forEach((m, i) => {
    const end = i + 1 < matches.length ? matches[i + 1].index : line.length;
    const label = compact(m[1]);
    const value = line.slice(m.index + m[0].length, end).trim();
    if (METADATA_LABELS.has(label)) {
      anyMetadata = true;
      if (value) fields[label] = value;
    }
  });
  return anyMetadata ? fields : null;
}

/** "2024-01-17", "2024年1月17日", "2024/01/17 10:00" → 2024-01-17; anything else → undefined. */
export function isoDate(text: string): string | undefined {
  const m = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A report title: "…2023年政府信息公开（工作）年度报告" and its 年报 variants (a year is required: "政府信息公开年报" alone is a column name). */
export function looksLikeReportTitle(text: string): boolean {
  return (
    text.length <= 120 &&
    /(信息公开|政务公开)/.test(text) &&
    /(年度报告|年报|工作报告)/.test(text) &&
    /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年/.test(text)
  );
}

/** A page title with its site suffix removed ("…年度报告-沭阳县发改局" → "…年度报告"). */
export function reportTitleFrom(pageTitle: string): string | undefined {
  const title = pageTitle.replace(/\s+/g, ' ').trim();
  const parts = title.split(/\s*(?:[-_|｜—–]+|\s-\s)\s*/).map((p) => p.trim());
  const part = parts.find(looksLikeReportTitle);
  return part ? part : undefined;
}

const BODY_LABELS = ['发布机构', '发文机关', '发文单位', '发布单位', '所属机构', '公开责任部门', '责任部门'];
const DATE_LABELS = ['发布日期', '公开日期', '发布时间', '公开时间', '成文日期', '生成日期'];

/** Hints from metadata fields and title candidates (in order of trust). */
export function hintsFrom(fields: Record<string, string>, titleCandidates: string[]): MetadataHints {
  const hints: MetadataHints = { fields };
  for (const candidate of [...titleCandidates, fields['名称'] ?? '', fields['标题'] ?? '', fields['信息名称'] ?? '', fields['文件名称'] ?? '']) {
    const title = reportTitleFrom(candidate);
    if (title) {
      hints.title = title;
      break;
    }
  }
  const body = BODY_LABELS.map((l) => fields[l]).find(Boolean);
  if (body) hints.body = body;
  for (const label of DATE_LABELS) {
    const date = fields[label] ? isoDate(fields[label]) : undefined;
    if (date) {
      hints.publishedAt = date;
      break;
    }
  }
  const year = hints.title ? /((?:19|20)\d{2})\s*年/.exec(hints.title) : null;
  if (year) hints.year = Number(year[1]);
  return hints;
}
