/**
 * Reading cells for the rules and the narrative view. Pure (no Node APIs): the renderer
 * reaches this module through core/narrative.ts.
 */
import { cellRef, type Cell, type CellRef, type ParsedReport } from '../model.ts';
import type { TableId } from '../spec.ts';

export type Tables = ParsedReport['tables'];

/** One operand of a rule: where it sits, how a reader calls it, and what it holds. */
export interface Operand {
  ref: CellRef;
  label: string;
  cell: Cell | undefined;
  value: number | null;
}

export function cellAt(tables: Tables, table: TableId, row: string, column: string): Cell | undefined {
  return tables[table]?.cells[row]?.[column];
}

/** The number of a cell, or null (blank, slash, dash, unreadable, missing). Never a guessed 0. */
export function valueOf(cell: Cell | undefined): number | null {
  return cell && cell.state === 'number' && typeof cell.value === 'number' && Number.isFinite(cell.value) ? cell.value : null;
}

export function operand(tables: Tables, table: TableId, row: string, column: string, label: string): Operand {
  const cell = cellAt(tables, table, row, column);
  return { ref: cellRef(table, row, column), label, cell, value: valueOf(cell) };
}

/** Sum of the operands, or null as soon as one of them has no value. */
export function sumOf(operands: Operand[]): number | null {
  let sum = 0;
  for (const op of operands) {
    if (op.value === null) return null;
    sum += op.value;
  }
  return roundSum(sum);
}

/** Counts are integers; amounts may carry float noise when summed. */
function roundSum(n: number): number {
  return Number.isInteger(n) ? n : Math.round(n * 1e6) / 1e6;
}

/**
 * How an empty cell is described to a reader: a printed blank, "/" or "—" was not filled
 * in; text that is no number, or a cell the importer could not find, could not be read.
 */
export function describeMissing(cell: Cell | undefined): string {
  if (!cell) return '无法读取';
  switch (cell.state) {
    case 'blank':
    case 'slash':
    case 'dash':
      return '未填报';
    case 'text':
      // Digits that are no one number ("150 000015": figures run together) are said to be figures, quoted.
      if (cell.raw && /\d/.test(cell.raw)) return `无法读取的数字（原文“${cell.raw}”）`;
      return cell.raw ? `无法读取（原文“${cell.raw}”）` : '无法读取';
    default:
      return '无法读取';
  }
}

export function formatNumber(n: number): string {
  return String(n);
}

/** "予以公开 67" or "予以公开 未填报". */
export function termText(op: Operand): string {
  return `${op.label} ${op.value === null ? describeMissing(op.cell) : formatNumber(op.value)}`;
}

/** "予以公开 67 + 部分公开 28 = 95", or without "= …" when a term is missing. */
export function sumText(operands: Operand[]): string {
  const terms = operands.map(termText).join(' + ');
  const sum = sumOf(operands);
  return operands.length > 1 && sum !== null ? `${terms} = ${formatNumber(sum)}` : terms;
}

/**
 * The labels of the operands that have no value: "上年结转（未填报）、结转下年（无法读取）";
 * beyond a few, the count: "予以公开（未填报）、部分公开（未填报）、… 等 19 个单元格".
 */
export function missingText(operands: Operand[], listed = 4): string {
  const missing = operands.filter((op) => op.value === null);
  const names = missing.slice(0, listed).map((op) => `${op.label}（${flattened(describeMissing(op.cell), '，')}）`);
  return missing.length > listed ? `${names.join('、')}等 ${missing.length} 个单元格` : names.join('、');
}

/** "无法读取的数字（原文“x”）" inside parentheses: "无法读取的数字，原文“x”", never parentheses in parentheses. */
function flattened(description: string, comma: string): string {
  return description.replace(/\s*[（(]([^（()）]*)[）)]$/, `${comma}$1`);
}

export function hasMissing(operands: Operand[]): boolean {
  return operands.some((op) => op.value === null);
}

// ---- the same sentences in English (the template's labels stay Chinese, quoted) ----

/** describeMissing in English: "not filled in" / "unreadable (printed “150 000015”)". */
export function describeMissingEn(cell: Cell | undefined): string {
  if (cell && (cell.state === 'blank' || cell.state === 'slash' || cell.state === 'dash')) return 'not filled in';
  if (cell && cell.state === 'text' && cell.raw) return `${/\d/.test(cell.raw) ? 'unreadable figures' : 'unreadable'} (printed “${cell.raw}”)`;
  return 'unreadable';
}

export function termTextEn(op: Operand): string {
  return `“${op.label}” ${op.value === null ? describeMissingEn(op.cell) : formatNumber(op.value)}`;
}

export function sumTextEn(operands: Operand[]): string {
  const terms = operands.map(termTextEn).join(' + ');
  const sum = sumOf(operands);
  return operands.length > 1 && sum !== null ? `${terms} = ${formatNumber(sum)}` : terms;
}

export function missingTextEn(operands: Operand[], listed = 4): string {
  const missing = operands.filter((op) => op.value === null);
  const names = missing.slice(0, listed).map((op) => `“${op.label}” (${flattened(describeMissingEn(op.cell), ', ')})`);
  const more = missing.length - listed;
  return more > 0 ? `${names.join(', ')} and ${more} more ${more === 1 ? 'cell' : 'cells'}` : names.join(', ');
}

/** "“上年结转” (not filled in) has no value" / "“A” (…), “B” (…) have no value": the verb agrees with the list. */
export function noValueEn(operands: Operand[]): string {
  const count = operands.filter((op) => op.value === null).length;
  return `${missingTextEn(operands)} ${count === 1 ? 'has' : 'have'} no value`;
}
