/** Wording shared by the narrative sentences. Pure. */
import { describeMissing, formatNumber, type Operand } from '../common/cells.ts';

/** "67 件", "15781.34 万元", with the cell's annotation and unit note: "379 件（含自然失效29件）". */
export function amount(op: Operand, unit: string): string {
  // The importer's notes may end in an English gloss "(printed in 元 …)": the sentence is Chinese.
  const notes = [op.cell?.annotation, op.cell?.unitNote]
    .filter((n): n is string => !!n)
    .map((n) => n.replace(/\s*\((?=[A-Za-z])[^()]*\)\s*$/, ''));
  return `${formatNumber(op.value ?? 0)} ${unit}${notes.map((n) => `（${n}）`).join('')}`;
}

/** "自然人 134 件", "商业企业未填报". */
export function part(op: Operand, unit = '件'): string {
  return op.value === null ? `${op.label}${describeMissing(op.cell)}` : `${op.label} ${amount(op, unit)}`;
}

/** The parts worth saying: zero parts are omitted, empty cells are said as such. */
export function partsList(ops: Operand[], unit = '件'): string {
  return ops
    .filter((op) => op.value !== 0)
    .map((op) => part(op, unit))
    .join('、');
}

/** "未填报" when every operand is empty in the same way, else null. */
export function sameMissing(ops: Operand[]): string | null {
  const said = new Set(ops.map((op) => (op.value === null ? describeMissing(op.cell) : null)));
  return said.size === 1 && !said.has(null) ? [...said][0] : null;
}

export function allZero(ops: Operand[]): boolean {
  return ops.every((op) => op.value === 0);
}

/** One decimal percentage: 95/138 → "68.8%". */
export function percent(numerator: number, denominator: number): string {
  return `${(Math.round((numerator / denominator) * 1000) / 10).toFixed(1)}%`;
}

/** "上年结转未填报、结转下年无法读取". */
export function missingParts(ops: Operand[]): string {
  return ops
    .filter((op) => op.value === null)
    .map((op) => `${op.label}${describeMissing(op.cell)}`)
    .join('、');
}
