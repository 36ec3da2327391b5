/**
 * Validation (勾稽关系): every rule of docs/report-format.md, one module per family.
 * Pure functions over a parsed report. Decisions are documented where each rule is.
 */
import type { ParsedReport, RuleEvaluation } from '../model.ts';
import { tableSpec } from '../spec.ts';
import { checkBalance, checkResultTotal, checkRowTotal } from './applications.ts';
import { checkChapters } from './chapters.ts';
import { checkCarryOver, checkInForce, type CrossYearEvaluations, type YearReport } from './crossYear.ts';
import { checkNarrative } from './narrativeMismatch.ts';
import { checkInForceNarrative } from './narrativeInForce.ts';
import { checkNonNegative } from './proactive.ts';
import { checkGroupTotals } from './reviewLitigation.ts';
import { detached } from '../common/memo.ts';

export type { CrossYearEvaluations, YearReport } from './crossYear.ts';

/**
 * Every single-report rule of the spec, plus the parse findings (table.incomplete), each
 * with its status. Reports of format pre-2019 or unknown get their parse findings only: the
 * statistical, chapter and narrative rules belong to the national template.
 */
export function validateReport(report: ParsedReport): RuleEvaluation[] {
  const out: RuleEvaluation[] = [...report.parseFindings];
  if (report.format !== '2021' && report.format !== '2019-trial') return out;
  const applications = tableSpec(report.format, 'applications')!;
  const proactive = tableSpec(report.format, 'proactive')!;
  out.push(
    ...checkBalance(report.tables),
    ...checkResultTotal(report.tables, applications),
    ...checkRowTotal(report.tables, applications),
    ...checkGroupTotals(report.tables),
    ...checkNonNegative(report.tables, proactive),
    ...checkChapters(report),
    ...checkNarrative(report),
    ...checkInForceNarrative(report),
  );
  // Messages are built by concatenation, each a tree of ~6 pieces on the heap until first read:
  // copied flat here (detached makes a flat copy), since evaluations live as long as the report.
  for (const e of out) {
    e.message = detached(e.message);
    if (e.messageEn) e.messageEn = detached(e.messageEn);
  }
  return out;
}

/**
 * crossYear.carryOver and crossYear.inForce between two reports of the same body for
 * consecutive years. Returns the evaluations to attach to each of the two reports.
 */
export function validateCrossYear(earlier: YearReport, later: YearReport): CrossYearEvaluations {
  const carry = checkCarryOver(earlier, later);
  const inForce = checkInForce(earlier, later);
  return { earlier: [...carry.earlier, ...inForce.earlier], later: [...carry.later, ...inForce.later] };
}
