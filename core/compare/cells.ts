/**
 * Every canonical cell id of the statistical tables (`applications.received.total`, …) in template
 * order, with a Chinese label for headers, and a report's values by those ids. The union of the
 * 2021 and 2019 templates, so one dataset column list fits every report. Pure.
 */
import { APPLICATIONS_2019, APPLICATIONS_2021, PROACTIVE_2019, PROACTIVE_2021, REVIEW_LITIGATION, type TableId, type TableSpec } from '../spec.ts';
import type { ParsedReport } from '../model.ts';
import { valueOf } from '../common/cells.ts';
import { applicationRowName } from '../common/labels.ts';

export interface CellColumn {
  /** `table.row.column`, e.g. applications.received.total. */
  id: string;
  table: TableId;
  row: string;
  column: string;
  /** 三·新收·总计 */
  label: string;
}

const TABLE_ORDINAL: Record<TableId, string> = { proactive: '二', applications: '三', reviewLitigation: '四' };

function rowLabel(spec: TableSpec, rowId: string): string {
  const row = spec.rows.find((r) => r.id === rowId)!;
  if (spec.id === 'applications') return applicationRowName(row);
  return row.label.replace('／', '·');
}

function buildColumns(): CellColumn[] {
  const seen = new Set<string>();
  const out: CellColumn[] = [];
  for (const spec of [PROACTIVE_2021, PROACTIVE_2019, APPLICATIONS_2021, APPLICATIONS_2019, REVIEW_LITIGATION]) {
    for (const row of spec.rows) {
      for (const col of row.columns) {
        const id = `${spec.id}.${row.id}.${col.id}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ id, table: spec.id, row: row.id, column: col.id, label: `${TABLE_ORDINAL[spec.id]}·${rowLabel(spec, row.id)}·${col.label}` });
      }
    }
  }
  // Table order 二 三 四, template order within each table.
  const rank: Record<TableId, number> = { proactive: 0, applications: 1, reviewLitigation: 2 };
  return out.map((c, i) => ({ c, i })).sort((x, y) => rank[x.c.table] - rank[y.c.table] || x.i - y.i).map((x) => x.c);
}

export const CELL_COLUMNS: readonly CellColumn[] = buildColumns();
export const CELL_IDS: readonly string[] = CELL_COLUMNS.map((c) => c.id);

/** A report's value of every canonical cell id: a number, or null (blank, slash, unreadable, absent). Never 0 for unknown. */
export function cellValues(report: Pick<ParsedReport, 'tables'>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const c of CELL_COLUMNS) out[c.id] = valueOf(report.tables[c.table]?.cells[c.row]?.[c.column]);
  return out;
}
