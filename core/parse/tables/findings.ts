/** table.incomplete parse findings and empty canonical tables. */
import { cellRef, type Cell, type CellRef, type RuleEvaluation, type TableCells } from '../../model.ts';
import type { TableId, TableSpec } from '../../spec.ts';
import { missingCell } from '../cells.ts';
import { tableRowName } from '../../common/labels.ts';

/** Every spec row × column, all 'missing' until the mapper fills them. */
export function emptyCells(spec: TableSpec): TableCells {
  const cells: TableCells = {};
  for (const row of spec.rows) {
    const rowCells: Record<string, Cell> = {};
    for (const c of row.columns) rowCells[c.id] = missingCell();
    cells[row.id] = rowCells;
  }
  return cells;
}

export function incomplete(table: TableId, scope: string, message: string, cells: CellRef[], detail: string, messageEn?: string): RuleEvaluation {
  const finding: RuleEvaluation = {
    rule: 'table.incomplete',
    key: `table.incomplete:${table}:${scope}`,
    status: 'fail',
    severity: 'warning',
    message,
    cells,
    detail,
  };
  if (messageEn) finding.messageEn = messageEn;
  return finding;
}

export const refsOf = (table: TableId, row: string, cols: Record<string, Cell>): CellRef[] =>
  Object.keys(cols).map((column) => cellRef(table, row, column));

/**
 * The figures a raw row printed (its cells after the label, digits only): "一、本年新收…\t150\t000015"
 * → "150 000015". Empty when the detail is no printed row ("未找到该行") or the row printed no figure.
 */
export function printedFigures(rawRow: string): string {
  if (!rawRow.includes('\t')) return '';
  return rawRow
    .split('\t')
    .slice(1)
    .map((c) => c.trim())
    .filter((c) => /^[\d\s.,，．\-−]+$/.test(c) && /\d/.test(c))
    .join(' ');
}

const cellCountEn = (n: number) => (n === 1 ? '1 cell has' : `${n} cells have`);

/**
 * One finding per spec row that still has missing cells, naming the row as a reader calls it
 * ("新收", not "一、本年新收政府信息公开申请数量") and quoting what the report printed where it
 * printed figures the parser could not place (a digit run like "150 000015" is explained, never shown bare).
 */
export function missingRowFindings(spec: TableSpec, cells: TableCells, detailOf: (rowId: string) => string): RuleEvaluation[] {
  const out: RuleEvaluation[] = [];
  for (const row of spec.rows) {
    const missing = Object.entries(cells[row.id]).filter(([, c]) => c.state === 'missing' || c.state === 'text');
    if (missing.length === 0) continue;
    const refs = missing.map(([column]) => ({ table: spec.id, row: row.id, column }));
    const detail = detailOf(row.id);
    const name = tableRowName(spec.id, row);
    const n = missing.length;
    const texts = missing.map(([, c]) => c).filter((c) => c.state === 'text' && c.raw).map((c) => c.raw);
    const figures = printedFigures(detail);
    let message: string;
    let messageEn: string;
    if (texts.length > 0) {
      const quoted = texts.map((t) => `“${t}”`);
      message = `${spec.title}：“${name}”行有无法识别为数字的内容（原文${quoted.join('、')}），${n} 个单元格没有数值。`;
      messageEn = `${spec.title}: row “${name}” holds text that is not a number (printed ${quoted.join(', ')}); ${cellCountEn(n)} no value.`;
    } else if (figures) {
      message = `${spec.title}：“${name}”行印有无法读取的数字（原文“${figures}”），无法分到各列，${n} 个单元格没有数值。`;
      messageEn = `${spec.title}: row “${name}” prints figures that cannot be read (printed “${figures}”) and cannot be placed in the columns; ${cellCountEn(n)} no value.`;
    } else if (detail.includes('\t') || !detail.startsWith('未找到')) {
      message = `${spec.title}：“${name}”行未能读取，${n} 个单元格没有数值。`;
      messageEn = `${spec.title}: row “${name}” could not be read; ${cellCountEn(n)} no value.`;
    } else {
      message = `${spec.title}：未找到“${name}”行，${n} 个单元格没有数值。`;
      messageEn = `${spec.title}: row “${name}” was not found; ${cellCountEn(n)} no value.`;
    }
    out.push(incomplete(spec.id, row.id, message, refs, detail, messageEn));
  }
  return out;
}
