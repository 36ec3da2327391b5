/** Rule of table 四: reviewLitigation.groupTotal. */
import type { RuleEvaluation } from '../model.ts';
import { REVIEW_LITIGATION } from '../spec.ts';
import { operand, type Tables } from '../common/cells.ts';
import { equationMessage, equationMessageEn, evaluateEquation, notAssessable } from './evaluation.ts';
import { REVIEW_COLUMN_LABEL, REVIEW_GROUP_NAME } from '../common/labels.ts';

const PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

/** Per group: total = upheld + corrected + other + pending. */
export function checkGroupTotals(tables: Tables): RuleEvaluation[] {
  if (!tables.reviewLitigation) {
    return [notAssessable('reviewLitigation.groupTotal', 'reviewLitigation.groupTotal', '未读取到表四（政府信息公开行政复议、行政诉讼情况），无法核对各组总计。', 'Table 四 (“政府信息公开行政复议、行政诉讼情况”) was not read, so the “总计” of each group cannot be checked.')];
  }
  return REVIEW_LITIGATION.rows.map((group) => {
    const left = PARTS.map((c) => operand(tables, 'reviewLitigation', group.id, c, REVIEW_COLUMN_LABEL[c]));
    const right = [operand(tables, 'reviewLitigation', group.id, 'total', '总计')];
    return evaluateEquation({
      rule: 'reviewLitigation.groupTotal',
      key: `reviewLitigation.groupTotal:${group.id}`,
      left,
      right,
      message: equationMessage(REVIEW_GROUP_NAME[group.id], left, right),
      messageEn: equationMessageEn(`“${REVIEW_GROUP_NAME[group.id]}”`, left, right),
    });
  });
}
