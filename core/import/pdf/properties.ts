/**
 * A PDF's document properties → metadata hints. WPS and Word write the title the author typed
 * (often just the template's "政府信息公开工作年度报告", or "Microsoft Word - 年报.docx") and the
 * date the file was made, which is close to the publication date when nothing else says it.
 */
import { FILE_CREATED_FIELD, type MetadataHints } from '../../common/document.ts';
import { foldWidth } from '../../common/text.ts';
import type { PdfProperties } from './extract.ts';

/** "D:20240120093000+08'00'" or "2024-01-20T09:30:00+08:00" → "2024-01-20". */
export function propertyDate(value: string | undefined): string | null {
  const m = value ? /^(?:D:)?(\d{4})-?(\d{2})-?(\d{2})/.exec(value.trim()) : null;
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** The template's words without a body or a year: names no particular report. */
const GENERIC_TITLE = /^(?:关于)?(?:本年度|年度)?的?(?:政府)?(?:信息公开|政务公开)(?:工作)?年度?报告$/;

/**
 * The title property when it names a particular report (a body or a year besides the template's
 * words); null for a generic or unrelated one ("政府信息公开工作年度报告", "文档1").
 */
export function specificTitle(value: string | undefined): string | null {
  if (!value) return null;
  // "Microsoft Word - 松岭县2022年报.docx": the program's prefix and the file's extension are no title.
  const title = foldWidth(value)
    .replace(/^Microsoft\s+Word\s*-\s*/i, '')
    .replace(/\.(?:docx?|wps|pdf)$/i, '')
    .trim();
  const compact = title.replace(/\s+/g, '');
  if (!/年度?报告/.test(compact) || !/信息公开|政务公开/.test(compact)) return null;
  return GENERIC_TITLE.test(compact) ? null : title;
}

export function propertyHints(properties: PdfProperties): MetadataHints {
  const hints: MetadataHints = { fields: {} };
  const title = specificTitle(properties.title);
  if (title) hints.title = title;
  const created = propertyDate(properties.created) ?? propertyDate(properties.modified);
  if (created) hints.fields[FILE_CREATED_FIELD] = created;
  return hints;
}
