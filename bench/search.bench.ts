/**
 * npm run bench:search [-- --quick] [-- --sizes=1000,10000]
 *
 * On generated archives of 1,000 / 10,000 / 100,000 reports (test/search/reports.ts builds
 * Report objects directly, ~4,000 characters each), side by side on the same reports and queries:
 *   engine      this SearchEngine, loaded from its on-disk index in a fresh child process
 *               (so RSS/heap are the search process's own), after a warm-up on other queries
 *               (JIT; a query of every measured shape and frequency class, none a substring of a
 *               measured query).
 *               Per query: cold = COLD_RUNS runs with every cache dropped (a query typed for the
 *               first time), in rounds of every query in turn; the first cached run (fills the
 *               cache); cached = 20 more runs (the query again: paging, re-render, refining).
 *               Targets are read on cold; cached is printed beside it;
 *   fuse-plain  fuse.js the plain way: one Fuse over each report's chapter texts, default options;
 *   fuse-ext    fuse.js extended search with exact-include tokens ('term);
 *   brute       a brute-force indexOf scan over the same normalized texts, ranked by occurrences
 *               (the figure query: a pass over each report's value of the cell, kept in memory).
 * Up to 10,000 reports the engine and brute-force runs are taken in SESSIONS sessions (a fresh
 * search process, then the brute-force runs) and pooled.
 * Per query: median / p95 latency of the first page of 20 ranked results with snippets, and the
 * exact match count. Per engine: build time, heap, RSS, index size on disk, load time; and the
 * incremental add of one report to the 10,000-report index.
 * fuse-plain is capped by a time budget (it is far too slow at scale); capped cells say so.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { SearchEngine } from '../core/search/index.ts';
import { normalize } from '../core/search/normalize.ts';
import type { CatalogueEntry, Report } from '../core/model.ts';
import { entryOf } from '../core/archive/store.ts';
import { allFieldsWithLabels } from '../core/search/document.ts';
import { reportPlainText } from '../test/search/reports.ts';
import { realisticReport as makeReport } from './realistic-corpus.ts';

const SEED = 20261129;
/**
 * Queries by how many reports they match in the realistic corpus (bench/realistic-corpus.ts;
 * the share measured on the corpus is printed beside each): template phrases (~100 %), topical
 * terms (~30 %, ~10 %, ~3 %, ~1 %), a rare project name (~0.1 %), and the shapes people type.
 */
const QUERIES: { label: string; engine: string; text: string[] | null; excluded?: string[]; figure?: boolean }[] = [
  { label: '~100% 政府信息公开', engine: '政府信息公开', text: ['政府信息公开'] },
  { label: '~100% 行政复议 (also a table label)', engine: '行政复议', text: ['行政复议'] },
  { label: '~100% 公开 (2 chars)', engine: '公开', text: ['公开'] },
  { label: '~30% 队伍专业化', engine: '队伍专业化', text: ['队伍专业化'] },
  { label: '~10% 政策解读信息', engine: '政策解读信息', text: ['政策解读信息'] },
  { label: '~3% 依申请公开', engine: '依申请公开', text: ['依申请公开'] },
  { label: '~3% phrase 摸清文件底数', engine: '"摸清文件底数"', text: ['摸清文件底数'] },
  { label: '~1% 理论学习', engine: '理论学习', text: ['理论学习'] },
  { label: '~0.1% rare name 澄溪数据共享平台', engine: '澄溪数据共享平台', text: ['澄溪数据共享平台'] },
  { label: '0% typo 行政复义', engine: '行政复义', text: ['行政复义'] },
  { label: 'AND ~30% × ~3%', engine: '队伍专业化 依申请公开', text: ['队伍专业化', '依申请公开'] },
  { label: '~100% minus ~3%', engine: '政府信息公开 -依申请公开', text: ['政府信息公开'], excluded: ['依申请公开'] },
  { label: 'body 伊春市人民政府 (~0.1%)', engine: '伊春市人民政府', text: ['伊春市人民政府'] },
  { label: 'figure 本机关不掌握>100', engine: '本机关不掌握>100', text: null, figure: true },
];

/**
 * Warm-up queries, run before any measurement in every engine (JIT compilation of the query
 * paths; a desktop app runs for hours, a benchmark process for seconds). None of their terms is
 * a substring of a measured query, so they leave nothing in the engine's term cache that a
 * measured query could use.
 */
/**
 * Rounds of the warm-up: enough for V8 to finish optimising every query path (after 10 rounds the
 * figure query still ran at 1 ms where the same code settles at 0.3–0.4 ms). The first query after
 * opening, before any warm-up, is measured on its own.
 */
const WARMUP_ROUNDS = 40;
const WARMUP: { engine: string; text: string[] | null }[] = [
  { engine: '年度报告', text: ['年度报告'] },
  { engine: '工作', text: ['工作'] },
  { engine: '"信息发布平台"', text: ['信息发布平台'] },
  { engine: '年度报告 -工作 year:2020..2024', text: ['年度报告'] },
  { engine: '行政诉讼>=1', text: null },
  // The other shapes of the measured queries (each shape takes its own branches of the scan).
  { engine: '年度报告 工作', text: ['年度报告', '工作'] },
  { engine: '年度报告 -信息发布平台', text: ['年度报告'] },
  { engine: '行政诉讼', text: ['行政诉讼'] },
  // Every frequency class measured, with other terms (share of reports in this corpus): how many
  // documents a term has decides which branches run (bitset or list postings, page reads).
  { engine: '培训', text: ['培训'] }, // ~24 %
  { engine: '考核', text: ['考核'] }, // ~9 %
  { engine: '政务新媒体', text: ['政务新媒体'] }, // ~2 %
  { engine: '答复', text: ['答复'] }, // ~1 %
  { engine: '泠溪政务服务综合体', text: ['泠溪政务服务综合体'] }, // ~0.1 %
  { engine: '保密审察', text: ['保密审察'] }, // a typo: 0 %
  { engine: '培训 政务新媒体', text: ['培训', '政务新媒体'] },
  { engine: '主动公开 -督查', text: ['主动公开'] },
  { engine: '哈尔滨市人民政府', text: ['哈尔滨市人民政府'] }, // a body, ~0.1 %
];

/** Issue 13's targets on this 2-core machine, read on cold queries. */
const TARGETS: Record<number, { coldP95: number; vsBrute?: number; firstQuery?: number; loadMs?: number; rss?: number }> = {
  10000: { coldP95: 10, vsBrute: 3 },
  100000: { coldP95: 50, firstQuery: 150, loadMs: 1500, rss: 1.2 * 1024 * 1048576 },
};

/**
 * Cold runs per query: p95 of 60 is the fourth worst. Of 20 it was the second worst, so two
 * runs caught by a garbage collection or another program decided the figure (the same query
 * measured 3,000 times: p95 0.58 ms; in 20 runs: 2.74 ms).
 */
const COLD_RUNS = 60;
/** Brute-force runs per query at 10,000 reports, over all sessions (p95 of 30: the second worst); fewer above (they take seconds). */
const BRUTE_RUNS = 30;
/**
 * Sessions up to 10,000 reports: a fresh search process measures every query, then the
 * brute-force scan measures them (BRUTE_RUNS / SESSIONS runs each) at once after it; both sides'
 * runs are pooled over the sessions. The machine's slow spells (the same 920-byte reads took 4 µs
 * at p99 in one minute and 124 µs in another) then fall on both sides alike, not on one process's runs.
 */
const SESSIONS = 3;

interface QueryStat {
  median: number;
  p95: number;
  count: number | string;
  runs: number;
  cpuMedian?: number;
  cold?: number;
  coldP95?: number;
  priming?: number;
  /** Every run's time (the parent pools them over sessions). */
  coldSamples?: number[];
  cachedSamples?: number[];
  samples?: number[];
}

function stats(times: number[]): { median: number; p95: number } {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}


// ---- child process: build, or load + query ------------------------------------------------

async function childBuild(dir: string, n: number): Promise<void> {
  const engine = await SearchEngine.open(dir, () => [], async () => {
    throw new Error('not used');
  });
  let buildMs = 0;
  const batch = 1000;
  // The catalogue rows the archive would hold: at open the index checks each document against
  // its row (metadata and finding counts), so the query process needs the real rows.
  const catalogue: CatalogueEntry[] = [];
  for (let start = 0; start < n; start += batch) {
    const reports: Report[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) reports.push(makeReport(i, SEED));
    for (const r of reports) catalogue.push(entryOf(r, true));
    const t = performance.now();
    for (const r of reports) await engine.add(r);
    buildMs += performance.now() - t;
  }
  const t = performance.now();
  engine.snapshot();
  const writeMs = performance.now() - t;
  const mem = process.memoryUsage();
  writeFileSync(join(dir, 'catalogue.json'), JSON.stringify(catalogue));
  process.stdout.write(JSON.stringify({ buildMs, writeMs, heap: mem.heapUsed, rss: mem.rss }));
}

async function childQuery(dir: string, runs: number, incremental: boolean): Promise<void> {
  const catalogue = JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8')) as CatalogueEntry[];
  const ids = catalogue.map((e) => e.id);
  const baseRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const engine = await SearchEngine.open(dir, () => catalogue, async () => {
    throw new Error('index should load, not rebuild');
  });
  const loadMs = performance.now() - t0;
  const status = engine.status();
  if (status.state !== 'ready' || status.reports !== ids.length) throw new Error(`the index did not load as built: ${JSON.stringify(status)}`);
  let firstQueryMs = 0;
  for (let round = 0; round < WARMUP_ROUNDS; round++) {
    for (const w of WARMUP) {
      const t = performance.now();
      await engine.search({ query: w.engine, pageSize: 20 }, { noCache: round % 2 === 0 });
      if (round === 0 && w === WARMUP[0]) firstQueryMs = performance.now() - t;
    }
  }
  // The background pass after open (checksums, document heads) has finished, as it has a moment
  // after the app opened; the first query above ran before it.
  const tReady = performance.now();
  await engine.whenReady();
  const readyWaitMs = performance.now() - tReady;
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  const out: Record<string, QueryStat> = {};
  // Cold: nothing cached (terms, rows, texts, field tables, columns dropped before each run), as
  // the first time a query is typed. Round after round of every query, as a user alternates
  // them: a block of one query's runs let V8 specialise on its shape (optimistic) and put a
  // shape's first deoptimisation into that query's figures alone.
  const coldTimes = new Map<string, number[]>(QUERIES.map((q) => [q.label, []]));
  const totals = new Map<string, number>();
  for (let r = 0; r < COLD_RUNS; r++) {
    for (const q of QUERIES) {
      engine.dropCaches();
      const t = performance.now();
      const result = await engine.search({ query: q.engine, pageSize: 20 }, { noCache: true });
      coldTimes.get(q.label)!.push(performance.now() - t);
      totals.set(q.label, result.total);
    }
  }
  for (const q of QUERIES) {
    // The first run with the cache fills it (a cold query that also remembers its term positions).
    let t = performance.now();
    await engine.search({ query: q.engine, pageSize: 20 });
    const priming = performance.now() - t;
    // Warm: the same query again (paging, re-rendering, refining a query typed before).
    const times: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      const c = process.cpuUsage();
      t = performance.now();
      await engine.search({ query: q.engine, pageSize: 20 });
      times.push(performance.now() - t);
      cpu.push(process.cpuUsage(c).user / 1000);
    }
    const cold = stats(coldTimes.get(q.label)!);
    out[q.label] = { ...stats(times), count: totals.get(q.label)!, runs, cpuMedian: stats(cpu).median, cold: cold.median, coldP95: cold.p95, priming, coldSamples: coldTimes.get(q.label)!, cachedSamples: times };
  }
  const addMs: number[] = [];
  if (incremental) {
    for (let k = 0; k < 7; k++) {
      const r = makeReport(ids.length + k, SEED);
      const t = performance.now();
      await engine.add(r);
      addMs.push(performance.now() - t);
    }
  }
  const after = process.memoryUsage();
  process.stdout.write(
    JSON.stringify({ loadMs, firstQueryMs, readyWaitMs, origin: status.origin, heap: mem.heapUsed, rss: mem.rss, rssBefore: baseRss, rssAfterQueries: after.rss, queries: out, addMs: addMs.length ? stats(addMs) : null }),
  );
}

function runChild(args: string[]): Record<string, unknown> {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', self, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out) as Record<string, unknown>;
}

// ---- baselines in this process -----------------------------------------------------------

interface Doc {
  id: string;
  text: string;
  norm: string;
  /** applications.unavailable.notHeld.total (the figure query), kept instead of the whole report. */
  notHeld: number | null;
}

function snippetAround(text: string, pos: number): string {
  return text.slice(Math.max(0, pos - 24), pos + 56);
}

function bruteSearch(docs: Doc[], q: (typeof QUERIES)[number]): number {
  const matches: { d: Doc; score: number; pos: number }[] = [];
  if (q.figure) {
    for (const d of docs) {
      const v = d.notHeld;
      if (v != null && v > 100) matches.push({ d, score: v, pos: 0 });
    }
  } else {
    const terms = q.text!.map(normalize);
    const excluded = (q.excluded ?? []).map(normalize);
    for (const d of docs) {
      let score = 0;
      let first = -1;
      if (excluded.some((x) => d.norm.includes(x))) continue;
      for (const t of terms) {
        let pos = d.norm.indexOf(t);
        if (pos < 0) {
          score = -1;
          break;
        }
        if (first < 0) first = pos;
        while (pos >= 0) {
          score++;
          pos = d.norm.indexOf(t, pos + t.length);
        }
      }
      if (score > 0) matches.push({ d, score, pos: first });
    }
  }
  matches.sort((a, b) => b.score - a.score);
  for (const m of matches.slice(0, 20)) snippetAround(m.d.norm, m.pos);
  return matches.length;
}

async function measure(fn: () => number, runs: number, budgetMs: number): Promise<QueryStat> {
  const times: number[] = [];
  let count = 0;
  const start = performance.now();
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    count = fn();
    times.push(performance.now() - t);
    if (performance.now() - start > budgetMs) break;
  }
  return { ...stats(times), count, runs: times.length, samples: times };
}

function fmt(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export async function run(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const sizesArg = args.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice(8).split(',').map(Number) : quick ? [1000, 10000] : [1000, 10000, 100000];
  console.log(`search benchmark · sizes ${sizes.join(', ')} · node ${process.version} · load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores shared)`);
  const summary: string[] = [];
  for (const n of sizes) {
    const runs = 20;
    const dir = mkdtempSync(join(tmpdir(), `nianbao-search-bench-${n}-`));
    try {
      console.log(`\n## ${n.toLocaleString('en')} reports`);
      const built = runChild(['--child-build', dir, String(n)]) as { buildMs: number; writeMs: number; heap: number; rss: number };
      let indexBytes = 0;
      for (const f of readdirSync(join(dir, 'search'))) indexBytes += statSync(join(dir, 'search', f)).size;
      // Baselines over the same reports.
      const tGen = performance.now();
      const docs: Doc[] = [];
      // brute scans what the engine searches (every field, table labels included); fuse.js gets
      // the chapter texts (as before), and only up to 10,000 reports (it is capped there anyway).
      const withFuse = n <= 10000;
      let indexedChars = 0;
      for (let i = 0; i < n; i++) {
        const report = makeReport(i, SEED);
        const norm = normalize(allFieldsWithLabels(report).map((f) => f.text).join('\n'));
        indexedChars += norm.length;
        docs.push({ id: report.id, text: withFuse ? reportPlainText(report) : '', norm, notHeld: report.tables.applications?.cells['unavailable.notHeld']?.total?.value ?? null });
      }
      const genMs = performance.now() - tGen;
      const m0 = process.memoryUsage();
      let t = performance.now();
      const fusePlain = new Fuse(withFuse ? docs : [], { keys: ['text'] });
      const fusePlainBuild = performance.now() - t;
      t = performance.now();
      const fuseExt = new Fuse(withFuse ? docs : [], { keys: ['text'], useExtendedSearch: true, ignoreLocation: true, threshold: 0 });
      const fuseExtBuild = performance.now() - t;
      const m1 = process.memoryUsage();

      // Sessions: a fresh search process, then the brute-force runs at once after it.
      type Loaded = { loadMs: number; firstQueryMs: number; origin: string; heap: number; rss: number; rssAfterQueries: number; queries: Record<string, QueryStat>; addMs: { median: number; p95: number } | null };
      const sessions = n <= 10000 ? SESSIONS : 1;
      const engineRuns: Loaded[] = [];
      const bruteSamples = new Map<string, number[]>(QUERIES.map((q) => [q.label, []]));
      const bruteCounts = new Map<string, number>();
      for (let session = 0; session < sessions; session++) {
        // The incremental adds change the index: in the last session only.
        engineRuns.push(runChild(['--child-query', dir, String(runs), n === 10000 && session === sessions - 1 ? 'incremental' : '']) as unknown as Loaded);
        for (const q of QUERIES) {
          const brute = await measure(() => bruteSearch(docs, q), n >= 100000 ? 5 : Math.ceil(BRUTE_RUNS / sessions), 15000);
          bruteSamples.get(q.label)!.push(...brute.samples!);
          bruteCounts.set(q.label, brute.count as number);
        }
      }
      // Load, first query and memory as the first session met them (a fresh process on the index as built).
      const loaded = engineRuns[0];
      const addMs = engineRuns[engineRuns.length - 1].addMs;
      const pooled = (label: string, key: 'coldSamples' | 'cachedSamples') => stats(engineRuns.flatMap((r) => r.queries[label][key]!));

      const rows: string[][] = [];
      const plainBudget = n >= 100000 ? 20000 : n >= 10000 ? 30000 : 20000;
      let plainSpent = 0;
      const ratios: { q: string; vsFuse?: number; vsBrute: number }[] = [];
      let worstColdP95 = 0;
      let worstCachedP95 = 0;
      for (const q of QUERIES) {
        const first = loaded.queries[q.label];
        const cold = pooled(q.label, 'coldSamples');
        const cached = pooled(q.label, 'cachedSamples');
        const e = { cold: cold.median, coldP95: cold.p95, median: cached.median, p95: cached.p95, priming: first.priming, count: first.count };
        const brute = { ...stats(bruteSamples.get(q.label)!), count: bruteCounts.get(q.label)! };
        let plain: QueryStat | null = null;
        let ext: QueryStat | null = null;
        if (q.text && withFuse) {
          ext = await measure(() => {
            const res = fuseExt.search(q.text!.map((x) => `'${x}`).join(' '));
            res.slice(0, 20);
            return res.length;
          }, n >= 100000 ? 3 : 5, 10000);
          if (plainSpent < plainBudget) {
            const s = performance.now();
            plain = await measure(() => {
              const res = fusePlain.search(q.text!.join(' '));
              res.slice(0, 20);
              return res.length;
            }, 3, Math.max(1, plainBudget - plainSpent));
            plainSpent += performance.now() - s;
          }
        }
        const share = `${((brute.count as number) / n * 100).toFixed(n >= 10000 ? 2 : 1)}%`;
        rows.push([
          q.label,
          share,
          `${fmt(e.cold)}/${fmt(e.coldP95)}`,
          `${fmt(e.median)}/${fmt(e.p95)} (1st ${fmt(e.priming)})`,
          String(e.count),
          `${fmt(brute.median)}/${fmt(brute.p95)}`,
          String(brute.count),
          `${(brute.p95 / e.coldP95).toFixed(1)}×`,
          plain ? `${fmt(plain.median)}/${fmt(plain.p95)} (${plain.runs}×)` : q.text && withFuse ? 'capped (budget spent)' : 'n/a',
          ext ? `${fmt(ext.median)}/${fmt(ext.p95)} (${ext.count})` : 'n/a',
        ]);
        ratios.push({ q: q.label, vsFuse: plain ? plain.median / e.cold : undefined, vsBrute: brute.p95 / e.coldP95 });
        worstColdP95 = Math.max(worstColdP95, e.coldP95);
        worstCachedP95 = Math.max(worstCachedP95, e.p95);
      }
      const header = ['query', 'share of reports', 'engine COLD med/p95 ms', 'cached med/p95 (1st cached run)', 'count', 'brute med/p95', 'count', 'brute p95 / cold p95', 'fuse-plain med/p95', 'fuse-ext med/p95 (count)'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      console.log(header.map((h, i) => h.padEnd(widths[i])).join(' | '));
      for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join(' | '));
      const perMillion = indexBytes / (indexedChars / 1e6);
      console.log(
        `corpus: ${n} reports, ${(indexedChars / 1e6).toFixed(1)} M characters searched (${Math.round(indexedChars / n)} per report, every field and table label); vocabulary from the real reports in test/fixtures (bench/realistic-corpus.ts)`,
      );
      console.log(
        `engine: build ${(built.buildMs / 1000).toFixed(1)} s (+ snapshot write ${(built.writeMs / 1000).toFixed(1)} s), index on disk ${mb(indexBytes)} (${mb(perMillion)} per million characters), load ${fmt(loaded.loadMs)} ms (${loaded.origin}), first query after open (${WARMUP[0].engine}, cold) ${fmt(loaded.firstQueryMs)} ms, search process after load heap ${mb(loaded.heap)} RSS ${mb(loaded.rss)} (after queries RSS ${mb(loaded.rssAfterQueries)})`,
      );
      if (sessions > 1) {
        console.log(
          `sessions: ${sessions} search processes, cold and cached runs pooled (${COLD_RUNS * sessions} cold runs per query), brute-force runs after each (${bruteSamples.get(QUERIES[0].label)!.length} in all); load ${engineRuns.map((r) => fmt(r.loadMs)).join(' / ')} ms, first query ${engineRuns.map((r) => fmt(r.firstQueryMs)).join(' / ')} ms`,
        );
      }
      if (addMs) console.log(`engine: incremental add of one report to the ${n}-report index: median ${fmt(addMs.median)} ms, p95 ${fmt(addMs.p95)} ms`);
      if (withFuse) {
        console.log(`fuse: plain build ${fmt(fusePlainBuild)} ms, extended build ${fmt(fuseExtBuild)} ms, heap ≈ ${mb(m1.heapUsed - m0.heapUsed)}; corpus generation ${fmt(genMs)} ms; baseline process RSS ${mb(m1.rss)}`);
      }
      const fuseRatios = ratios.filter((r) => r.vsFuse !== undefined);
      const minFuse = fuseRatios.length ? Math.min(...fuseRatios.map((r) => r.vsFuse!)) : NaN;
      const minBrute = Math.min(...ratios.map((r) => r.vsBrute));
      const targets = TARGETS[n];
      const verdicts = targets
        ? [
            `cold p95 ${fmt(worstColdP95)} ≤ ${targets.coldP95} ms ${worstColdP95 <= targets.coldP95 ? 'MET' : 'MISSED'}`,
            targets.vsBrute ? `brute p95 / cold p95 ≥ ${targets.vsBrute}×: ${minBrute.toFixed(1)}× ${minBrute >= targets.vsBrute ? 'MET' : 'MISSED'}` : '',
            targets.firstQuery ? `first query ${fmt(loaded.firstQueryMs)} ≤ ${targets.firstQuery} ms ${loaded.firstQueryMs <= targets.firstQuery ? 'MET' : 'MISSED'}` : '',
            targets.loadMs ? `load ${fmt(loaded.loadMs)} ≤ ${targets.loadMs} ms ${loaded.loadMs <= targets.loadMs ? 'MET' : 'MISSED'}` : '',
            targets.rss ? `RSS ${mb(loaded.rssAfterQueries)} ≤ ${mb(targets.rss)} ${loaded.rssAfterQueries <= targets.rss ? 'MET' : 'MISSED'}` : '',
          ].filter(Boolean)
        : [];
      const line = `${n}: COLD worst p95 ${fmt(worstColdP95)} ms (cached worst p95 ${fmt(worstCachedP95)} ms); brute p95 / cold p95 ≥ ${minBrute.toFixed(1)}×; vs fuse-plain (median) ≥ ${Number.isNaN(minFuse) ? 'n/a' : minFuse.toFixed(0) + '×'}; load ${fmt(loaded.loadMs)} ms; first query ${fmt(loaded.firstQueryMs)} ms; RSS ${mb(loaded.rssAfterQueries)}; index ${mb(perMillion)} per M chars${verdicts.length ? `\n    targets (issue 13, read on cold): ${verdicts.join('; ')}` : ''}`;
      console.log(line);
      summary.push(line);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nsummary (load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}):\n  ${summary.join('\n  ')}`);
}

// Child-process entry points (the parent runs this file with --child-build / --child-query).
const argv = process.argv;
if (argv[1] && fileURLToPath(import.meta.url) === argv[1]) {
  if (argv[2] === '--child-build') await childBuild(argv[3], Number(argv[4]));
  else if (argv[2] === '--child-query') await childQuery(argv[3], Number(argv[4]), argv[5] === 'incremental');
}
