/**
 * Rules between two reports of the same body for consecutive years (the caller pairs them):
 * crossYear.carryOver and crossYear.inForce. Each evaluation is made once per side, so that
 * each report carries it with the other report's id; the cells named are the report's own.
 */
import type { ParsedReport, RuleEvaluation, RuleStatus } from '../model.ts';
import { APPLICANT_COLUMNS } from '../spec.ts';
import { describeMissing, describeMissingEn, formatNumber, operand, type Operand } from '../common/cells.ts';
import { RULE_SEVERITY } from './evaluation.ts';
import { APPLICANT_COLUMN_LABEL } from '../common/labels.ts';

/** A report as the cross-year rules see it. */
export type YearReport = Pick<ParsedReport, 'year' | 'format' | 'tables'> & { id: string };

export interface CrossYearEvaluations {
  earlier: RuleEvaluation[];
  later: RuleEvaluation[];
}

const STATISTICAL = new Set(['2021', '2019-trial']);

/** "2021-2022": the pair in the key, so a report's evaluations with its two neighbours do not collide. */
function pairScope(earlier: YearReport, later: YearReport): string {
  return `${earlier.year ?? '?'}-${later.year ?? '?'}`;
}

function yearName(r: YearReport): string {
  return r.year === null ? '上一份报告' : `${r.year} 年`;
}

/** "of 2022" / "of the previous report": appended to a quoted template label. */
function yearNameEn(r: YearReport): string {
  return r.year === null ? 'of the other report' : `of ${r.year}`;
}

function statusOf(left: number | null, right: number | null): RuleStatus {
  if (left === null || right === null) return 'notAssessable';
  return left === right ? 'pass' : 'fail';
}

function valueText(op: Operand): string {
  return op.value === null ? describeMissing(op.cell) : formatNumber(op.value);
}

function valueTextEn(op: Operand): string {
  return op.value === null ? describeMissingEn(op.cell) : formatNumber(op.value);
}

function pairUp(
  earlier: YearReport,
  later: YearReport,
  base: Omit<RuleEvaluation, 'cells' | 'relatedReportId'>,
  earlierCells: Operand[],
  laterCells: Operand[],
): CrossYearEvaluations {
  return {
    earlier: [{ ...base, cells: earlierCells.map((o) => o.ref), relatedReportId: later.id }],
    later: [{ ...base, cells: laterCells.map((o) => o.ref), relatedReportId: earlier.id }],
  };
}

/** Per column: carriedOver (year N) = carriedForward (year N−1). Applies across 2020→2021 too. */
export function checkCarryOver(earlier: YearReport, later: YearReport): CrossYearEvaluations {
  const out: CrossYearEvaluations = { earlier: [], later: [] };
  if (!STATISTICAL.has(earlier.format) || !STATISTICAL.has(later.format)) return out;
  for (const { id } of APPLICANT_COLUMNS) {
    const forward = operand(earlier.tables, 'applications', 'carriedForward', id, `${yearName(earlier)}结转下年度`);
    const over = operand(later.tables, 'applications', 'carriedOver', id, `${yearName(later)}上年结转`);
    const status = statusOf(over.value, forward.value);
    const scope = `${APPLICANT_COLUMN_LABEL[id]}列`;
    const message =
      status === 'notAssessable'
        ? `${scope}：${over.label}${valueText(over)}、${forward.label}${valueText(forward)}，无法核对上年结转是否等于上一年的结转下年度。`
        : `${scope}：${over.label} ${valueText(over)} 件，${status === 'pass' ? '等于' : '不等于'} ${forward.label} ${valueText(forward)} 件。`;
    const overEn = `“上年结转” ${yearNameEn(later)}`;
    const forwardEn = `“结转下年度” ${yearNameEn(earlier)}`;
    const messageEn =
      status === 'notAssessable'
        ? `Column “${APPLICANT_COLUMN_LABEL[id]}”: ${overEn} is ${valueTextEn(over)} and ${forwardEn} is ${valueTextEn(forward)}, so whether the carry-over matches cannot be checked.`
        : `Column “${APPLICANT_COLUMN_LABEL[id]}”: ${overEn} (${valueTextEn(over)}) ${status === 'pass' ? 'equals' : 'does not equal'} ${forwardEn} (${valueTextEn(forward)}).`;
    const pair = pairUp(
      earlier,
      later,
      {
        rule: 'crossYear.carryOver',
        key: `crossYear.carryOver:${pairScope(earlier, later)}:${id}`,
        status,
        severity: RULE_SEVERITY['crossYear.carryOver'],
        message,
        messageEn,
        left: over.value,
        right: forward.value,
      },
      [forward],
      [over],
    );
    out.earlier.push(...pair.earlier);
    out.later.push(...pair.later);
  }
  return out;
}

const IN_FORCE_ROWS = [
  { id: 'regulations', name: '规章' },
  { id: 'normativeDocuments', name: '行政规范性文件' },
] as const;

/**
 * inForce (N) = inForce (N−1) + issued (N) − repealed (N), for regulations and normative
 * documents. Only between two reports of the 2021 template: the trial template counted
 * 对外公开总数量, not 现行有效件数, so 2020→2021 is not compared.
 */
export function checkInForce(earlier: YearReport, later: YearReport): CrossYearEvaluations {
  const out: CrossYearEvaluations = { earlier: [], later: [] };
  if (earlier.format !== '2021' || later.format !== '2021') return out;
  for (const row of IN_FORCE_ROWS) {
    const before = operand(earlier.tables, 'proactive', row.id, 'inForce', `${yearName(earlier)}现行有效`);
    const now = operand(later.tables, 'proactive', row.id, 'inForce', `${yearName(later)}现行有效`);
    const issued = operand(later.tables, 'proactive', row.id, 'issued', '本年制发');
    const repealed = operand(later.tables, 'proactive', row.id, 'repealed', '本年废止');
    const expected = before.value === null || issued.value === null || repealed.value === null ? null : before.value + issued.value - repealed.value;
    const status = statusOf(now.value, expected);
    const formula = `${before.label} ${valueText(before)} + ${issued.label} ${valueText(issued)} − ${repealed.label} ${valueText(repealed)}`;
    const message =
      status === 'notAssessable'
        ? `${row.name}：${[now, before, issued, repealed].filter((o) => o.value === null).map((o) => `${o.label}${valueText(o)}`).join('、')}，无法核对现行有效件数的衔接。`
        : `${row.name}：${now.label} ${valueText(now)} 件，${status === 'pass' ? '等于' : '不等于'} ${formula} = ${formatNumber(expected as number)} 件${status === 'fail' ? '（可能因废止以前年度文件的统计口径不同）' : ''}。`;
    const en = new Map<Operand, string>([
      [now, `“现行有效” ${yearNameEn(later)}`],
      [before, `“现行有效” ${yearNameEn(earlier)}`],
      [issued, '“本年制发”'],
      [repealed, '“本年废止”'],
    ]);
    const formulaEn = [before, issued, repealed].map((o) => `${en.get(o)} ${valueTextEn(o)}`);
    const messageEn =
      status === 'notAssessable'
        ? `“${row.name}”: ${[now, before, issued, repealed].filter((o) => o.value === null).map((o) => `${en.get(o)} is ${valueTextEn(o)}`).join(', ')}, so whether the documents in force carry over cannot be checked.`
        : `“${row.name}”: ${en.get(now)} ${valueTextEn(now)} ${status === 'pass' ? 'equals' : 'does not equal'} ${formulaEn[0]} + ${formulaEn[1]} − ${formulaEn[2]} = ${formatNumber(expected as number)}${status === 'fail' ? ' (perhaps because documents of earlier years that were repealed are counted differently)' : ''}.`;
    const pair = pairUp(
      earlier,
      later,
      {
        rule: 'crossYear.inForce',
        key: `crossYear.inForce:${pairScope(earlier, later)}:${row.id}`,
        status,
        severity: RULE_SEVERITY['crossYear.inForce'],
        message,
        messageEn,
        left: now.value,
        right: expected,
      },
      [before],
      [now, issued, repealed],
    );
    out.earlier.push(...pair.earlier);
    out.later.push(...pair.later);
  }
  return out;
}
