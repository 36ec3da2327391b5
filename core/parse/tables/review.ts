/**
 * Table 四 (reviewLitigation). Its headers are often flattened beyond use ("结 果 维 持"),
 * so they only locate the table and the order of the two litigation groups. Values come
 * from a 15-slot grid row, from labelled rows, or from a flat run of numbers split in
 * groups of five and placed only where the evidence allows.
 */
import type { RuleEvaluation, StatTable } from '../../model.ts';
import type { TableBlock } from '../../common/document.ts';
import { REVIEW_COLUMNS, REVIEW_LITIGATION } from '../../spec.ts';
import { cellState, parseCell } from '../cells.ts';
import { normalizeLabel } from '../normalize.ts';
import { emptyCells, incomplete, refsOf } from './findings.ts';
import { gridRows, normalizedTableText, isBlankCell, labelEnd, rawLine, rowLabels, valueSlots, type GridRow } from './grid.ts';

type GroupId = 'review' | 'litigationDirect' | 'litigationAfterReview';
const GROUP_IDS: GroupId[] = ['review', 'litigationDirect', 'litigationAfterReview'];
const GROUP_LABELS: Record<GroupId, string> = { review: '行政复议', litigationDirect: '行政诉讼（未经复议直接起诉）', litigationAfterReview: '行政诉讼（复议后起诉）' };

export function looksLikeReview(blocks: TableBlock[]): boolean {
  const text = normalizedTableText(blocks);
  return /行政复议/.test(text) && /行政诉讼|复议后起诉|直接起诉/.test(text);
}

/** "行政复议 5 件" in the narrative. */
export function narrativeReviewTotal(paragraphs: string[]): number | null {
  for (const p of paragraphs) {
    const m = /行政复议(?:案件)?(?:共)?\s*([0-9０-９]+)\s*[件起宗次个]/.exec(p);
    if (m) return Number(m[1].replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  }
  return null;
}

/** Order of the litigation groups in the header (复议后起诉 printed first is rare but possible). */
function litigationOrder(header: GridRow[]): GroupId[] {
  for (const row of header) {
    const labels = row.cells.map(normalizeLabel);
    const direct = labels.findIndex((l) => /未经复议|直接起诉/.test(l));
    const after = labels.findIndex((l) => /复议后/.test(l));
    if (direct >= 0 && after >= 0 && after < direct) return ['review', 'litigationAfterReview', 'litigationDirect'];
  }
  return GROUP_IDS;
}

function groupOf(label: string): GroupId | null {
  if (/未经复议|直接起诉/.test(label)) return 'litigationDirect';
  if (/复议后/.test(label)) return 'litigationAfterReview';
  if (/^行政复议$|^\(?一\)?行政复议$/.test(label)) return 'review';
  return null;
}

/** Four parts summing to the fifth: the shape of one group. */
function sumsToTotal(values: string[]): boolean {
  const n = values.map((v) => parseCell(v).value);
  if (n.some((v) => v === null)) return false;
  return (n[0] as number) + (n[1] as number) + (n[2] as number) + (n[3] as number) === n[4];
}

export interface ReviewResult {
  table: StatTable;
  findings: RuleEvaluation[];
  matchedGroups: number;
}

export function mapReview(blocks: TableBlock[], narrativeReview: number | null): ReviewResult {
  const rows = gridRows(blocks);
  const cells = emptyCells(REVIEW_LITIGATION);
  const placed = new Map<GroupId, string[]>();
  const header: GridRow[] = [];
  const rawValues: string[] = [];
  const notes: string[] = [];
  const pending: string[] = [];

  for (const row of rows) {
    const hasNumber = row.cells.some((c) => cellState(c) === 'number');
    const end = labelEnd(row.cells);
    if (!hasNumber) {
      header.push(row);
      continue;
    }
    const labels = end >= 0 ? rowLabels(row, end) : [];
    const group = labels.map(groupOf).find((g) => g !== null) ?? null;
    if (group && end >= 0) {
      // A transposed layout: one labelled row per group.
      const values = valueSlots(row, end, 5);
      if (values && !placed.has(group)) placed.set(group, values);
      else rawValues.push(rawLine(row));
      continue;
    }
    const slots = row.cells.slice(end + 1);
    rawValues.push(rawLine(row));
    if (row.grid) {
      const order = litigationOrder(header);
      const kept = slots.filter((_, i) => !row.copies[end + 1 + i]);
      const grid15 = slots.length === 15 ? slots : kept.length === 15 ? kept : null;
      if (grid15) {
        order.forEach((g, i) => placed.set(g, grid15.slice(i * 5, i * 5 + 5)));
        continue;
      }
    }
    // Text rows (PDF extraction): the printed numbers in reading order, decided below.
    pending.push(...slots.filter((c) => !isBlankCell(c)));
  }

  if (pending.length > 0) {
    const order = litigationOrder(header);
    if (pending.length === 15) {
      order.forEach((g, i) => placed.set(g, pending.slice(i * 5, i * 5 + 5)));
    } else if (pending.length === 10 || pending.length === 5) {
      // Fewer than 15 numbers: only the first group can be placed, and only when it has the
      // shape of a group and the narrative's 行政复议 figure confirms it.
      const first = pending.slice(0, 5);
      if (sumsToTotal(first) && narrativeReview !== null && parseCell(first[4]).value === narrativeReview) {
        placed.set('review', first);
        if (pending.length === 10) notes.push(`第二组数字（${pending.slice(5).join(' ')}）无法确定属于哪一类行政诉讼`);
      } else {
        notes.push(`${pending.length} 个数字无法与行政复议对应（叙述中行政复议 ${narrativeReview ?? '未提及'} 件）`);
      }
    } else {
      notes.push(`印有 ${pending.length} 个数字，应为 15 个`);
    }
  }

  for (const [group, values] of placed) {
    REVIEW_COLUMNS.forEach((col, i) => {
      cells[group][col.id] = parseCell(values[i], col);
    });
  }
  const detail = [rawValues.join(' / '), ...notes].filter(Boolean).join('；') || '未找到该表的数字';
  const findings: RuleEvaluation[] = [];
  for (const group of GROUP_IDS) {
    const missing = Object.entries(cells[group]).filter(([, c]) => c.state === 'missing' || c.state === 'text');
    if (missing.length === 0) continue;
    findings.push(
      incomplete(
        'reviewLitigation',
        group,
        `${REVIEW_LITIGATION.title}：“${GROUP_LABELS[group]}”一组未能读取，${missing.length} 个单元格没有数值。`,
        refsOf('reviewLitigation', group, Object.fromEntries(missing)),
        detail,
        `${REVIEW_LITIGATION.title}: group “${GROUP_LABELS[group]}” could not be read; ${missing.length === 1 ? '1 cell has' : `${missing.length} cells have`} no value.`,
      ),
    );
  }
  return { table: { id: 'reviewLitigation', cells, rawRows: rows.map((r) => r.cells) }, findings, matchedGroups: placed.size };
}
