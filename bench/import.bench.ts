/**
 * Import benchmark (npm run bench import [-- --n=1000 --big=10000]):
 *  1. import throughput of N generated text and HTML reports (target ≥ 200 reports/s), beside
 *     parse-only and a plain read + JSON.stringify + writeFile baseline;
 *  2. a bulk import of BIG reports in a child process: duration and peak RSS (target < 400 MB),
 *     beside the RSS of a child that only reads and rewrites the same files;
 *  3. opening that archive until the catalogue is listed (target < 1 s), beside reading and
 *     parsing one JSON file holding the same rows;
 *  4. removing and re-importing one report in it: time (target < 50 ms) and bytes written
 *     (target < 1 MB, from a before/after listing of the archive's files), beside writing one
 *     report file.
 * Every figure is printed with N and the machine.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { iterateReports } from './generator.ts';
import { importDocument } from '../core/ingest/index.ts';
import { peakRssMb } from './peak-rss.ts';
import { openArchiveService } from '../core/service/index.ts';
import { importPool } from '../core/ingest/pool.ts';
import { writeFileAtomic } from '../core/archive/atomic.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

function flag(args: string[], name: string, fallback: number): number {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  const n = hit ? Number(hit.split('=')[1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function writeReports(dir: string, n: number, format: 'text' | 'html', seed: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  let i = 0;
  for (const r of iterateReports(n, { seed, format, errorRate: 0.1 })) {
    const file = path.join(dir, `${String(i++).padStart(6, '0')}.${r.kind === 'html' ? 'html' : 'txt'}`);
    await writeFile(file, r.content);
    files.push(file);
  }
  return files;
}

/** Baseline: what a store that does not parse would cost: read, JSON.stringify, write. */
async function plainStore(files: string[], outDir: string): Promise<number> {
  await mkdir(outDir, { recursive: true });
  const t = performance.now();
  for (const [i, f] of files.entries()) {
    const text = await readFile(f, 'utf8');
    await writeFile(path.join(outDir, `${i}.json`), JSON.stringify({ file: f, text }));
  }
  return performance.now() - t;
}

interface FileStat {
  size: number;
  mtimeMs: number;
  ino: number;
}

async function listFiles(dir: string): Promise<Map<string, FileStat>> {
  const out = new Map<string, FileStat>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else {
        const s = await stat(full);
        out.set(path.relative(dir, full), { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino });
      }
    }
  };
  await walk(dir);
  return out;
}

/** Bytes of files created or rewritten between two listings (a rename keeps its inode: 0 bytes). */
function bytesWritten(before: Map<string, FileStat>, after: Map<string, FileStat>): { bytes: number; files: string[] } {
  const inodes = new Set([...before.values()].map((s) => s.ino));
  let bytes = 0;
  const files: string[] = [];
  for (const [p, s] of after) {
    const b = before.get(p);
    const unchanged = b && b.ino === s.ino && b.mtimeMs === s.mtimeMs && b.size === s.size;
    if (unchanged || (!b && inodes.has(s.ino))) continue;
    bytes += s.size;
    files.push(p);
  }
  return { bytes, files };
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} RAM, ${os.platform()} ${os.release()}, Node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
}

interface ChildResult {
  ms: number;
  maxRssMb: number;
  imported: number;
  failed: number;
  duplicate: number;
}

function runChild(mode: 'import' | 'baseline', src: string, target: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--bench-child', mode, src, target], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`child exited ${code}`);
        resolve(JSON.parse(line));
      } catch (err) {
        reject(new Error(`bench child (${mode}) failed: ${(err as Error).message}\n${out}`));
      }
    });
  });
}

/** In the child: one bulk import (or the baseline loop), then its own peak RSS. */
async function childMain(mode: string, src: string, target: string): Promise<void> {
  const t = performance.now();
  let counts = { imported: 0, failed: 0, duplicate: 0 };
  if (mode === 'import') {
    const service = await openArchiveService({ archiveDir: target, host: 'electron', lazySearch: true });
    const outcomes = await service.importPaths([src]);
    for (const o of outcomes) counts[o.status]++;
    await service.close();
  } else {
    const files = (await readdir(src)).sort().map((n) => path.join(src, n));
    await plainStore(files, target);
    counts = { imported: files.length, failed: 0, duplicate: 0 };
  }
  const maxRssMb = peakRssMb();
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t, maxRssMb, ...counts })}\n`);
}

export async function run(args: string[] = []): Promise<void> {
  const N = flag(args, 'n', 1000);
  const BIG = flag(args, 'big', 10_000);
  const work = await mkdtemp(path.join(os.tmpdir(), 'nianbao-bench-'));
  console.log(`machine: ${machine()}`);
  console.log(`work dir: ${work}   N = ${N}   BIG = ${BIG}   generator: bench/generator.ts (seeded, 10% with an injected error)`);
  const pool = importPool();
  console.log(
    `import parsing: every file in up to ${pool.size} worker thread(s) (memory limit ${pool.memoryLimitMb} MB, time limit ${pool.timeLimitMs / 1000} s per file; NIANBAO_IMPORT_WORKERS=N sets N); "parse only" below is in-thread`,
  );
  try {
    // ---- 1. throughput ------------------------------------------------------------------
    for (const format of ['text', 'html'] as const) {
      const src = path.join(work, `src-${format}`);
      const files = await writeReports(src, N, format, 42);
      const baselineMs = await plainStore(files, path.join(work, `plain-${format}`));
      let t = performance.now();
      for (const f of files) await importDocument(await readFile(f), path.basename(f));
      const parseMs = performance.now() - t;
      const service = await openArchiveService({ archiveDir: path.join(work, `archive-${format}`), host: 'electron', lazySearch: true });
      t = performance.now();
      const outcomes = await service.importPaths([src]);
      const importMs = performance.now() - t;
      await service.close();
      const imported = outcomes.filter((o) => o.status === 'imported').length;
      const rate = (N / importMs) * 1000;
      console.log(
        `[${format}] import ${N} reports: ${ms(importMs)} = ${rate.toFixed(0)} reports/s (${imported} imported, ${N - imported} not) — target ≥ 200/s: ${pass(rate >= 200)}\n` +
          `        parse only: ${((N / parseMs) * 1000).toFixed(0)} reports/s; baseline read+stringify+write: ${((N / baselineMs) * 1000).toFixed(0)} reports/s; import/baseline time ${ratio(importMs, baselineMs)}, import/parse-only ${ratio(importMs, parseMs)}`,
      );
    }

    // ---- 2. bulk import of BIG in a child: peak RSS ------------------------------------------
    const bigSrc = path.join(work, 'src-big');
    let t = performance.now();
    await writeReports(bigSrc, BIG, 'text', 7);
    console.log(`generated ${BIG} text reports in ${ms(performance.now() - t)}`);
    const bigArchive = path.join(work, 'archive-big');
    const bulk = await runChild('import', bigSrc, bigArchive);
    const baseline = await runChild('baseline', bigSrc, path.join(work, 'plain-big'));
    console.log(
      `[bulk] import of ${BIG} reports in a child process: ${ms(bulk.ms)} = ${((BIG / bulk.ms) * 1000).toFixed(0)} reports/s (${bulk.imported} imported, ${bulk.failed} failed, ${bulk.duplicate} duplicate)\n` +
        `        peak RSS ${bulk.maxRssMb.toFixed(0)} MB — target < 400 MB: ${pass(bulk.maxRssMb < 400)}; baseline child (read+write only) ${baseline.maxRssMb.toFixed(0)} MB, ratio ${ratio(bulk.maxRssMb, baseline.maxRssMb)}`,
    );

    // ---- 3. open the BIG archive until listed ----------------------------------------------
    t = performance.now();
    const service = await openArchiveService({ archiveDir: bigArchive, host: 'electron', lazySearch: true });
    const rows = await service.listReports({ allVersions: true });
    const openMs = performance.now() - t;
    const oneFile = path.join(work, 'catalogue-as-one.json');
    await writeFile(oneFile, JSON.stringify(rows));
    t = performance.now();
    JSON.parse(await readFile(oneFile, 'utf8'));
    const oneFileMs = performance.now() - t;
    console.log(
      `[open] archive of ${rows.length} reports opened and listed in ${ms(openMs)} — target < 1 s: ${pass(openMs < 1000)}; baseline read+JSON.parse of the same rows as one file ${ms(oneFileMs)} (${ratio(openMs, oneFileMs)})`,
    );

    // ---- 4. remove and re-import one report ----------------------------------------------------
    const removeTimes: number[] = [];
    const importTimes: number[] = [];
    const removeBytes: number[] = [];
    const importBytes: number[] = [];
    let sampleFiles: string[] = [];
    for (let round = 0; round < 5; round++) {
      const entry = rows[Math.floor((rows.length * (round + 1)) / 7)];
      const report = await service.getReport(entry.id);
      const bytes = await readFile(path.join(bigArchive, report.source.storedPath));
      let before = await listFiles(bigArchive);
      t = performance.now();
      await service.removeReports([entry.id]);
      removeTimes.push(performance.now() - t);
      let after = await listFiles(bigArchive);
      removeBytes.push(bytesWritten(before, after).bytes);
      before = after;
      t = performance.now();
      const [outcome] = await service.importFiles([{ name: report.source.fileName, bytes }]);
      importTimes.push(performance.now() - t);
      if (outcome.status !== 'imported') throw new Error(`re-import failed: ${JSON.stringify(outcome)}`);
      after = await listFiles(bigArchive);
      const w = bytesWritten(before, after);
      importBytes.push(w.bytes);
      sampleFiles = w.files;
    }
    await service.close();
    const reportJson = JSON.stringify(await (await openArchiveService({ archiveDir: bigArchive, host: 'electron', lazySearch: true })).getReport(rows[0].id));
    t = performance.now();
    await writeFileAtomic(path.join(work, 'one-report.json'), reportJson);
    const oneReportMs = performance.now() - t;
    const max = (xs: number[]) => Math.max(...xs);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `[edit] in the ${rows.length}-report archive, 5 rounds — remove one: median ${ms(median(removeTimes))}, max ${ms(max(removeTimes))}, writes ≤ ${mb(max(removeBytes))}; ` +
        `re-import it (parse + store): median ${ms(median(importTimes))}, max ${ms(max(importTimes))}, writes ≤ ${mb(max(importBytes))}\n` +
        `        targets < 50 ms: remove ${pass(median(removeTimes) < 50)}, re-import ${pass(median(importTimes) < 50)}; < 1 MB: ${pass(max(removeBytes) < 1048576 && max(importBytes) < 1048576)}\n` +
        `        files written by a re-import: ${sampleFiles.join(', ')}\n` +
        `        baseline: one atomic write of a ${(reportJson.length / 1024).toFixed(0)} KB report file ${ms(oneReportMs)} (re-import/baseline ${ratio(median(importTimes), oneReportMs)})`,
    );
  } finally {
    if (!args.includes('--keep')) await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv[2] === '--bench-child') {
  await childMain(process.argv[3], process.argv[4], process.argv[5]);
}
