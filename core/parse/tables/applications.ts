/**
 * Table 三 (applications) from one or more table blocks: rows by their normalized labels
 * within the group context (（三）不予公开 … decide what "1." means), columns by header
 * positions in true grids, else the template's seven-column order.
 */
import type { Cell, RuleEvaluation, StatTable } from '../../model.ts';
import type { TableBlock } from '../../common/document.ts';
import { APPLICANT_COLUMNS, type TableSpec } from '../../spec.ts';
import { cellState, parseCell } from '../cells.ts';
import { labelCore, normalizeLabel } from '../normalize.ts';
import { emptyCells, missingRowFindings } from './findings.ts';
import { candidatesOf, nearestRow, type LabelCandidate } from './nearestLabel.ts';
import { gridRows, normalizedTableText, labelEnd, rawLine, rowLabels, valueSlots, type GridRow } from './grid.ts';

type Group = 'denied' | 'unavailable' | 'notProcessed' | 'otherHandling';

const GROUPS: [Group, RegExp][] = [
  ['denied', /不予公开/],
  ['unavailable', /无法提供/],
  ['notProcessed', /不予处理/],
  ['otherHandling', /其他处理/],
];

/** Label keywords of each row: unique wording first, so a label that lost its group cell still maps. */
const ROW_RULES: [string, RegExp][] = [
  ['received', /本年新收/],
  ['carriedForward', /结转下年|下年度继续/],
  ['carriedOver', /上年结转/],
  ['partial', /部分公开/],
  ['denied.stateSecret', /国家秘密/],
  ['denied.lawForbidden', /法律.*法规.*禁止|禁止公开/],
  ['denied.securityStability', /三安全一稳定|危及/],
  ['denied.thirdParty', /第三方/],
  ['denied.internalAffairs', /内部事务/],
  ['denied.processInfo', /过程性/],
  ['denied.enforcementFiles', /执法案卷/],
  ['denied.queryMatters', /查询事项/],
  ['unavailable.notHeld', /不掌握/],
  ['unavailable.needsCreation', /另行制作|没有现成/],
  ['unavailable.unclear', /不明确/],
  ['notProcessed.complaint', /信访|举报投诉/],
  ['notProcessed.duplicate', /重复申请/],
  ['notProcessed.publication', /出版物/],
  ['notProcessed.massRepeated', /大量反复/],
  ['notProcessed.confirmation', /确认|重新出具/],
  ['otherHandling.noCorrection', /不补正/],
  ['otherHandling.noFee', /缴纳费用|收费通知/],
  ['granted', /^予以公开/],
];

const HEADER = /自然人|商业企业|科研机构|社会公益组织|法律服务机构|申请人情况|法人或其他组织|勾稽关系/;

/** True when the blocks look like table 三. */
export function looksLikeApplications(blocks: TableBlock[]): boolean {
  const text = normalizedTableText(blocks);
  return /本年新收|上年结转|予以公开|不予公开|自然人/.test(text);
}

/** The label without a group or section heading printed in the same cell ("（三）不予公开1.属于国家秘密"). */
function withoutContext(label: string): string {
  return labelCore(normalizeLabel(label).replace(/^.*?(本年度办理结果|不予公开|无法提供|不予处理|其他处理)/, ''));
}

interface RowMatch {
  id: string;
  /** True when the label differed from the template's and was matched by its nearness. */
  differed: boolean;
}

const candidateCache = new WeakMap<TableSpec, { all: LabelCandidate[]; byGroup: Map<string, LabelCandidate[]> }>();
function candidates(spec: TableSpec) {
  let c = candidateCache.get(spec);
  if (!c) {
    const byGroup = new Map<string, LabelCandidate[]>();
    for (const row of spec.rows) {
      const group = row.id.includes('.') ? row.id.split('.')[0] : '';
      byGroup.set(group, [...(byGroup.get(group) ?? []), ...candidatesOf([row])]);
    }
    c = { all: candidatesOf(spec.rows), byGroup };
    candidateCache.set(spec, c);
  }
  return c;
}

/** The template label of a row without its group, numbering and punctuation, as withoutContext makes of a printed one. */
function templateCore(spec: TableSpec, id: string): string {
  const row = spec.rows.find((r) => r.id === id);
  return row ? withoutContext(row.label) : '';
}

function matchRow(label: string, group: Group | null, spec: TableSpec, expected?: string): RowMatch | null {
  const core = withoutContext(label);
  if (core === '') return null;
  // Characters of a neighbouring cell (a group label printed vertically) may precede the label: only a label that lacks
  // part of the template's wording differed.
  for (const [id, re] of ROW_RULES) if (re.test(core)) return { id, differed: !core.includes(templateCore(spec, id)) };
  if (/^总计$|^合计$/.test(core)) return { id: 'resultTotal', differed: false };
  if (group === 'otherHandling' && /^其他$/.test(core) && spec.rows.some((r) => r.id === 'otherHandling.other')) return { id: 'otherHandling.other', differed: false };
  if (/^小计$/.test(core)) return null;
  // A typo or a missing character: the nearest template row, among the group's rows first.
  const printed = normalizeLabel(label).replace(/^.*?(本年度办理结果|不予公开|无法提供|不予处理|其他处理)/, '');
  const { all, byGroup } = candidates(spec);
  const id = (group && nearestRow(printed, byGroup.get(group) ?? [], expected)) || nearestRow(printed, all, expected);
  return id ? { id, differed: true } : null;
}

function rowIdOf(label: string, group: Group | null, spec: TableSpec): string | null {
  return matchRow(label, group, spec)?.id ?? null;
}

/** Column positions from header rows of a true grid: column id → slot index. */
function headerPositions(header: GridRow[]): Map<string, number> {
  const positions = new Map<string, number>();
  for (const row of header) {
    if (!row.grid) continue;
    row.cells.forEach((cell, i) => {
      const n = normalizeLabel(cell);
      for (const col of APPLICANT_COLUMNS) if (n === col.label && !positions.has(col.id)) positions.set(col.id, i);
    });
  }
  return positions;
}

export interface ApplicationsResult {
  table: StatTable;
  findings: RuleEvaluation[];
  /** Subtotal rows printed for （三）–（六） (not template rows): group → column → cell. */
  subtotals: Record<string, Record<string, Cell>>;
  /** Number of template rows found. */
  matchedRows: number;
  /** For the reader: what was read other than as the template prints it. */
  notes: string[];
}

export function mapApplications(blocks: TableBlock[], spec: TableSpec): ApplicationsResult {
  const rows = gridRows(blocks);
  const cells = emptyCells(spec);
  const subtotals: ApplicationsResult['subtotals'] = {};
  const rawByRow = new Map<string, string>();
  const unplaced: string[] = [];
  const header: GridRow[] = [];
  const singleOtherHandling = !spec.rows.some((r) => r.id === 'otherHandling.noCorrection');
  const printedLabels: Record<string, string> = {};
  /** Template index of the last row matched: the next row in the template's order breaks ties between near labels. */
  let lastRowIndex = -1;
  let group: Group | null = null;
  let matched = 0;
  let pendingLabel = '';
  let pendingRow: string | null = null;

  // Column positions depend on the header rows only: recomputed when one is added, not per row.
  let positions = headerPositions(header);
  // A converter that restarts a table may put its last rows under a header that is not theirs
  // (their figures shifted against the header's columns): the header's positions hold for a row
  // only when every figure of the row sits at one of them; otherwise the template's column order.
  const underHeader = (row: GridRow, end: number) => {
    const slots = new Set(positions.values());
    return row.cells.every((c, i) => i <= end || slots.has(i) || cellState(c) !== 'number');
  };
  const read = (row: GridRow, end: number): string[] | null => {
    if (row.grid && positions.size === APPLICANT_COLUMNS.length && [...positions.values()].every((p) => p > end && p < row.cells.length) && underHeader(row, end)) {
      return APPLICANT_COLUMNS.map((c) => row.cells[positions.get(c.id)!]);
    }
    return valueSlots(row, end, APPLICANT_COLUMNS.length);
  };

  for (const row of rows) {
    const end = labelEnd(row.cells);
    if (end < 0) {
      if (row.cells.some((c) => cellState(c) === 'number')) unplaced.push(rawLine(row));
      continue;
    }
    const labels = rowLabels(row, end);
    if (labels.some((l) => HEADER.test(l))) {
      header.push(row);
      positions = headerPositions(header);
      continue;
    }
    let rowId: string | null = null;
    let differedLabel: string | null = null;
    let groupLabelOnly = false;
    for (const label of labels) {
      const g = GROUPS.find(([, re]) => re.test(labelCore(label)));
      if (g) group = g[0];
    }
    for (const label of [...labels].reverse()) {
      const match = matchRow(label, group, spec, spec.rows[lastRowIndex + 1]?.id);
      rowId = match?.id ?? null;
      if (match?.differed) differedLabel = label;
      if (rowId) break;
    }
    const hasNumber = row.cells.some((c) => cellState(c) === 'number');
    // A long label wrapped over two rows: the first part (no numbers) waits for the rest.
    if (!rowId && pendingLabel && labels.length > 0) rowId = rowIdOf(pendingLabel + labels[labels.length - 1], group, spec);
    if (!rowId && pendingRow && hasNumber) rowId = pendingRow;
    if (rowId || hasNumber) pendingLabel = '';
    if (hasNumber) pendingRow = null;
    // A recognised label with nothing after it in a text table: its numbers follow on the next row.
    if (rowId && !hasNumber && !row.grid && row.cells.slice(end + 1).every((c) => c.trim() === '') && row.cells.length - end - 1 < APPLICANT_COLUMNS.length) {
      pendingRow = rowId;
      continue;
    }
    if (!rowId && !hasNumber && !labels.some((l) => GROUPS.some(([, re]) => re.test(labelCore(l))))) {
      pendingLabel += labels[labels.length - 1] ?? '';
      continue;
    }
    if (!rowId && labels.some((l) => GROUPS.some(([, re]) => re.test(labelCore(l))))) {
      groupLabelOnly = true;
      if (group === 'otherHandling' && singleOtherHandling) rowId = 'otherHandling.other';
    }
    // The matched row tells the group too: a group label broken by a page ("（六）其他处" / "理")
    // must not leave "3.其他" without its group.
    if (rowId?.includes('.')) group = rowId.split('.')[0] as Group;
    else if (rowId && rowId !== 'resultTotal') group = null;
    const values = read(row, end);
    if (!rowId) {
      if (groupLabelOnly && group && values) {
        subtotals[group] = Object.fromEntries(APPLICANT_COLUMNS.map((c, i) => [c.id, parseCell(values[i], c)]));
      } else if (!groupLabelOnly && !/^(一|二|三|四|五|六|七|八)、?$/.test(labels.join(''))) {
        unplaced.push(rawLine(row));
      }
      continue;
    }
    if (!cells[rowId] || rawByRow.has(rowId)) {
      unplaced.push(rawLine(row));
      continue;
    }
    rawByRow.set(rowId, rawLine(row));
    if (differedLabel) printedLabels[rowId] = differedLabel;
    lastRowIndex = spec.rows.findIndex((r) => r.id === rowId);
    if (!values) continue; // row found but its cells cannot be placed: stays missing, finding below
    matched++;
    APPLICANT_COLUMNS.forEach((c, i) => {
      cells[rowId][c.id] = parseCell(values[i], c);
    });
  }
  // Mixed templates: a 2021 table printing （六）其他处理 as one row, as the 2019 trial template did. Its figures are
  // the group's: kept as 3.其他, the two other sub-rows stay unread (rules that need them are not assessable).
  const notes: string[] = [];
  const otherRows = spec.rows.filter((r) => r.id.startsWith('otherHandling.'));
  if (!singleOtherHandling && subtotals.otherHandling && otherRows.every((r) => !rawByRow.has(r.id))) {
    cells['otherHandling.other'] = { ...subtotals.otherHandling };
    rawByRow.set('otherHandling.other', '（六）其他处理（单行，2019 年试行模板样式）');
    notes.push(`${spec.title}：“（六）其他处理”只印了一行（2019 年试行模板样式），其数字记为“3.其他”，另两个子行无法读取 (2019-style single （六）其他处理 row in a 2021 table)`);
    delete subtotals.otherHandling;
  }
  const findings = missingRowFindings(spec, cells, (rowId) => rawByRow.get(rowId) ?? (unplaced.length ? `未找到该行；无法归位的行：${unplaced.join(' / ')}` : '未找到该行'));
  const table: StatTable = { id: 'applications', cells, rawRows: rows.map((r) => r.cells) };
  if (Object.keys(printedLabels).length > 0) table.printedLabels = printedLabels;
  return { table, findings, subtotals, matchedRows: matched, notes };
}
