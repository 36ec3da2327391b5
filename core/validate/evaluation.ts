import type { RuleEvaluation, RuleStatus, Severity } from '../model.ts';
import type { RuleId } from '../spec.ts';
import { describeMissing, describeMissingEn, formatNumber, missingText, noValueEn, sumOf, sumText, sumTextEn, type Operand } from '../common/cells.ts';

/**
 * Severity is the rule's: what a failure of it would mean (error where numbers contradict,
 * warning where something is missing or doubtful). Passing and not-assessable evaluations
 * carry it too, so a UI can tell what is at stake.
 */
export const RULE_SEVERITY: Record<RuleId, Severity> = {
  'applications.balance': 'error',
  'applications.resultTotal': 'error',
  'applications.rowTotal': 'error',
  'reviewLitigation.groupTotal': 'error',
  'proactive.nonNegative': 'error',
  'table.incomplete': 'warning',
  'narrative.mismatch': 'error',
  'narrative.inForce': 'warning',
  'chapters.missing': 'warning',
  'crossYear.carryOver': 'error',
  'crossYear.inForce': 'warning',
};

export interface EquationInput {
  rule: RuleId;
  key: string;
  left: Operand[];
  right: Operand[];
  /** Builds the sentence once the status and both sums are known. */
  message: (status: RuleStatus, left: number | null, right: number | null) => string;
  /** The same sentence in English (equationMessageEn), from the same operands. */
  messageEn?: (status: RuleStatus, left: number | null, right: number | null) => string;
  detail?: string;
}

/** An equation between two sums of cells: not assessable as soon as one cell has no value. */
export function evaluateEquation(input: EquationInput): RuleEvaluation {
  const left = sumOf(input.left);
  const right = sumOf(input.right);
  const status: RuleStatus = left === null || right === null ? 'notAssessable' : left === right ? 'pass' : 'fail';
  const evaluation: RuleEvaluation = {
    rule: input.rule,
    key: input.key,
    status,
    severity: RULE_SEVERITY[input.rule],
    message: input.message(status, left, right),
    cells: [...input.left, ...input.right].map((op) => op.ref),
    left,
    right,
  };
  if (input.messageEn) evaluation.messageEn = input.messageEn(status, left, right);
  if (input.detail) evaluation.detail = input.detail;
  return evaluation;
}

/** One evaluation saying a whole rule could not be checked (the table is absent). */
export function notAssessable(rule: RuleId, key: string, message: string, messageEn: string): RuleEvaluation {
  return { rule, key, status: 'notAssessable', severity: RULE_SEVERITY[rule], message, messageEn, cells: [], left: null, right: null };
}

/**
 * The one-sentence message of an equation rule:
 * pass  "自然人列：新收 134 + 上年结转 0 = 134，等于办理结果总计 134 + 结转下年 0 = 134。"
 * fail  "…= 134，不等于办理结果总计 130 + 结转下年 0 = 130（相差 4）。"
 * n/a   "自然人列：上年结转（未填报）没有数值，无法核对：新收 + 上年结转 = 办理结果总计 + 结转下年。"
 */
export function equationMessage(scope: string, left: Operand[], right: Operand[], formulaText?: string) {
  return (status: RuleStatus, l: number | null, r: number | null): string => {
    if (status === 'notAssessable' || l === null || r === null) {
      const formula = formulaText ?? `${left.map((o) => o.label).join(' + ')} = ${right.map((o) => o.label).join(' + ')}`;
      const all = [...left, ...right];
      const descriptions = new Set(all.map((o) => (o.value === null ? describeMissing(o.cell) : null)));
      // A whole group the importer could not place: say it once, not cell by cell.
      if (descriptions.size === 1 && !descriptions.has(null)) return `${scope}：各单元格均${[...descriptions][0]}，无法核对：${formula}。`;
      return `${scope}：${missingText(all)}没有数值，无法核对：${formula}。`;
    }
    if (status === 'pass') return `${scope}：${sumText(left)}，等于${sumText(right)}。`;
    return `${scope}：${sumText(left)}，不等于${sumText(right)}（相差 ${formatNumber(Math.abs(round(l - r)))}）。`;
  };
}

/** equationMessage in English: "Column “自然人”: “新收” 134 + … = 134 does not equal … (difference 4)." */
export function equationMessageEn(scope: string, left: Operand[], right: Operand[]) {
  return (status: RuleStatus, l: number | null, r: number | null): string => {
    if (status === 'notAssessable' || l === null || r === null) {
      const formula = `${left.map((o) => `“${o.label}”`).join(' + ')} = ${right.map((o) => `“${o.label}”`).join(' + ')}`;
      const all = [...left, ...right];
      const descriptions = new Set(all.map((o) => (o.value === null ? describeMissingEn(o.cell) : null)));
      if (descriptions.size === 1 && !descriptions.has(null)) return `${scope}: every cell is ${[...descriptions][0]}, so ${formula} cannot be checked.`;
      return `${scope}: ${noValueEn(all)}, so ${formula} cannot be checked.`;
    }
    if (status === 'pass') return `${scope}: ${sumTextEn(left)} equals ${sumTextEn(right)}.`;
    return `${scope}: ${sumTextEn(left)} does not equal ${sumTextEn(right)} (difference ${formatNumber(Math.abs(round(l - r)))}).`;
  };
}

function round(n: number): number {
  return Number.isInteger(n) ? n : Math.round(n * 1e6) / 1e6;
}
