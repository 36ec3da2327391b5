/** table.incomplete parse findings and empty canonical tables. */
import { cellRef, type Cell, type CellRef, type RuleEvaluation, type TableCells } from '../../model.ts';
import type { TableId, TableSpec } from '../../spec.ts';
import { missingCell } from '../cells.ts';

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

/** One finding per spec row that still has missing cells. */
export function missingRowFindings(spec: TableSpec, cells: TableCells, detailOf: (rowId: string) => string): RuleEvaluation[] {
  const out: RuleEvaluation[] = [];
  for (const row of spec.rows) {
    const missing = Object.entries(cells[row.id]).filter(([, c]) => c.state === 'missing' || c.state === 'text');
    if (missing.length === 0) continue;
    const refs = missing.map(([column]) => ({ table: spec.id, row: row.id, column }));
    const notFound = missing.every(([, c]) => c.state === 'missing');
    const what = notFound ? '未能读取' : '有无法识别的内容';
    const whatEn = notFound ? 'could not be read' : 'holds text that is not a number';
    const cellsEn = missing.length === 1 ? '1 cell' : `${missing.length} cells`;
    out.push(incomplete(spec.id, row.id, `${spec.title}：“${row.label}”${what}（${missing.length} 个单元格）`, refs, detailOf(row.id), `${spec.title}: row “${row.label}” ${whatEn} (${cellsEn}).`));
  }
  return out;
}
