/**
 * The columns of a dataset export: a few columns about the report, then every canonical cell.
 * Two header rows: the Chinese labels, then the ids scripts rely on (`id`, `bodyId`, `body`,
 * `year`, …, `applications.received.total`, …). Pure.
 */
import type { CatalogueEntry, Finding } from '../model.ts';
import { CELL_COLUMNS } from '../compare/cells.ts';

export interface DatasetRow {
  entry: CatalogueEntry;
  cells: Record<string, number | null>;
}

export interface DatasetFinding extends Finding {
  reportId: string;
  body: string;
  year: number | null;
}

/** Columns about the report itself, by id, with their Chinese label. */
export const META_COLUMNS: { id: keyof CatalogueEntry; label: string }[] = [
  { id: 'id', label: '编号' },
  { id: 'bodyId', label: '机关（规范名）' },
  { id: 'body', label: '发布机关（原文）' },
  { id: 'year', label: '年度' },
  { id: 'title', label: '标题' },
  { id: 'format', label: '模板' },
  { id: 'version', label: '版本' },
  { id: 'latest', label: '最新版本' },
  { id: 'findings', label: '问题数' },
  { id: 'errors', label: '错误数' },
  { id: 'fileName', label: '文件名' },
];

export const HEADER_LABELS: string[] = [...META_COLUMNS.map((c) => c.label), ...CELL_COLUMNS.map((c) => c.label)];
export const HEADER_IDS: string[] = [...META_COLUMNS.map((c) => c.id as string), ...CELL_COLUMNS.map((c) => c.id)];

/** One row's values in column order: numbers stay numbers, an unknown cell is null (written empty). */
export function rowValues(row: DatasetRow): (string | number | boolean | null)[] {
  return [...META_COLUMNS.map((c) => row.entry[c.id] as string | number | boolean | null), ...CELL_COLUMNS.map((c) => row.cells[c.id] ?? null)];
}

export const FINDING_LABELS = ['报告编号', '发布机关', '年度', '规则', '级别', '问题键', '说明', '相关报告', '已忽略'];
export const FINDING_IDS = ['reportId', 'body', 'year', 'rule', 'severity', 'key', 'message', 'relatedReportId', 'dismissed'];

export function findingValues(f: DatasetFinding): (string | number | null)[] {
  return [f.reportId, f.body, f.year, f.rule, f.severity, f.key, f.message, f.relatedReportId ?? null, f.dismissed ? f.dismissed.reason : null];
}
