/** Text normalization shared by label matching, metadata and cell parsing. */
import { memoized } from '../common/memo.ts';
import { normalizeLabelText } from './label-text.ts';

/**
 * Normalizes a table label for matching: all whitespace removed, full width folded,
 * quote and bracket variants unified, 〔〕【】 → (), Chinese/ASCII dots unified.
 */
export function normalizeLabel(text: string): string {
  return normalizeLabelMemo(text);
}

const normalizeLabelMemo = memoized(normalizeLabelText);

/** A label without its numbering ("（三）", "1.", "一、") and without punctuation: the part to compare. */
export function labelCore(text: string): string {
  return labelCoreMemo(text);
}

const labelCoreMemo = memoized((text: string): string =>
  normalizeLabel(text)
    .replace(/^(\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+[、.]|\d+[、.,]?)+/, '')
    .replace(/["'、,，;；:：()（）.\-—/]/g, ''),
);

const CJK = /[\u3400-\u9fff]/;
export const hasCjk = (text: string): boolean => CJK.test(text);

/** Chinese numerals 一…十九 → number (for chapter headings). */
export function chineseNumeral(text: string): number | null {
  const digits: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (text === '十') return 10;
  const m = /^(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?$/.exec(text);
  if (!m || text.length === 0) return null;
  const tens = m[2] ? (m[1] ? digits[m[1]] : 1) : 0;
  const ones = m[3] ? digits[m[3]] : 0;
  return tens * 10 + ones || null;
}
