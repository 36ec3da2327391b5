/**
 * Bodies and comparison benchmark (issue 10) on an archive where 10,000 bodies report for one year
 * (bench/bodies-archive.ts). Each figure is taken in a fresh child process — the first request
 * after opening the archive, as a user meets it — beside a baseline measured in the same run:
 *  1. year overview of the 10,000 reports: the API call cold (target with rendering < 500 ms),
 *     beside reading and parsing every report file of the year; then the overview rendered in
 *     Chromium (tab click → rows painted, the API request cold in a fresh browser host);
 *  2. a body's timeline cold (target < 100 ms), beside reading that body's report files;
 *  3. XLSX export of the 10,000 reports to a file (target < 10 s, peak RSS < 500 MB), beside a
 *     plain JSON Lines dump of the same rows' cells.
 * Options: --reports=N (bodies reporting in the year, default 10000), --rebuild, --no-browser.
 */
import { readFile, rm } from 'node:fs/promises';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { openArchiveService } from '../core/service/index.ts';
import { cellValues } from '../core/compare/cells.ts';
import { startBrowserHost } from '../core/host/index.ts';
import { buildRenderer, CHROMIUM_ARGS } from '../test/e2e/harness.ts';
import { lookupChromium } from '../test/support/chromium.ts';
import { OVERVIEW_YEAR, prepareBodiesArchive } from './bodies-archive.ts';
import { option, runBenchChild } from './support.ts';
import { peakRssMb } from './peak-rss.ts';

const SELF = fileURLToPath(import.meta.url);
const TARGET = { overviewMs: 500, timelineMs: 100, xlsxMs: 10_000, xlsxRssMb: 500 };

const ms = (x: number) => `${x.toFixed(0)} ms`;
const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

interface ChildResult {
  ms: number;
  /** CPU time of the measured call (user + system), less sensitive than ms to other programs on the machine. */
  cpuMs?: number;
  warmMs?: number;
  maxRssMb: number;
  count: number;
  bytes?: number;
}

function child(mode: string, ...args: string[]): Promise<ChildResult> {
  return runBenchChild<ChildResult>(SELF, mode, args);
}

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** In the child: one measurement, printed as one JSON line. */
async function childMain(mode: string, dir: string, arg: string): Promise<void> {
  const report = (r: Omit<ChildResult, 'maxRssMb'>) => console.log(JSON.stringify({ ...r, maxRssMb: peakRssMb() }));
  if (mode === 'read-year' || mode === 'read-body' || mode === 'jsonl-dump') {
    // Baselines: the catalogue rows come from the service (not timed), the files are read plainly.
    const service = await openArchiveService({ archiveDir: dir, host: 'browser', loadSample: false, lazySearch: true });
    const rows = (await service.listReports({ allVersions: mode === 'read-body' })).filter((e) => (mode === 'read-body' ? e.bodyId === arg : e.year === OVERVIEW_YEAR));
    await service.close();
    const started = performance.now();
    if (mode === 'jsonl-dump') {
      const out = createWriteStream(arg);
      for (const e of rows) {
        const r = JSON.parse(await readFile(join(dir, 'reports', `${e.id}.json`), 'utf8'));
        if (!out.write(`${JSON.stringify({ ...e, cells: cellValues(r) })}\n`)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      return report({ ms: performance.now() - started, count: rows.length, bytes: statSync(arg).size });
    }
    let cells = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        for (let i = lane; i < rows.length; i += 8) cells += Object.keys(JSON.parse(await readFile(join(dir, 'reports', `${rows[i].id}.json`), 'utf8')).tables).length;
      }),
    );
    return report({ ms: performance.now() - started, count: rows.length });
  }
  // The app's own path: open the archive as the app does (search index building in the background), then the first request.
  const service = await openArchiveService({ archiveDir: dir, host: 'browser', loadSample: false, lazySearch: mode === 'xlsx' || process.env.BENCH_LAZY === '1' });
  try {
    if (mode === 'overview') {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const first = await service.yearOverview({ year: OVERVIEW_YEAR });
      const cold = performance.now() - t0;
      const cpuMs = cpuMsSince(cpu0);
      const t1 = performance.now();
      await service.yearOverview({ year: OVERVIEW_YEAR });
      return report({ ms: cold, cpuMs, warmMs: performance.now() - t1, count: first.count });
    }
    if (mode === 'timeline') {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const first = await service.bodyTimeline(arg);
      const cold = performance.now() - t0;
      const cpuMs = cpuMsSince(cpu0);
      const t1 = performance.now();
      await service.bodyTimeline(arg);
      return report({ ms: cold, cpuMs, warmMs: performance.now() - t1, count: first.years.length });
    }
    if (mode === 'xlsx') {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const count = await service.exportDatasetToFile({ year: OVERVIEW_YEAR, format: 'xlsx' }, arg);
      return report({ ms: performance.now() - t0, cpuMs: cpuMsSince(cpu0), count, bytes: statSync(arg).size });
    }
    throw new Error(`unknown mode ${mode}`);
  } finally {
    await service.close();
  }
}

/** The overview in Chromium: a fresh browser host (cold service), 比较 → 年度总览, until its rows are painted. */
async function renderedOverview(archiveDir: string): Promise<{ total: number; request: number; render: number; rows: number } | string> {
  const found = lookupChromium();
  if (!found.found) return found.message;
  const staticDir = buildRenderer();
  const host = await startBrowserHost({ archiveDir, port: 0, staticDir, loadSample: false });
  const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })).newPage();
    await page.goto(host.url);
    await page.waitForSelector('[role=option]');
    await page.locator('.nav-button', { hasText: '比较' }).click();
    await page.waitForSelector('[data-testid=timeline] select option:nth-child(2)', { state: 'attached' });
    return await page.evaluate(async () => {
      const tab = [...document.querySelectorAll<HTMLElement>('[role=tab]')].find((b) => b.textContent === '年度总览')!;
      const t0 = performance.now();
      tab.click();
      const selector = '.overview-table tbody tr[data-id]';
      await new Promise<void>((resolve) => {
        if (document.querySelector(selector)) return resolve();
        new MutationObserver((_, o) => document.querySelector(selector) && (o.disconnect(), resolve())).observe(document.body, { childList: true, subtree: true });
      });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const end = performance.now();
      const fetched = performance.getEntriesByName('nianbao:overview-fetched').pop();
      const request = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.endsWith('/api/yearOverview')).pop();
      return {
        total: end - t0,
        request: request ? request.responseEnd - request.startTime : NaN,
        render: fetched ? end - fetched.startTime : NaN,
        rows: document.querySelectorAll(selector).length,
      };
    });
  } finally {
    await browser.close();
    await host.close();
    rmSync(staticDir, { recursive: true, force: true });
  }
}

export async function run(args: string[] = []): Promise<void> {
  const bodies = Number(option(args, 'reports') ?? 10_000);
  console.log(`bodies bench: ${bodies} bodies reporting for ${OVERVIEW_YEAR} (one in five also for ${OVERVIEW_YEAR - 1}); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  const dir = await prepareBodiesArchive(bodies, option(args, 'rebuild') === 'true');
  // A user's archive has its search index: built (not timed) so a fresh process opens it instead of building it.
  const indexing = await openArchiveService({ archiveDir: dir, host: 'browser', loadSample: false });
  for (let i = 0; i < 1200 && (await indexing.search({ query: '政府', pageSize: 1 })).index !== 'ready'; i++) await new Promise((r) => setTimeout(r, 500));
  await indexing.close();

  // 1. Year overview.
  const readYear = await child('read-year', dir, '');
  const overview = await child('overview', dir, '');
  console.log(
    `  year overview of ${overview.count} reports, API call cold (fresh process, first request): ${ms(overview.ms)} (CPU ${ms(overview.cpuMs!)}); warm ${ms(overview.warmMs!)}\n` +
      `    baseline: reading + JSON.parse of the year's ${readYear.count} report files: ${ms(readYear.ms)}; ratio ${ratio(overview.ms, readYear.ms)}`,
  );
  if (option(args, 'no-browser') !== 'true') {
    const shown = await renderedOverview(dir);
    if (typeof shown === 'string') console.log(`  rendered overview: skipped (${shown})`);
    else
      console.log(
        `  year overview rendered in Chromium (tab click → ${shown.rows} rows painted, fresh host): ${ms(shown.total)}   target < ${TARGET.overviewMs} ms: ${pass(shown.total < TARGET.overviewMs)}\n` +
          `    of which the yearOverview request ${ms(shown.request)}, rendering after the response ${ms(shown.render)}`,
      );
  }

  // 2. Timeline of a body with two years (the first body of the archive has 2022 and 2023).
  const service = await openArchiveService({ archiveDir: dir, host: 'browser', loadSample: false, lazySearch: true });
  const rows = await service.listReports({});
  await service.close();
  const counts = new Map<string, number>();
  for (const e of rows) counts.set(e.bodyId, (counts.get(e.bodyId) ?? 0) + 1);
  const body = [...counts].find(([, n]) => n >= 2)![0];
  const readBody = await child('read-body', dir, body);
  const timeline = await child('timeline', dir, body);
  console.log(
    `  timeline of ${body} (${timeline.count} years) cold: ${ms(timeline.ms)} (CPU ${ms(timeline.cpuMs!)}); warm ${ms(timeline.warmMs!)}   target < ${TARGET.timelineMs} ms: ${pass(timeline.ms < TARGET.timelineMs)}\n` +
      `    baseline: reading + JSON.parse of its ${readBody.count} report files: ${ms(readBody.ms)}`,
  );

  // 3. XLSX export.
  const xlsxFile = join(tmpdir(), `nianbao-bench-${process.pid}.xlsx`);
  const jsonlFile = join(tmpdir(), `nianbao-bench-${process.pid}.jsonl`);
  try {
    const dump = await child('jsonl-dump', dir, jsonlFile);
    const xlsx = await child('xlsx', dir, xlsxFile);
    console.log(
      `  XLSX export of ${xlsx.count} reports (child process): ${ms(xlsx.ms)} (CPU ${ms(xlsx.cpuMs!)}), ${(xlsx.bytes! / 1e6).toFixed(1)} MB   target < ${TARGET.xlsxMs} ms: ${pass(xlsx.ms < TARGET.xlsxMs)}\n` +
        `    peak RSS ${xlsx.maxRssMb.toFixed(0)} MB   target < ${TARGET.xlsxRssMb} MB: ${pass(xlsx.maxRssMb < TARGET.xlsxRssMb)}\n` +
        `    baseline: plain JSON Lines dump of the same ${dump.count} rows' cells: ${ms(dump.ms)}, peak RSS ${dump.maxRssMb.toFixed(0)} MB; ratios ${ratio(xlsx.ms, dump.ms)} time, ${ratio(xlsx.maxRssMb, dump.maxRssMb)} memory`,
    );
  } finally {
    await rm(xlsxFile, { force: true });
    await rm(jsonlFile, { force: true });
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (process.argv[2] === '--bench-child') await childMain(process.argv[3], process.argv[4], process.argv[5] ?? '');
  else await run(process.argv.slice(2));
}
