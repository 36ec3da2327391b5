import type { ParsedReport, RuleEvaluation } from '../model.ts';

/** Every single-report rule of the spec, plus the parse findings, each with its status. */
export function validateReport(_report: ParsedReport): RuleEvaluation[] {
  throw new Error('validateReport is not implemented yet');
}

/** A report as the cross-year rules see it. */
export type YearReport = Pick<ParsedReport, 'year' | 'format' | 'tables'> & { id: string };

/**
 * crossYear.carryOver and crossYear.inForce between two reports of the same body for
 * consecutive years. Returns the evaluations to attach to each of the two reports.
 */
export function validateCrossYear(_earlier: YearReport, _later: YearReport): { earlier: RuleEvaluation[]; later: RuleEvaluation[] } {
  throw new Error('validateCrossYear is not implemented yet');
}
