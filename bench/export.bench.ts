/**
 * Bulk export benchmark (issue 12): 10,000 reports exported as ONE zip (one Markdown file per
 * report) through the archive service, in a fresh child process, against the
 * memory budget (peak RSS < 500 MB). Baseline in the same run, also in its own child: reading
 * the same 10,000 report files and writing them one after another to one plain file (no export
 * formatting, no compression) — the I/O floor of the task.
 * Reuses the bodies benchmark's generated archive (bench/bodies-archive.ts, 12,000 reports of
 * 10,000 bodies; built on first use) and exports its first 10,000 catalogue rows.
 * Options: --reports=N (reports exported; the archive has N bodies, default 10000), --rebuild, --format=F.
 */
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openArchiveService } from '../core/service/index.ts';
import type { ExportFormat } from '../core/api.ts';
import { prepareBodiesArchive } from './bodies-archive.ts';
import { option, runBenchChild } from './support.ts';
import { peakRssMb } from './peak-rss.ts';

const SELF = fileURLToPath(import.meta.url);
const TARGET_RSS_MB = 500;

interface ChildResult {
  ms: number;
  /** CPU time (user + system): less sensitive than ms to other programs on a shared machine. */
  cpuMs: number;
  maxRssMb: number;
  count: number;
  bytes: number;
  /** Mode 'remove': the process's RSS with the archive and its search index open, before the removal. */
  rssBeforeMb?: number;
  /** Mode 'remove': the time to restore what was removed (undo from the 回收站). */
  restoreMs?: number;
}

function child(mode: string, dir: string, file: string, format: string, reports: number): Promise<ChildResult> {
  return runBenchChild<ChildResult>(SELF, mode, [dir, file, format, String(reports)]);
}

/** In the child: one measurement, printed as one JSON line. The ids come from the catalogue, not timed. */
async function childMain(mode: string, dir: string, file: string, format: ExportFormat, reports: number): Promise<void> {
  // A removal in the app keeps its search index in step: open it (and wait until it is ready, untimed) for that one.
  const service = await openArchiveService({ archiveDir: dir, host: 'browser', loadSample: false, lazySearch: mode !== 'remove' });
  while (mode === 'remove' && (await service.search({ query: '年度报告', pageSize: 1 })).index !== 'ready') await new Promise((r) => setTimeout(r, 500));
  const ids = (await service.listReports({ allVersions: true })).slice(0, reports).map((e) => e.id);
  const rssBeforeMb = process.memoryUsage().rss / 1048576;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let count = 0;
  if (mode === 'remove') {
    // The bulk removal a user makes from the library, then its undo: both must leave the archive as it was.
    const { removed, undoToken } = await service.removeReports(ids);
    const ms = performance.now() - t0;
    const restored = await service.undoRemove(undoToken);
    const restoreMs = performance.now() - t0 - ms;
    await service.close();
    if (restored.length !== removed.length) throw new Error(`restored ${restored.length} of ${removed.length}`);
    const cpu = process.cpuUsage(cpu0);
    console.log(JSON.stringify({ ms, restoreMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: peakRssMb(), rssBeforeMb, count: removed.length, bytes: 0 } satisfies ChildResult));
    return;
  }
  const out = createWriteStream(file);
  if (mode === 'plain') {
    await service.close();
    for (const id of ids) {
      if (!out.write(await readFile(join(dir, 'reports', `${id}.json`)))) await once(out, 'drain');
      count++;
    }
    out.end();
    await once(out, 'finish');
  } else {
    count = await service.writeReportsZip({ ids, format }, out);
    await service.close();
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: peakRssMb(), count, bytes: statSync(file).size } satisfies ChildResult));
}

export async function run(args: string[] = []): Promise<void> {
  const bodies = Number(option(args, 'reports') ?? 10_000);
  const format = (option(args, 'format') ?? 'markdown') as ExportFormat;
  console.log(`export bench: ${bodies} reports as one ${format} zip; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  const dir = await prepareBodiesArchive(bodies, option(args, 'rebuild') === 'true');
  const zipFile = join(tmpdir(), `nianbao-bench-export-${process.pid}.zip`);
  const plainFile = join(tmpdir(), `nianbao-bench-export-${process.pid}.bin`);
  try {
    const plain = await child('plain', dir, plainFile, format, bodies);
    const zip = await child('zip', dir, zipFile, format, bodies);
    const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
    console.log(
      `  zip export of ${zip.count} reports (child process, service.writeReportsZip): ${s(zip.ms)} (CPU ${s(zip.cpuMs)}), ${(zip.bytes / 1e6).toFixed(1)} MB\n` +
        `    peak RSS ${zip.maxRssMb.toFixed(0)} MB   budget < ${TARGET_RSS_MB} MB: ${zip.maxRssMb < TARGET_RSS_MB ? 'PASS' : 'FAIL'}\n` +
        `    baseline: reading the same ${plain.count} report files into one plain file: ${s(plain.ms)} (CPU ${s(plain.cpuMs)}), ${(plain.bytes / 1e6).toFixed(1)} MB, peak RSS ${plain.maxRssMb.toFixed(0)} MB\n` +
        `    ratios: ${(zip.ms / plain.ms).toFixed(2)}× time, ${(zip.maxRssMb / plain.maxRssMb).toFixed(2)}× peak memory`,
    );
    const removal = await child('remove', dir, zipFile, format, bodies);
    console.log(
      `  removal of ${removal.count} reports in one write (child process, service.removeReports): ${s(removal.ms)}, then undo from the 回收站: ${s(removal.restoreMs ?? 0)}; ` +
        `peak RSS ${removal.maxRssMb.toFixed(0)} MB (${(removal.rssBeforeMb ?? 0).toFixed(0)} MB with the archive and its search index open, before the removal; the index holds re-added reports in memory until its next compaction); ` +
        `baseline (reading the same files) ${s(plain.ms)}`,
    );
  } finally {
    rmSync(zipFile, { force: true });
    rmSync(plainFile, { force: true });
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (process.argv[2] === '--bench-child') await childMain(process.argv[3], process.argv[4], process.argv[5], process.argv[6] as ExportFormat, Number(process.argv[7]));
  else await run(process.argv.slice(2));
}
