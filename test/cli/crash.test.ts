/**
 * Crash safety: a bulk CLI import killed with SIGKILL at each step of a write (journal written,
 * report files written, catalogue shards written, committed), at its first, second and third
 * write, into one archive. The child kills itself at the exact step (NIANBAO_KILL_AT_STEP,
 * core/service/step-hook.ts): no guessed delays. After each kill the archive opens; every report whose `imported` line was printed
 * is listed and intact; every listed report has a complete file and its original bytes.
 * Unlisted report files ("orphans" of an unconfirmed write) are allowed between runs: the next
 * writer rolls them back from the journal, so after a final clean run there are none.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateReports } from '../../bench/generator.ts';
import { openArchive, tempDir } from '../archive/helpers.ts';
import { spawnCli } from './helpers.ts';

const FILES = 40;
/** The store's steps of an import write (core/archive/store.ts onStep). */
const STEPS = ['import:journal', 'import:files', 'import:shards', 'import:committed'];
/** Each step at the 1st, 2nd and 3rd write of the run (an import of FILES may make fewer writes: then it finishes). */
const RUNS = STEPS.length * 3;

async function writeBatch(seed: number): Promise<string> {
  const dir = await tempDir(`nianbao-crash-src${seed}-`);
  const reports = generateReports(FILES, { seed, format: 'mixed' });
  await mkdir(dir, { recursive: true });
  for (const [i, r] of reports.entries()) await writeFile(path.join(dir, `${String(i).padStart(2, '0')}-${r.fileName}`), r.content);
  return dir;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function checkArchive(archiveDir: string, confirmed: string[]): Promise<{ listed: number; orphans: number }> {
  const archive = await openArchive(archiveDir);
  const entries = new Map(archive.list().map((e) => [e.id, e]));
  for (const id of confirmed) expect(entries.has(id), `confirmed import ${id} is listed`).toBe(true);
  for (const e of entries.values()) {
    const report = await archive.readReport(e.id); // parses, current schema
    expect(report.id).toBe(e.id);
    expect(report.source.sha256).toBe(e.sha256);
    expect(sha(await archive.readSource(report))).toBe(e.sha256);
  }
  const files = (await readdir(path.join(archiveDir, 'reports')).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  const orphans = files.filter((n) => !entries.has(n.slice(0, -5))).length;
  return { listed: entries.size, orphans };
}

describe('crash safety of a bulk import', () => {
  it(`survives SIGKILL at every step of a write, ${RUNS} times`, async () => {
    const archiveDir = await tempDir('nianbao-crash-');
    const env = { NIANBAO_LOCK_WAIT_MS: '15000' };
    const confirmed: string[] = [];
    let partial = 0;
    let seed = 1;
    for (let run = 0; run < RUNS; run++) {
      const step = STEPS[run % STEPS.length];
      const nth = 1 + Math.floor(run / STEPS.length);
      const src = await writeBatch(seed++);
      const res = await spawnCli(['import', src, '--archive', archiveDir], { ...env, NIANBAO_KILL_AT_STEP: `${step}:${nth}` }).done;
      const imported = res.stdout.split('\n').filter((l) => l.startsWith('imported ')).map((l) => l.split(' ')[1]);
      confirmed.push(...imported);
      // The first write of every run reaches every step: those runs are always killed there.
      if (nth === 1) expect(res.code, `killed at ${step}`).toBe(-1);
      if (res.code === -1 && imported.length < FILES) partial++;
      await checkArchive(archiveDir, confirmed);
    }
    // Killed in the middle of an import: at least every run killed at its first write.
    expect(partial).toBeGreaterThanOrEqual(STEPS.length);
    // A clean run afterwards recovers whatever the last kill left: no orphans, all confirmed reports intact.
    const final = await spawnCli(['import', await writeBatch(999), '--archive', archiveDir], env).done;
    expect(final.code).toBe(0);
    const { orphans, listed } = await checkArchive(archiveDir, confirmed);
    expect(orphans).toBe(0);
    expect(listed).toBeGreaterThanOrEqual(new Set(confirmed).size);
    const journal = await readFile(path.join(archiveDir, 'journal.json'), 'utf8').catch(() => null);
    expect(journal).toBeNull();
  }, 600_000);
});
