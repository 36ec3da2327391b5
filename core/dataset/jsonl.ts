/** JSON Lines for programs: one object per report, the meta columns plus `cells` by canonical id (null = unknown). Pure. */
import { META_COLUMNS, type DatasetRow } from './columns.ts';

export function jsonLine(row: DatasetRow): string {
  const meta = Object.fromEntries(META_COLUMNS.map((c) => [c.id, row.entry[c.id]]));
  return `${JSON.stringify({ ...meta, cells: row.cells })}\n`;
}
