/**
 * The archive of the bodies benchmark: 10,000 bodies reporting for one year (so a year overview
 * holds 10,000 reports, the case the target names), one in five of them also the year before
 * (previous-year figures, outliers and cross-year rules are exercised, and a timeline has two
 * years). One in five files is HTML; one report in ten breaks a rule (the XLSX findings sheet).
 * Built once through the archive service, as an import would, into bench/out/bodies-archive-<n>/.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchiveService } from '../core/service/index.ts';
import { bodyFor, createRng, generateSeries, INJECTABLE_RULES, type GeneratedReport, type YearPlan } from './generator.ts';

export const OVERVIEW_YEAR = 2023;
const SEED = 20261210;
const outDir = fileURLToPath(new URL('./out/', import.meta.url));

function* reportsOf(bodies: number): Generator<GeneratedReport> {
  const rules = INJECTABLE_RULES.filter((r) => !r.startsWith('crossYear.'));
  for (let i = 0; i < bodies; i++) {
    const rng = createRng(SEED + i);
    const plan = (year: number): YearPlan => ({
      year,
      format: '2021',
      kind: rng() < 0.2 ? 'html' : 'text',
      inject: rng() < 0.1 ? rules[Math.floor(rng() * rules.length)] : null,
    });
    const years = i % 5 === 0 ? [OVERVIEW_YEAR - 1, OVERVIEW_YEAR] : [OVERVIEW_YEAR];
    yield* generateSeries(SEED * 7 + i, bodyFor(i, SEED), years.map(plan));
  }
}

/** The archive's folder (built when missing or with rebuild) and the number of reports in it. */
export async function prepareBodiesArchive(bodies: number, rebuild = false): Promise<string> {
  const dir = join(outDir, `bodies-archive-${bodies}`);
  const done = join(dir, '.complete');
  if (existsSync(done) && !rebuild) return dir;
  rmSync(dir, { recursive: true, force: true });
  const service = await openArchiveService({ archiveDir: dir, host: 'browser', loadSample: false, lazySearch: true });
  const encoder = new TextEncoder();
  const started = performance.now();
  let batch: { name: string; bytes: Uint8Array }[] = [];
  let imported = 0;
  const flush = async () => {
    const outcomes = await service.importFiles(batch);
    imported += outcomes.filter((o) => o.status === 'imported').length;
    const failed = outcomes.filter((o) => o.status === 'failed');
    if (failed.length) console.log(`  ${failed.length} failed, e.g. ${JSON.stringify(failed[0])}`);
    batch = [];
    if (imported % 1000 < 250) console.log(`  prepared ${imported} reports (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  };
  for (const report of reportsOf(bodies)) {
    batch.push({ name: report.fileName, bytes: encoder.encode(report.content) });
    if (batch.length >= 250) await flush();
  }
  if (batch.length) await flush();
  await service.close();
  writeFileSync(done, `${imported}\n`);
  console.log(`  archive of ${imported} reports built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await prepareBodiesArchive(Number(process.argv[2] ?? 10_000), process.argv.includes('--rebuild')));
}
