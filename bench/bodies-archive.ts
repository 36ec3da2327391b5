/**
 * The archive of the bodies benchmark: 10,000 bodies reporting for one year (so a year overview
 * holds 10,000 reports, the case the target names), one in five of them also the year before
 * (previous-year figures, outliers and cross-year rules are exercised, and a timeline has two
 * years). One in five files is HTML; one report in ten breaks a rule (the XLSX findings sheet).
 * Built once through the archive service, as an import would, into bench/out/bodies-archive-<n>/.
 */
import { fileURLToPath } from 'node:url';
import { cachedArchive } from './support.ts';
import { bodyFor, createRng, generateSeries, INJECTABLE_RULES, type GeneratedReport, type YearPlan } from './generator.ts';

export const OVERVIEW_YEAR = 2023;
const SEED = 20261210;

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

/** The archive's folder (built when missing or with rebuild). */
export function prepareBodiesArchive(bodies: number, rebuild = false): Promise<string> {
  return cachedArchive(`bodies-archive-${bodies}`, reportsOf(bodies), { rebuild, lazySearch: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await prepareBodiesArchive(Number(process.argv[2] ?? 10_000), process.argv.includes('--rebuild')));
}
