/** Sentences for table 四 (政府信息公开行政复议、行政诉讼情况). */
import { describeMissing, formatNumber, operand, type Tables } from '../common/cells.ts';
import { REVIEW_COLUMN_LABEL } from '../common/labels.ts';
import { amount, missingParts, partsList, percent } from './text.ts';

const T = 'reviewLitigation';
const PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

const GROUPS = [
  { id: 'review', name: '行政复议' },
  { id: 'litigationDirect', name: '未经复议直接起诉的行政诉讼' },
  { id: 'litigationAfterReview', name: '复议后起诉的行政诉讼' },
] as const;

/**
 * ", 纠正率 20.0%" for a group (or for the litigation groups together). When every case is still
 * pending there is no result to correct: the rate cannot be computed (not "纠正率 0.0%").
 */
function correctionRate(corrected: number | null, total: number | null, pending: number | null = null): string | null {
  if (total === null || total === 0 || corrected === null) return null;
  if (pending !== null && pending >= total) return `纠正率无法计算（${formatNumber(total)} 件均尚未审结）`;
  return `纠正率 ${percent(corrected, total)}`;
}

function groupSentence(tables: Tables, group: (typeof GROUPS)[number]): string {
  const total = operand(tables, T, group.id, 'total', group.name);
  const parts = PARTS.map((c) => operand(tables, T, group.id, c, REVIEW_COLUMN_LABEL[c]));
  const cells = [total, ...parts];
  if (cells.every((op) => op.value === null)) return `${group.name}：${describeMissing(total.cell)}。`;
  if (cells.every((op) => op.value === 0)) return `无${group.name}案件。`;
  const head = total.value === null ? `${group.name}总计${describeMissing(total.cell)}` : `${group.name} ${amount(total, '件')}`;
  const list = partsList(parts);
  const rate = group.id === 'review' ? correctionRate(parts[1].value, total.value, parts[3].value) : null;
  return `${[head + (list ? `，其中${list}` : ''), rate].filter(Boolean).join('，')}。`;
}

/** 行政诉讼 纠正率 over both litigation groups. */
function litigationRateSentence(tables: Tables): string | null {
  const ops = [
    operand(tables, T, 'litigationDirect', 'corrected', '未经复议直接起诉的结果纠正'),
    operand(tables, T, 'litigationAfterReview', 'corrected', '复议后起诉的结果纠正'),
    operand(tables, T, 'litigationDirect', 'total', '未经复议直接起诉的总计'),
    operand(tables, T, 'litigationAfterReview', 'total', '复议后起诉的总计'),
  ];
  // When nothing of the litigation groups could be read, their sentences have said so already.
  if (ops.every((op) => op.value === null)) return null;
  if (ops.some((op) => op.value === null)) return `行政诉讼纠正率无法计算：${missingParts(ops)}。`;
  const [c1, c2, t1, t2] = ops.map((op) => op.value as number);
  const pending = ['litigationDirect', 'litigationAfterReview'].map((g) => operand(tables, T, g, 'pending', '').value);
  const rate = correctionRate(c1 + c2, t1 + t2, pending.every((p) => p !== null) ? (pending[0] as number) + (pending[1] as number) : null);
  return rate ? `行政诉讼共 ${formatNumber(t1 + t2)} 件，结果纠正 ${formatNumber(c1 + c2)} 件，${rate}。` : null;
}

export function narrateReviewLitigation(tables: Tables): string[] {
  const sentences = GROUPS.map((g) => groupSentence(tables, g));
  const rate = litigationRateSentence(tables);
  if (rate) sentences.push(rate);
  return sentences;
}
