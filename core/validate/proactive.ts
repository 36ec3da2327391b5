/** Rule of table 二: proactive.nonNegative. */
import type { RuleEvaluation } from '../model.ts';
import type { TableSpec } from '../spec.ts';
import { describeMissing, describeMissingEn, formatNumber, operand, type Tables } from '../common/cells.ts';
import { RULE_SEVERITY, notAssessable } from './evaluation.ts';

/**
 * Every count is a non-negative integer and every 万元 amount a non-negative decimal.
 * The 2019 trial's 本年增/减 (`signedText`) is signed by nature and is not checked.
 */
export function checkNonNegative(tables: Tables, spec: TableSpec): RuleEvaluation[] {
  if (!tables.proactive) {
    return [notAssessable('proactive.nonNegative', 'proactive.nonNegative', '未读取到表二（主动公开政府信息情况），无法核对各项数量。', 'Table 二 (“主动公开政府信息情况”) was not read, so its counts cannot be checked.')];
  }
  const out: RuleEvaluation[] = [];
  for (const row of spec.rows) {
    for (const column of row.columns) {
      if (column.kind === 'signedText') continue;
      const decimal = column.kind === 'decimal';
      const op = operand(tables, 'proactive', row.id, column.id, `${row.label}·${column.label}`);
      const expected = decimal ? '非负数' : '非负整数';
      const expectedEn = decimal ? 'a non-negative number' : 'a non-negative integer';
      const ok = op.value !== null && op.value >= 0 && (decimal || Number.isInteger(op.value));
      out.push({
        rule: 'proactive.nonNegative',
        key: `proactive.nonNegative:${row.id}.${column.id}`,
        status: op.value === null ? 'notAssessable' : ok ? 'pass' : 'fail',
        severity: RULE_SEVERITY['proactive.nonNegative'],
        message:
          op.value === null
            ? `${op.label}${describeMissing(op.cell)}，无法核对是否为${expected}。`
            : `${op.label}为 ${formatNumber(op.value)}，${ok ? '是' : '应为'}${expected}。`,
        messageEn:
          op.value === null
            ? `“${op.label}” is ${describeMissingEn(op.cell)}, so whether it is ${expectedEn} cannot be checked.`
            : `“${op.label}” is ${formatNumber(op.value)}${ok ? `, ${expectedEn}` : `; it should be ${expectedEn}`}.`,
        cells: [op.ref],
        left: op.value,
        right: 0,
      });
    }
  }
  return out;
}
