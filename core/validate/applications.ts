/** Rules of table 三: applications.balance, applications.resultTotal, applications.rowTotal. */
import type { RuleEvaluation, RuleStatus } from '../model.ts';
import { APPLICANT_COLUMNS, APPLICANT_PART_COLUMN_IDS, RESULT_GROUP_PREFIXES, type TableSpec } from '../spec.ts';
import { formatNumber, operand, type Operand, type Tables } from '../common/cells.ts';
import { equationMessage, equationMessageEn, evaluateEquation, notAssessable } from './evaluation.ts';
import { APPLICANT_COLUMN_LABEL, RESULT_GROUPS, applicationRowName } from '../common/labels.ts';

const TABLE = 'applications';

function columnScope(columnId: string): string {
  return `${APPLICANT_COLUMN_LABEL[columnId]}列`;
}

/** Per column: received + carriedOver = resultTotal + carriedForward. */
export function checkBalance(tables: Tables): RuleEvaluation[] {
  if (!tables.applications) return [notAssessable('applications.balance', 'applications.balance', '未读取到表三（收到和处理政府信息公开申请情况），无法核对新收与结转是否等于办理结果与结转下年。', 'Table 三 (“收到和处理政府信息公开申请情况”) was not read, so “新收” + “上年结转” = “办理结果总计” + “结转下年” cannot be checked.')];
  return APPLICANT_COLUMNS.map(({ id }) => {
    const left = [operand(tables, TABLE, 'received', id, '新收'), operand(tables, TABLE, 'carriedOver', id, '上年结转')];
    const right = [operand(tables, TABLE, 'resultTotal', id, '办理结果总计'), operand(tables, TABLE, 'carriedForward', id, '结转下年')];
    return evaluateEquation({
      rule: 'applications.balance',
      key: `applications.balance:${id}`,
      left,
      right,
      message: equationMessage(columnScope(id), left, right),
      messageEn: equationMessageEn(`Column “${APPLICANT_COLUMN_LABEL[id]}”`, left, right),
    });
  });
}

/**
 * Per column: resultTotal = granted + partial + every row of the result groups. The rows are
 * the format's own (the 2019 trial has a single （六）其他处理 row).
 */
export function checkResultTotal(tables: Tables, spec: TableSpec): RuleEvaluation[] {
  if (!tables.applications) return [notAssessable('applications.resultTotal', 'applications.resultTotal', '未读取到表三（收到和处理政府信息公开申请情况），无法核对办理结果总计。', 'Table 三 (“收到和处理政府信息公开申请情况”) was not read, so “办理结果总计” cannot be checked against the results.')];
  const resultRows = spec.rows.filter((r) => r.id === 'granted' || r.id === 'partial' || RESULT_GROUP_PREFIXES.some((p) => r.id.startsWith(p)));
  return APPLICANT_COLUMNS.map(({ id }) => {
    const left = [operand(tables, TABLE, 'resultTotal', id, '办理结果总计')];
    const right = resultRows.map((row) => operand(tables, TABLE, row.id, id, applicationRowName(row)));
    return evaluateEquation({
      rule: 'applications.resultTotal',
      key: `applications.resultTotal:${id}`,
      left,
      right,
      message: resultTotalMessage(columnScope(id), left, right),
      messageEn: equationMessageEn(`Column “${APPLICANT_COLUMN_LABEL[id]}”`, left, right),
    });
  });
}

/**
 * The right side shown by group (不予公开 16 rather than its eight rows), so that the sentence
 * stays readable; the cells of the evaluation still name every row.
 */
function resultTotalMessage(scope: string, left: Operand[], right: Operand[]) {
  const groups = [...new Set(right.map((op) => RESULT_GROUPS.find((g) => op.ref.row.startsWith(g.prefix))?.name ?? op.label))];
  const generic = equationMessage(scope, left, right, `办理结果总计 = ${groups.join(' + ')}`);
  return (status: RuleStatus, l: number | null, r: number | null): string => {
    if (status === 'notAssessable' || l === null || r === null) return generic(status, l, r);
    const terms: { name: string; value: number }[] = [];
    for (const op of right) {
      const group = RESULT_GROUPS.find((g) => op.ref.row.startsWith(g.prefix));
      const name = group ? group.name : op.label;
      const last = terms[terms.length - 1];
      if (group && last?.name === name) last.value += op.value ?? 0;
      else terms.push({ name, value: op.value ?? 0 });
    }
    const rightText = `${terms.map((t) => `${t.name} ${formatNumber(t.value)}`).join(' + ')} = ${formatNumber(r)}`;
    const leftText = `${left[0].label} ${formatNumber(l)}`;
    if (status === 'pass') return `${scope}：${leftText}，等于${rightText}。`;
    return `${scope}：${leftText}，不等于${rightText}（相差 ${formatNumber(Math.abs(l - r))}）。`;
  };
}

/** Per row: total = natural + commercial + research + nonprofit + legal + other. */
export function checkRowTotal(tables: Tables, spec: TableSpec): RuleEvaluation[] {
  if (!tables.applications) return [notAssessable('applications.rowTotal', 'applications.rowTotal', '未读取到表三（收到和处理政府信息公开申请情况），无法核对各行总计。', 'Table 三 (“收到和处理政府信息公开申请情况”) was not read, so the “总计” of each row cannot be checked.')];
  return spec.rows.map((row) => {
    const left = [operand(tables, TABLE, row.id, 'total', '总计')];
    const right = APPLICANT_PART_COLUMN_IDS.map((c) => operand(tables, TABLE, row.id, c, APPLICANT_COLUMN_LABEL[c]));
    return evaluateEquation({
      rule: 'applications.rowTotal',
      key: `applications.rowTotal:${row.id}`,
      left,
      right,
      message: equationMessage(`“${applicationRowName(row)}”行`, left, right),
      messageEn: equationMessageEn(`Row “${applicationRowName(row)}”`, left, right),
    });
  });
}
