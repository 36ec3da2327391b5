// PDF import throughput and memory (issue: ≥ 10 reports/s for a 10-page report; peak memory
// < 300 MB for a 200-page PDF). Baseline measured in the same run: the HTML original of the
// same report through the same pipeline.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { importDocument } from '../core/ingest/index.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../test/fixtures/office/${name}`, import.meta.url));
const PAGES_10 = 10;
const PAGES_200 = 200;

/** `concurrency` imports at a time, as a bulk import of a folder does. */
async function throughput(file: string, runs: number, concurrency = 1): Promise<{ perSecond: number; medianMs: number }> {
  const bytes = new Uint8Array(readFileSync(file));
  const name = file.split('/').pop()!;
  await Promise.all(Array.from({ length: concurrency }, () => importDocument(bytes, name))); // warm-up: workers, CMaps
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i += concurrency) {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, runs - i) }, async () => {
        const t = performance.now();
        await importDocument(bytes, name);
        times.push(performance.now() - t);
      }),
    );
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return { perSecond: (runs * 1000) / total, medianMs: times[Math.floor(runs / 2)] };
}

function childImport(file: string): { ms: number; maxRssMB: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./pdf-import-child.ts', import.meta.url)), file], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

export async function run(args: string[] = []): Promise<void> {
  const runs = args.includes('--quick') ? 5 : 20;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`);
  const pdf = await throughput(fixture('bench-10pages.pdf'), runs);
  const pdf2 = await throughput(fixture('bench-10pages.pdf'), runs, 2);
  const html = await throughput(fixture('songling-2022.html'), runs);
  console.log(`PDF, ${PAGES_10} pages, ${runs} imports one at a time: ${pdf.perSecond.toFixed(1)} reports/s, ${(pdf.perSecond * PAGES_10).toFixed(0)} pages/s, median ${pdf.medianMs.toFixed(0)} ms`);
  console.log(`PDF, ${PAGES_10} pages, ${runs} imports two at a time (bulk import, one PDF worker per core): ${pdf2.perSecond.toFixed(1)} reports/s, ${(pdf2.perSecond * PAGES_10).toFixed(0)} pages/s  (target ≥ 10 reports/s)`);
  console.log(`baseline HTML of the same report: ${html.perSecond.toFixed(1)} reports/s, median ${html.medianMs.toFixed(1)} ms; PDF/HTML time ratio ${(html.perSecond / pdf.perSecond).toFixed(1)}×`);
  const big = childImport(fixture('bench-200pages.pdf'));
  const small = childImport(fixture('songling-2022.html'));
  console.log(`PDF, ${PAGES_200} pages: ${(big.ms / 1000).toFixed(1)} s, peak RSS ${big.maxRssMB.toFixed(0)} MB (target < 300 MB); baseline process importing the HTML: peak RSS ${small.maxRssMB.toFixed(0)} MB`);
}
