/**
 * The rules the archive runs inside its writes: a report's own rules, and the cross-year rules
 * that relate a body's consecutive years. The store only persists; what relates reports lives here.
 */
import type { Report, RuleEvaluation } from '../model.ts';
import type { ArchiveRules, GroupMember } from '../archive/index.ts';
import { validateCrossYear, validateReport } from '../validate/index.ts';

const CROSS_YEAR_PREFIX = 'crossYear.';

/**
 * Re-runs the cross-year rules over one body's latest versions: stale crossYear.* evaluations are
 * dropped from every member, consecutive years are compared. Returns the reports that changed.
 */
export function relateByYear(members: GroupMember[]): Report[] {
  const fresh = new Map<string, RuleEvaluation[]>(members.map((m) => [m.report.id, []]));
  const byYear = new Map<number, Report>();
  for (const m of members) if (m.latest && m.report.year != null) byYear.set(m.report.year, m.report);
  for (const [year, later] of byYear) {
    const earlier = byYear.get(year - 1);
    if (!earlier) continue;
    const result = validateCrossYear(
      { id: earlier.id, year: earlier.year, format: earlier.format, tables: earlier.tables },
      { id: later.id, year: later.year, format: later.format, tables: later.tables },
    );
    fresh.get(earlier.id)!.push(...result.earlier);
    fresh.get(later.id)!.push(...result.later);
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
