import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSampleArchive } from '../../bench/generator.ts';
import { importDocument } from '../../core/ingest/index.ts';
import type { ParsedReport } from '../../core/model.ts';
import { validateCrossYear } from '../../core/validate/index.ts';

const SAMPLE_DIR = new URL('../../resources/sample/', import.meta.url);

/** The deliberate inconsistencies, as listed in resources/sample/README.md. */
const EXPECTED_FINDINGS: Record<string, string[]> = {
  '澄溪市人民政府2023年政府信息公开工作年度报告.txt': ['crossYear.carryOver:2022-2023:research', 'crossYear.carryOver:2022-2023:total'],
  '岚川县人民政府2022年政府信息公开工作年度报告.txt': ['applications.balance:commercial', 'applications.balance:total'],
  '棠屿市生态环境局2023年政府信息公开工作年度报告.txt': ['narrative.mismatch:applications.received.total'],
};

describe('bundled sample archive', () => {
  const files = readdirSync(SAMPLE_DIR).filter((f) => /\.(txt|html)$/.test(f)).sort();

  it('is exactly what buildSampleArchive() produces, and the README lists every file', () => {
    const built = buildSampleArchive();
    expect(files).toEqual(built.map((f) => f.fileName).sort());
    for (const f of built) expect(readFileSync(new URL(encodeURIComponent(f.fileName), SAMPLE_DIR), 'utf8'), f.fileName).toBe(f.content);
    const readme = readFileSync(new URL('README.md', SAMPLE_DIR), 'utf8');
    for (const f of files) expect(readme).toContain(f);
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(files.length).toBeLessThanOrEqual(12);
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(1);
  });

  it('imports with exactly the deliberate findings (single-report and across years)', async () => {
    const parsed: { file: string; report: ParsedReport }[] = [];
    const found: Record<string, string[]> = {};
    for (const file of files) {
      const bytes = readFileSync(new URL(encodeURIComponent(file), SAMPLE_DIR));
      const doc = await importDocument(new Uint8Array(bytes), file);
      parsed.push({ file, report: doc.parsed });
      found[file] = doc.evaluations.filter((e) => e.status === 'fail').map((e) => e.key);
    }
    const formats = parsed.map((p) => p.report.format);
    expect(formats.filter((f) => f === '2019-trial')).toHaveLength(1);
    expect(formats.filter((f) => f === '2021')).toHaveLength(files.length - 1);
    const byBody = new Map<string, ParsedReport[]>();
    for (const { report } of parsed) byBody.set(report.body.printed, [...(byBody.get(report.body.printed) ?? []), report]);
    expect(byBody.size).toBe(4);
    for (const reports of byBody.values()) {
      reports.sort((a, b) => a.year! - b.year!);
      for (let i = 1; i < reports.length; i++) {
        expect(reports[i].year).toBe(reports[i - 1].year! + 1);
        const { later } = validateCrossYear({ ...reports[i - 1], id: 'a' }, { ...reports[i], id: 'b' });
        const file = parsed.find((p) => p.report === reports[i])!.file;
        found[file].push(...later.filter((e) => e.status === 'fail').map((e) => e.key));
      }
    }
    for (const file of files) expect(found[file].sort(), file).toEqual(EXPECTED_FINDINGS[file] ?? []);
  });
});
