import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { FIXTURES, folderHash, newReport, openArchive, parsedReport, tempDir } from '../archive/helpers.ts';
import { acquireWriteLock } from '../../core/archive/index.ts';
import { spawnCli } from './helpers.ts';

async function archiveWith() {
  const dir = await tempDir('nianbao-lock-');
  const archive = await openArchive(dir);
  const { results } = await archive.addReports([newReport(parsedReport('锁县', 2022), 'locked one')]);
  return { dir, id: results[0].entry.id };
}

describe('write lock between processes', () => {
  it('a second writer waits, then fails with a clear message and leaves the archive untouched', async () => {
    const { dir, id } = await archiveWith();
    const before = await folderHash(dir);
    const lock = await acquireWriteLock(dir);
    try {
      const started = Date.now();
      const res = await spawnCli(['remove', id, '--archive', dir], { NIANBAO_LOCK_WAIT_MS: '1500' }).done;
      expect(res.code).toBe(3);
      expect(res.stderr).toContain('档案库正被另一个程序写入');
      expect(res.stderr).toContain('(archive is locked by another process)');
      expect(res.stderr).toContain(dir);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    } finally {
      await lock.release();
    }
    expect(await folderHash(dir)).toBe(before);
  });

  it('a second writer that waits gets the lock once the first releases it', async () => {
    const { dir, id } = await archiveWith();
    const lock = await acquireWriteLock(dir);
    const run = spawnCli(['remove', id, '--archive', dir], { NIANBAO_LOCK_WAIT_MS: '10000' });
    await new Promise((r) => setTimeout(r, 1500));
    await lock.release();
    const res = await run.done;
    expect(res).toMatchObject({ code: 0, stdout: `removed ${id}\n` });
  });

  it('an import started while another process holds the lock fails with the lock message, not a file error', async () => {
    const { dir } = await archiveWith();
    const before = await folderHash(dir);
    const lock = await acquireWriteLock(dir);
    try {
      const res = await spawnCli(['import', path.join(FIXTURES, 'lanxi-2021.txt'), '--archive', dir], { NIANBAO_LOCK_WAIT_MS: '1000' }).done;
      expect(res.stderr).toContain('(archive is locked by another process)');
      expect(res.code).toBe(3);
    } finally {
      await lock.release();
    }
    expect(await folderHash(dir)).toBe(before);
  });

  it('the trash of a removal by a process that has ended is emptied at the next start', async () => {
    const { dir, id } = await archiveWith();
    const res = await spawnCli(['remove', id, '--archive', dir]).done;
    expect(res.code).toBe(0);
    expect(await readdir(path.join(dir, 'trash'))).toHaveLength(1);
    await openArchive(dir);
    expect(await readdir(path.join(dir, 'trash'))).toEqual([]);
  });
});
