/** Findings: dismissing and restoring them, and the archive-wide list. */
import type { FindingQuery, FindingRow } from '../api.ts';
import { findingsOf, type CatalogueEntry, type Report } from '../model.ts';
import { RULE_IDS, type RuleId } from '../spec.ts';
import { forEachLimited } from '../common/limited.ts';
import { ArchiveError } from '../archive/index.ts';
import type { ServiceContext } from './context.ts';

/** Report files read at once when listing findings not yet in memory. */
const FINDINGS_READ_CONCURRENCY = 8;

export class FindingsFeature {
  /** Findings per report id, valid while the report's catalogue row is the same object. */
  private readonly findingsMemo = new Map<string, { entry: CatalogueEntry; findings: ReturnType<typeof findingsOf> }>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly listReports: () => Promise<CatalogueEntry[]>,
  ) {}

  /** `key` is a finding key ("applications.balance:natural") or a rule id (dismisses all its findings). */
  async dismissFinding(id: string, key: string, reason: string): Promise<Report> {
    if (!reason.trim()) throw new ArchiveError(`忽略问题时必须说明理由 (a reason is required) — report ${id}`);
    const { report, effect } = await this.ctx.archive.updateReport(id, (r) => {
      const keys = this.matchKeys(r, key);
      const at = new Date().toISOString();
      const others = r.dismissals.filter((d) => !keys.includes(d.key));
      return { ...r, dismissals: [...others, ...keys.map((k) => ({ key: k, reason: reason.trim(), at }))] };
    });
    await this.ctx.indexEffect(effect);
    return report;
  }

  async undismissFinding(id: string, key: string): Promise<Report> {
    const { report, effect } = await this.ctx.archive.updateReport(id, (r) => {
      const keys = new Set([...r.dismissals.map((d) => d.key).filter((k) => k === key || k.startsWith(`${key}:`))]);
      if (keys.size === 0) throw new ArchiveError(`报告 ${id} 没有已忽略的问题 ${key} (no dismissed finding ${key})`);
      return { ...r, dismissals: r.dismissals.filter((d) => !keys.has(d.key)) };
    });
    await this.ctx.indexEffect(effect);
    return report;
  }

  private matchKeys(r: Report, key: string): string[] {
    const failing = r.evaluations.filter((e) => e.status === 'fail');
    const exact = failing.filter((e) => e.key === key).map((e) => e.key);
    if (exact.length) return exact;
    if ((RULE_IDS as readonly string[]).includes(key)) {
      const byRule = failing.filter((e) => e.rule === (key as RuleId)).map((e) => e.key);
      if (byRule.length) return byRule;
    }
    throw new ArchiveError(`报告 ${r.id} 没有键为 ${key} 的问题 (no finding ${key} in report ${r.id})`);
  }

  async listFindings(query: FindingQuery = {}): Promise<FindingRow[]> {
    const entries = (await this.listReports()).filter((e) => e.findings > 0 || query.includeDismissed);
    const findings = await this.findingsOfEntries(entries);
    const rows: FindingRow[] = [];
    for (const [i, e] of entries.entries()) {
      for (const f of findings[i]) {
        if (f.dismissed && !query.includeDismissed) continue;
        if (query.rule && f.rule !== query.rule) continue;
        if (query.severity && f.severity !== query.severity) continue;
        rows.push({ ...f, reportId: e.id, body: e.body, year: e.year });
      }
    }
    return rows;
  }

  /**
   * The findings of each entry's report, from memory when the report is unchanged since it was
   * last read (a write gives its row a new object), else read from disk a few files at a time.
   */
  private async findingsOfEntries(entries: CatalogueEntry[]): Promise<ReturnType<typeof findingsOf>[]> {
    const out: ReturnType<typeof findingsOf>[] = new Array(entries.length);
    const missing: number[] = [];
    entries.forEach((e, i) => {
      const known = this.findingsMemo.get(e.id);
      if (known && known.entry === e) out[i] = known.findings;
      else missing.push(i);
    });
    await forEachLimited(missing, FINDINGS_READ_CONCURRENCY, async (i) => {
      const e = entries[i];
      const findings = findingsOf(await this.ctx.archive.readReport(e.id));
      this.findingsMemo.set(e.id, { entry: e, findings });
      out[i] = findings;
    });
    // Forget reports no longer in the catalogue.
    if (this.findingsMemo.size > this.ctx.archive.size) for (const id of this.findingsMemo.keys()) if (!this.ctx.archive.entry(id)) this.findingsMemo.delete(id);
    return out;
  }

}
