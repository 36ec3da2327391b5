/** Helpers the benchmarks share: options, measurement children, and cached generated archives. */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchiveService } from '../core/service/index.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('./out/', import.meta.url));

/** `--name=value` → value, a bare `--name` → 'true'. */
export function option(args: string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? (args.includes(`--${name}`) ? 'true' : undefined);
}

/**
 * Runs `script --bench-child mode …args` in a fresh Node process (a measurement that owns its
 * process: cold caches, its own peak RSS) and resolves to the JSON on its last stdout line.
 */
export function runBenchChild<T>(script: string, mode: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', script, '--bench-child', mode, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`child exited ${code}`);
        resolve(JSON.parse(out.trim().split('\n').pop()!) as T);
      } catch (err) {
        reject(new Error(`bench child (${mode}) failed: ${(err as Error).message}\n${out}`));
      }
    });
  });
}

/**
 * A generated archive kept in bench/out/<name>/ between runs (built when missing, or with
 * rebuild): the reports are imported through the service 250 at a time.
 */
export async function cachedArchive(name: string, reports: Iterable<{ fileName: string; content: string }>, options: { rebuild?: boolean; lazySearch?: boolean } = {}): Promise<string> {
  const dir = join(OUT_DIR, name);
  const done = join(dir, '.complete');
  if (existsSync(done) && !options.rebuild) return dir;
  rmSync(dir, { recursive: true, force: true });
  const service = await openArchiveService({ archiveDir: dir, host: 'browser', loadSample: false, lazySearch: options.lazySearch });
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
  for (const report of reports) {
    batch.push({ name: report.fileName, bytes: encoder.encode(report.content) });
    if (batch.length >= 250) await flush();
  }
  if (batch.length) await flush();
  await service.close();
  writeFileSync(done, `${imported}\n`);
  console.log(`  archive of ${imported} reports built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}
