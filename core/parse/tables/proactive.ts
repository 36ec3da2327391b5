/**
 * Table 二 (proactive): small tables (one per 第二十条 item) whose header rows name the
 * columns. Rows by label, columns by the nearest header's labels, else the template order
 * when the count matches.
 */
import type { RuleEvaluation, StatTable } from '../../model.ts';
import type { TableBlock } from '../../common/document.ts';
import type { ColumnSpec, TableSpec } from '../../spec.ts';
import { cellState, parseCell } from '../cells.ts';
import { labelCore, normalizeLabel } from '../normalize.ts';
import { emptyCells, missingRowFindings } from './findings.ts';
import { candidatesOf, nearestRow } from './nearestLabel.ts';
import { gridRows, normalizedTableText, labelEnd, rawLine, rowLabels, valueSlots, type GridRow } from './grid.ts';

const ROW_RULES: [string, RegExp][] = [
  ['regulations', /^规章$/],
  ['normativeDocuments', /规范性文件/],
  ['otherServices', /其他对外管理服务/],
  ['licensing', /行政许可/],
  ['penalty', /行政处罚/],
  ['enforcement', /行政强制/],
  ['fees', /行政事业性收费|事业性收费/],
  ['procurement', /集中采购/],
];

const COLUMN_RULES: [string, RegExp][] = [
  ['issued', /制发/],
  ['repealed', /废止/],
  ['inForce', /现行有效/],
  ['made', /新制作/],
  ['published', /新公开/],
  ['publicTotal', /对外公开总/],
  ['lastYearItems', /上一?年.*项目/],
  ['change', /增.?减/],
  ['items', /采购项目/],
  ['amountWan', /金额/],
  ['decisions', /处理决定/],
];

const HEADER = /信息内容|制发件数|废止件数|现行有效|处理决定数量|收费金额|新制作|新公开|对外公开总|上一?年项目|增\/?减|采购项目数量|采购总金额/;

export function looksLikeProactive(blocks: TableBlock[]): boolean {
  const text = normalizedTableText(blocks);
  return /第二十条|规范性文件|行政许可|行政处罚/.test(text) && /信息内容|制发|新制作|处理决定/.test(text);
}

const columnIdOf = (label: string): string | null => COLUMN_RULES.find(([, re]) => re.test(normalizeLabel(label)))?.[0] ?? null;

/** Header column labels of a header row (merged copies dropped, 信息内容 skipped). */
function headerColumns(row: GridRow): (string | null)[] {
  return row.cells
    .filter((c, i) => !row.copies[i] && normalizeLabel(c) !== '' && !/信息内容/.test(normalizeLabel(c)))
    .map(columnIdOf);
}

export interface ProactiveResult {
  table: StatTable;
  findings: RuleEvaluation[];
  matchedRows: number;
}

export function mapProactive(blocks: TableBlock[], spec: TableSpec): ProactiveResult {
  const rows = gridRows(blocks);
  const cells = emptyCells(spec);
  const rawByRow = new Map<string, string>();
  let header: (string | null)[] = [];
  let matched = 0;
  const printedLabels: Record<string, string> = {};
  /** Template index of the last row matched: the next row in the template's order breaks ties between near labels. */
  let lastRowIndex = -1;

  for (const row of rows) {
    const labelsText = row.cells.map(normalizeLabel).join('|');
    if (/第二十条/.test(labelsText) && !row.cells.some((c) => cellState(c) === 'number')) continue;
    if (HEADER.test(labelsText) && !row.cells.some((c) => cellState(c) === 'number')) {
      header = headerColumns(row);
      continue;
    }
    const end = labelEnd(row.cells);
    if (end < 0) continue;
    const printed = rowLabels(row, end).join('');
    const label = labelCore(printed);
    let rowId = ROW_RULES.find(([, re]) => re.test(label))?.[0];
    // A typo or a missing character: the nearest template row, recorded as printed.
    const nearest = rowId ? null : nearestRow(printed, candidatesOf(spec.rows), spec.rows[lastRowIndex + 1]?.id);
    rowId ??= nearest ?? undefined;
    const rowSpec = spec.rows.find((r) => r.id === rowId);
    if (!rowSpec || rawByRow.has(rowSpec.id)) continue;
    if (nearest) printedLabels[rowSpec.id] = printed;
    lastRowIndex = spec.rows.indexOf(rowSpec);
    rawByRow.set(rowSpec.id, rawLine(row));
    const columns = placeColumns(rowSpec.columns, header);
    const values = valueSlots(row, end, rowSpec.columns.length);
    if (!values) continue;
    matched++;
    columns.forEach((col, i) => {
      cells[rowSpec.id][col.id] = parseCell(values[i], col);
    });
  }
  const findings = missingRowFindings(spec, cells, (rowId) => rawByRow.get(rowId) ?? '未找到该行');
  const table: StatTable = { id: 'proactive', cells, rawRows: rows.map((r) => r.cells) };
  if (Object.keys(printedLabels).length > 0) table.printedLabels = printedLabels;
  return { table, findings, matchedRows: matched };
}

/** The row's columns in the order the header printed them, or the template order when the header is unreadable. */
function placeColumns(columns: ColumnSpec[], header: (string | null)[]): ColumnSpec[] {
  if (header.length !== columns.length) return columns;
  const ordered = header.map((id) => columns.find((c) => c.id === id));
  if (ordered.some((c) => !c) || new Set(ordered).size !== columns.length) return columns;
  return ordered as ColumnSpec[];
}
