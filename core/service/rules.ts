/**
 * The rules the archive runs inside its writes: a report's own rules, and the cross-year rules
 * that relate a body's consecutive years. The store only persists; what relates reports lives here.
 */
import type { Report, RuleEvaluation } from '../model.ts';
import type { ArchiveRules, GroupMember } from '../archive/index.ts';
import { validateCrossYear, validateReport } from '../validate/index.ts';

const CROSS_YEAR_PREFIX = 'crossYear.';

const crossYearInput = (r: Report) => ({ id: r.id, year: r.year, format: r.format, tables: r.tables });

/**
 * Re-runs the cross-year rules over one body's reports: stale crossYear.* evaluations are dropped
 * from every member, and every version of a year (the HTML, DOCX and PDF copies of one report are
 * versions) is compared with the latest version of the year before and the year after, so that
 * each copy shows the same findings. A neighbour only ever hears from a year's latest version: a
 * corrected new version clears the earlier year's mismatch, and the archive-wide findings list
 * shows latest versions only. Returns the reports that changed.
 */
export function relateByYear(members: GroupMember[]): Report[] {
  const fresh = new Map<string, RuleEvaluation[]>(members.map((m) => [m.report.id, []]));
  const latestByYear = new Map<number, Report>();
  for (const m of members) if (m.latest && m.report.year != null) latestByYear.set(m.report.year, m.report);
  for (const { report } of members) {
    if (report.year == null) continue;
    const earlier = latestByYear.get(report.year - 1);
    const later = latestByYear.get(report.year + 1);
    if (earlier) fresh.get(report.id)!.push(...validateCrossYear(crossYearInput(earlier), crossYearInput(report)).later);
    if (later) fresh.get(report.id)!.push(...validateCrossYear(crossYearInput(report), crossYearInput(later)).earlier);
  }
  const changed: Report[] = [];
  for (const { report } of members) {
    const kept = report.evaluations.filter((e) => !e.rule.startsWith(CROSS_YEAR_PREFIX));
    const stale = report.evaluations.filter((e) => e.rule.startsWith(CROSS_YEAR_PREFIX));
    const renewed = fresh.get(report.id)!;
    if (JSON.stringify(stale) === JSON.stringify(renewed)) continue;
    changed.push({ ...report, evaluations: [...kept, ...renewed] });
  }
  return changed;
}

export const ARCHIVE_RULES: ArchiveRules = { validate: validateReport, relate: relateByYear };
