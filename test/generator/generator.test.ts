import { describe, expect, it } from 'vitest';
import { generateReports, iterateReports, INJECTABLE_RULES, type GeneratedReport } from '../../bench/generator.ts';
import { importDocument } from '../../core/ingest/index.ts';
import { validateCrossYear } from '../../core/validate/index.ts';
import { tableValues } from '../../core/model.ts';
import { APPLICATIONS_2021, RESULT_GROUP_PREFIXES } from '../../core/spec.ts';

const PARTS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other'];
const num = (v: number | string | undefined) => Number(v);

/** Rule keys that fail on the generator's own printed figures (single report). */
function failingKeys(r: GeneratedReport): string[] {
  const app = r.values.applications;
  const fails: string[] = [];
  for (const col of [...PARTS, 'total']) {
    const left = num(app.received[col]) + num(app.carriedOver[col]);
    if (left !== num(app.resultTotal[col]) + num(app.carriedForward[col])) fails.push(`applications.balance:${col}`);
    const results = Object.keys(app).filter((id) => id === 'granted' || id === 'partial' || RESULT_GROUP_PREFIXES.some((p) => id.startsWith(p)));
    if (results.reduce((s, id) => s + num(app[id][col]), 0) !== num(app.resultTotal[col])) fails.push(`applications.resultTotal:${col}`);
  }
  for (const [rowId, cols] of Object.entries(app)) {
    if (PARTS.reduce((s, c) => s + num(cols[c]), 0) !== num(cols.total)) fails.push(`applications.rowTotal:${rowId}`);
  }
  for (const [group, cols] of Object.entries(r.values.reviewLitigation)) {
    if (num(cols.upheld) + num(cols.corrected) + num(cols.other) + num(cols.pending) !== num(cols.total)) fails.push(`reviewLitigation.groupTotal:${group}`);
  }
  if (r.stated.received !== num(app.received.total) && r.stated.received !== num(app.received.total) + num(app.carriedOver.total)) {
    fails.push('narrative.mismatch:applications.received.total');
  }
  return fails.sort();
}

function crossYearKeys(earlier: GeneratedReport, later: GeneratedReport): string[] {
  const pair = `${earlier.year}-${later.year}`;
  const fails: string[] = [];
  for (const col of [...PARTS, 'total']) {
    if (num(earlier.values.applications.carriedForward[col]) !== num(later.values.applications.carriedOver[col])) fails.push(`crossYear.carryOver:${pair}:${col}`);
  }
  for (const row of ['regulations', 'normativeDocuments']) {
    const before = earlier.values.proactive[row];
    const now = later.values.proactive[row];
    if (num(now.inForce) !== num(before.inForce) + num(now.issued) - num(now.repealed)) fails.push(`crossYear.inForce:${pair}:${row}`);
  }
  return fails;
}

/** Consecutive-year pairs of the same body, in stream order. */
function pairs(reports: GeneratedReport[]): [GeneratedReport, GeneratedReport][] {
  const out: [GeneratedReport, GeneratedReport][] = [];
  for (let i = 1; i < reports.length; i++) {
    if (reports[i].body === reports[i - 1].body && reports[i].year === reports[i - 1].year + 1) out.push([reports[i - 1], reports[i]]);
  }
  return out;
}

describe('report generator', () => {
  it('is deterministic: same seed, same bytes; another seed, other bytes', () => {
    const a = generateReports(25, { seed: 42, errorRate: 0.3, format: 'mixed' });
    const b = generateReports(25, { seed: 42, errorRate: 0.3, format: 'mixed' });
    expect(b.map((r) => r.fileName)).toEqual(a.map((r) => r.fileName));
    expect(b.map((r) => r.content)).toEqual(a.map((r) => r.content));
    expect(b.map((r) => r.injectedErrors)).toEqual(a.map((r) => r.injectedErrors));
    const c = generateReports(25, { seed: 43, errorRate: 0.3, format: 'mixed' });
    expect(c.map((r) => r.content)).not.toEqual(a.map((r) => r.content));
  });

  it('streams the same reports as the array form', () => {
    const streamed = [...iterateReports(40, { seed: 5, format: 'text' })];
    expect(streamed.map((r) => r.content)).toEqual(generateReports(40, { seed: 5, format: 'text' }).map((r) => r.content));
    expect(streamed).toHaveLength(40);
  });

  it('writes ~4,000 characters of narrative, unique file names, several years per body', () => {
    const reports = generateReports(200, { seed: 9, format: 'text' });
    expect(new Set(reports.map((r) => r.fileName)).size).toBe(200);
    for (const r of reports) {
      const narrative = r.content.split('二、主动公开政府信息情况')[0] + r.content.split('五、存在的主要问题及改进情况')[1];
      expect(narrative.length).toBeGreaterThan(3000);
      expect(narrative.length).toBeLessThan(6500);
      expect(r.text).toBe(r.content);
      expect(r.content.startsWith(`${r.body}${r.year}年政府信息公开工作年度报告`)).toBe(true);
    }
    const bodies = new Set(reports.map((r) => r.body));
    expect(bodies.size).toBeLessThan(reports.length / 1.8);
    expect(pairs(reports).length).toBeGreaterThan(90);
  });

  it('keeps every rule in clean reports, and carries figures over between consecutive years', () => {
    const reports = generateReports(300, { seed: 11, format: 'text' });
    for (const r of reports) {
      expect(r.injectedErrors).toEqual([]);
      expect(failingKeys(r)).toEqual([]);
      expect(r.values.applications.received.total).toBeGreaterThan(0);
    }
    for (const [earlier, later] of pairs(reports)) expect(crossYearKeys(earlier, later)).toEqual([]);
  });

  it('breaks exactly the recorded rule in reports chosen by errorRate', () => {
    const reports = generateReports(400, { seed: 12, errorRate: 0.5, format: 'text' });
    const broken = reports.filter((r) => r.injectedErrors.length > 0);
    expect(broken.length).toBeGreaterThan(120);
    expect(broken.length).toBeLessThan(280);
    expect(new Set(broken.map((r) => r.injectedRule))).toEqual(new Set(INJECTABLE_RULES));
    const byFile = new Map<string, string[]>(reports.map((r) => [r.fileName, failingKeys(r)]));
    for (const [earlier, later] of pairs(reports)) byFile.get(later.fileName)!.push(...crossYearKeys(earlier, later));
    for (const r of reports) expect(byFile.get(r.fileName)!.sort()).toEqual([...r.injectedErrors].sort());
    expect(generateReports(50, { seed: 12, errorRate: 0 }).every((r) => r.injectedErrors.length === 0)).toBe(true);
  });

  it('produces HTML pages with rowspan/colspan tables', () => {
    const [page] = generateReports(1, { seed: 3, format: 'html' });
    expect(page.kind).toBe('html');
    expect(page.fileName.endsWith('.html')).toBe(true);
    expect(page.html).toContain('<table');
    expect(page.html).toMatch(/<th rowspan="3" colspan="3"[^>]*>（本列数据的勾稽关系为/);
    expect(page.html).toMatch(/<th colspan="10"[^>]*>行政诉讼<\/th>/);
  });
});

describe('generated reports through the importer', () => {
  it('parse to the generated figures, and the validator finds exactly the injected errors', async () => {
    const reports = generateReports(36, { seed: 2024, errorRate: 0.45, format: 'mixed' });
    expect(reports.some((r) => r.kind === 'html')).toBe(true);
    const parsed = new Map<string, Awaited<ReturnType<typeof importDocument>>>();
    for (const r of reports) {
      const doc = await importDocument(new TextEncoder().encode(r.content), r.fileName);
      parsed.set(r.fileName, doc);
      expect(doc.parsed.body.printed).toBe(r.body);
      expect(doc.parsed.year).toBe(r.year);
      expect(doc.parsed.format).toBe('2021');
      // every cell of the three tables, as generated
      const values = tableValues(doc.parsed.tables);
      for (const row of APPLICATIONS_2021.rows) {
        for (const col of row.columns) expect(values.applications?.[row.id]?.[col.id], `${r.fileName} ${row.id}.${col.id}`).toBe(num(r.values.applications[row.id][col.id]));
      }
      for (const [rowId, cols] of Object.entries(r.values.reviewLitigation)) {
        for (const [colId, v] of Object.entries(cols)) expect(values.reviewLitigation?.[rowId]?.[colId]).toBe(num(v));
      }
      for (const [rowId, cols] of Object.entries(r.values.proactive)) {
        for (const [colId, v] of Object.entries(cols)) expect(values.proactive?.[rowId]?.[colId]).toBe(num(v));
      }
      const fails = doc.evaluations.filter((e) => e.status === 'fail').map((e) => e.key).sort();
      expect(fails, r.fileName).toEqual(r.injectedErrors.filter((k) => !k.startsWith('crossYear.')).sort());
    }
    for (const [earlier, later] of pairs(reports)) {
      const a = parsed.get(earlier.fileName)!.parsed;
      const b = parsed.get(later.fileName)!.parsed;
      const { later: evaluations } = validateCrossYear({ ...a, id: 'a' }, { ...b, id: 'b' });
      const fails = evaluations.filter((e) => e.status === 'fail').map((e) => e.key).sort();
      expect(fails, later.fileName).toEqual(later.injectedErrors.filter((k) => k.startsWith('crossYear.')).sort());
    }
  });
});
