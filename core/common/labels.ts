/**
 * Short Chinese names of rows, columns and groups, derived from the official labels of
 * spec.ts, for messages and generated sentences. Pure.
 */
import { APPLICANT_COLUMNS, REVIEW_COLUMNS, type RowSpec } from '../spec.ts';

export const APPLICANT_COLUMN_LABEL: Record<string, string> = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c.id, c.label]));
export const REVIEW_COLUMN_LABEL: Record<string, string> = Object.fromEntries(REVIEW_COLUMNS.map((c) => [c.id, c.label]));

/** The result groups of table 三 in template order: row-id prefix and name. */
export const RESULT_GROUPS = [
  { prefix: 'denied.', name: '不予公开' },
  { prefix: 'unavailable.', name: '无法提供' },
  { prefix: 'notProcessed.', name: '不予处理' },
  { prefix: 'otherHandling.', name: '其他处理' },
] as const;

const APPLICATION_ROW_NAMES: Record<string, string> = {
  received: '新收',
  carriedOver: '上年结转',
  granted: '予以公开',
  partial: '部分公开',
  resultTotal: '办理结果总计',
  carriedForward: '结转下年',
};

/**
 * The sub-row label without its number and without the trailing clause the template
 * repeats: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" → "申请人无正当理由逾期不补正".
 */
export function subRowName(row: RowSpec): string {
  return row.label.replace(/^[（(]?[一二三四五六七]?[）)]?\d*[.．、]?/, '').replace(/、行政机关不再处理其政府信息公开申请$/, '');
}

/** Name of a row of table 三 in a message: "新收", "不予公开·保护第三方合法权益", "其他处理" (2019). */
export function applicationRowName(row: RowSpec): string {
  // Asked for every cell of every rule of every report, of the few spec rows: derived once per row.
  let name = rowNames.get(row);
  if (name === undefined) {
    name = deriveApplicationRowName(row);
    rowNames.set(row, name);
  }
  return name;
}

const rowNames = new WeakMap<RowSpec, string>();

function deriveApplicationRowName(row: RowSpec): string {
  const top = APPLICATION_ROW_NAMES[row.id];
  if (top) return top;
  const group = RESULT_GROUPS.find((g) => row.id.startsWith(g.prefix));
  if (!group) return row.label;
  // 2019 trial: （六）其他处理 is a single row whose label is the group itself.
  if (row.label.includes(group.name)) return group.name;
  return `${group.name}·${subRowName(row)}`;
}

export const REVIEW_GROUP_NAME: Record<string, string> = {
  review: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReview: '行政诉讼（复议后起诉）',
};

export const CHAPTER_ORDINAL: Record<string, string> = {
  overview: '一',
  proactive: '二',
  applications: '三',
  reviewLitigation: '四',
  problems: '五',
  other: '六',
};

/** Name of a row of any statistical table in a message: table 三's short name, else the template label ("行政许可"). */
export function tableRowName(tableId: string, row: RowSpec): string {
  return tableId === 'applications' ? applicationRowName(row) : row.label;
}
