/**
 * npm run bench:search [-- --quick] [-- --sizes=1000,10000]
 *
 * On generated archives of 1,000 / 10,000 / 100,000 reports (test/search/reports.ts builds
 * Report objects directly, ~4,000 characters each), side by side on the same reports and queries:
 *   engine      this SearchEngine, loaded from its on-disk index in a fresh child process
 *               (so RSS/heap are the search process's own), after a warm-up on other queries
 *               (JIT; terms that are no substring of a measured query). Per query: cold = 5 runs
 *               with the term cache bypassed (a query typed for the first time); the first cached
 *               run (fills the cache); warm = 20 more runs (the query again: paging, re-render,
 *               refining). Targets are checked on warm; cold is printed beside it;
 *   fuse-plain  fuse.js the plain way: one Fuse over each report's chapter texts, default options;
 *   fuse-ext    fuse.js extended search with exact-include tokens ('term);
 *   brute       a brute-force indexOf scan over the same normalized texts, ranked by occurrences.
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
import { makeReport, reportPlainText } from '../test/search/reports.ts';

const SEED = 20261129;
const QUERIES: { label: string; engine: string; text: string[] | null; figure?: boolean }[] = [
  { label: '行政复议', engine: '行政复议', text: ['行政复议'] },
  { label: '政府信息公开申请', engine: '政府信息公开申请', text: ['政府信息公开申请'] },
  { label: '惠企', engine: '惠企', text: ['惠企'] },
  { label: '不予公开', engine: '不予公开', text: ['不予公开'] },
  { label: '依申请公开', engine: '依申请公开', text: ['依申请公开'] },
  { label: '12345热线', engine: '12345热线', text: ['12345热线'] },
  { label: '公开 (2 chars, huge set)', engine: '公开', text: ['公开'] },
  { label: '10-char phrase', engine: '"梳理公开惠企政策清单"', text: ['梳理公开惠企政策清单'] },
  { label: 'typo 行政复义', engine: '行政复义', text: ['行政复义'] },
  { label: 'body 伊春市人民政府', engine: '伊春市人民政府', text: ['伊春市人民政府'] },
  { label: 'figure 本机关不掌握>100', engine: '本机关不掌握>100', text: null, figure: true },
  { label: '3-term AND', engine: '惠企 12345热线 依申请公开', text: ['惠企', '12345热线', '依申请公开'] },
];

/**
 * Warm-up queries, run before any measurement in every engine (JIT compilation of the query
 * paths; a desktop app runs for hours, a benchmark process for seconds). None of their terms is
 * a substring of a measured query, so they leave nothing in the engine's term cache that a
 * measured query could use.
 */
const WARMUP: { engine: string; text: string[] | null }[] = [
  { engine: '年度报告', text: ['年度报告'] },
  { engine: '工作', text: ['工作'] },
  { engine: '"信息发布平台"', text: ['信息发布平台'] },
  { engine: '年度报告 -工作 year:2020..2024', text: ['年度报告'] },
  { engine: '行政诉讼>=1', text: null },
];

interface QueryStat {
  median: number;
  p95: number;
  count: number | string;
  runs: number;
  cpuMedian?: number;
  cold?: number;
  coldP95?: number;
  priming?: number;
}

function stats(times: number[]): { median: number; p95: number } {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

function catalogueFor(ids: string[]): CatalogueEntry[] {
  return ids.map((id) => ({ id, body: '', bodyNormalized: '', year: null, title: '', format: '2021', importedAt: '', sha256: '', version: 1, latest: true, findings: 0, errors: 0, fileName: '' }));
}

// ---- child process: build, or load + query ------------------------------------------------

async function childBuild(dir: string, n: number): Promise<void> {
  const engine = await SearchEngine.open(dir, () => [], async () => {
    throw new Error('not used');
  });
  let buildMs = 0;
  const batch = 1000;
  for (let start = 0; start < n; start += batch) {
    const reports: Report[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) reports.push(makeReport(i, SEED));
    const t = performance.now();
    for (const r of reports) await engine.add(r);
    buildMs += performance.now() - t;
  }
  const t = performance.now();
  engine.snapshot();
  const writeMs = performance.now() - t;
  const mem = process.memoryUsage();
  writeFileSync(join(dir, 'ids.json'), JSON.stringify(Array.from({ length: n }, (_, i) => makeReport(i, SEED).id)));
  process.stdout.write(JSON.stringify({ buildMs, writeMs, heap: mem.heapUsed, rss: mem.rss }));
}

async function childQuery(dir: string, runs: number, incremental: boolean): Promise<void> {
  const ids = JSON.parse(readFileSync(join(dir, 'ids.json'), 'utf8')) as string[];
  const catalogue = catalogueFor(ids);
  const baseRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const engine = await SearchEngine.open(dir, () => catalogue, async () => {
    throw new Error('index should load, not rebuild');
  });
  const loadMs = performance.now() - t0;
  const status = engine.status();
  let firstQueryMs = 0;
  for (let round = 0; round < 10; round++) {
    for (const w of WARMUP) {
      const t = performance.now();
      await engine.search({ query: w.engine, pageSize: 20 }, { noCache: round % 2 === 0 });
      if (round === 0 && w === WARMUP[0]) firstQueryMs = performance.now() - t;
    }
  }
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  const out: Record<string, QueryStat> = {};
  for (const q of QUERIES) {
    // Cold: nothing cached (the term cache bypassed), as the first time a query is typed.
    const coldTimes: number[] = [];
    let first: Awaited<ReturnType<SearchEngine['search']>> | null = null;
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      first = await engine.search({ query: q.engine, pageSize: 20 }, { noCache: true });
      coldTimes.push(performance.now() - t);
    }
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
    const cold = stats(coldTimes);
    out[q.label] = { ...stats(times), count: first!.total, runs, cpuMedian: stats(cpu).median, cold: cold.median, coldP95: cold.p95, priming };
  }
  let addMs: number[] = [];
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
    JSON.stringify({ loadMs, firstQueryMs, origin: status.origin, heap: mem.heapUsed, rss: mem.rss, rssBefore: baseRss, rssAfterQueries: after.rss, queries: out, addMs: addMs.length ? stats(addMs) : null }),
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
    for (const d of docs) {
      let score = 0;
      let first = -1;
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
  return { ...stats(times), count, runs: times.length };
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
      const loaded = runChild(['--child-query', dir, String(runs), n === 10000 ? 'incremental' : '']) as {
        loadMs: number;
        firstQueryMs: number;
        origin: string;
        heap: number;
        rss: number;
        rssAfterQueries: number;
        queries: Record<string, QueryStat>;
        addMs: { median: number; p95: number } | null;
      };

      // Baselines over the same reports.
      const tGen = performance.now();
      const docs: Doc[] = [];
      for (let i = 0; i < n; i++) {
        const report = makeReport(i, SEED);
        const text = reportPlainText(report);
        docs.push({ id: report.id, text, norm: normalize(text), notHeld: report.tables.applications?.cells['unavailable.notHeld']?.total?.value ?? null });
      }
      const genMs = performance.now() - tGen;
      const m0 = process.memoryUsage();
      let t = performance.now();
      const fusePlain = new Fuse(docs, { keys: ['text'] });
      const fusePlainBuild = performance.now() - t;
      t = performance.now();
      const fuseExt = new Fuse(docs, { keys: ['text'], useExtendedSearch: true, ignoreLocation: true, threshold: 0 });
      const fuseExtBuild = performance.now() - t;
      const m1 = process.memoryUsage();

      const rows: string[][] = [];
      const plainBudget = n >= 100000 ? 20000 : n >= 10000 ? 30000 : 20000;
      let plainSpent = 0;
      const ratios: { q: string; vsFuse?: number; vsBrute: number }[] = [];
      for (const q of QUERIES) {
        const e = loaded.queries[q.label];
        const brute = await measure(() => bruteSearch(docs, q), n >= 100000 ? 5 : 10, 15000);
        let plain: QueryStat | null = null;
        let ext: QueryStat | null = null;
        if (q.text) {
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
        rows.push([
          q.label,
          `${fmt(e.median)}/${fmt(e.p95)} cpu ${fmt(e.cpuMedian)} · cold ${fmt(e.cold)}/${fmt(e.coldP95)} · 1st cached ${fmt(e.priming)}`,
          String(e.count),
          plain ? `${fmt(plain.median)}/${fmt(plain.p95)} (${plain.runs}×)` : q.text ? 'capped (budget spent)' : 'n/a',
          plain ? String(plain.count) : '—',
          ext ? `${fmt(ext.median)}/${fmt(ext.p95)}` : 'n/a',
          ext ? String(ext.count) : '—',
          `${fmt(brute.median)}/${fmt(brute.p95)}`,
          String(brute.count),
        ]);
        ratios.push({ q: q.label, vsFuse: plain ? plain.median / e.median : undefined, vsBrute: brute.p95 / e.p95 });
      }
      const header = ['query', 'engine ms warm med/p95 · cpu med · cold med/p95 · 1st cached run', 'count', 'fuse-plain med/p95', 'count', 'fuse-ext med/p95', 'count', 'brute med/p95', 'count'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      console.log(header.map((h, i) => h.padEnd(widths[i])).join(' | '));
      for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join(' | '));
      console.log(
        `engine: build ${(built.buildMs / 1000).toFixed(1)} s (+ snapshot write ${(built.writeMs / 1000).toFixed(1)} s), index on disk ${mb(indexBytes)}, load ${fmt(loaded.loadMs)} ms (${loaded.origin}), first query after open (${WARMUP[0].engine}, cold) ${fmt(loaded.firstQueryMs)} ms, search process after load heap ${mb(loaded.heap)} RSS ${mb(loaded.rss)} (after queries RSS ${mb(loaded.rssAfterQueries)})`,
      );
      if (loaded.addMs) console.log(`engine: incremental add of one report to the ${n}-report index: median ${fmt(loaded.addMs.median)} ms, p95 ${fmt(loaded.addMs.p95)} ms`);
      console.log(
        `fuse: plain build ${fmt(fusePlainBuild)} ms, extended build ${fmt(fuseExtBuild)} ms, heap of both + texts ≈ ${mb(m1.heapUsed - m0.heapUsed + 0)} over the corpus; corpus generation ${fmt(genMs)} ms; baseline process RSS ${mb(m1.rss)}; no on-disk index (in memory only, rebuilt every start)`,
      );
      const fuseRatios = ratios.filter((r) => r.vsFuse !== undefined);
      const minFuse = fuseRatios.length ? Math.min(...fuseRatios.map((r) => r.vsFuse!)) : NaN;
      const minBrute = Math.min(...ratios.map((r) => r.vsBrute));
      const maxP95 = Math.max(...QUERIES.map((q) => loaded.queries[q.label].p95));
      const maxCold = Math.max(...QUERIES.map((q) => loaded.queries[q.label].cold!));
      const line = `${n}: engine worst p95 ${fmt(maxP95)} ms (worst cold median ${fmt(maxCold)} ms); vs fuse-plain (median) ≥ ${Number.isNaN(minFuse) ? 'n/a' : minFuse.toFixed(0) + '×'} over ${fuseRatios.length} queries; vs brute (p95) ≥ ${minBrute.toFixed(1)}×; load ${fmt(loaded.loadMs)} ms; RSS ${mb(loaded.rss)}`;
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
