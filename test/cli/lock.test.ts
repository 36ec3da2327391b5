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
      const res = await spawnCli(['remove', id, '--archive', dir], { NIANBAO_LOCK_WAIT_MS: '300' }).done;
      expect(res.code).toBe(3);
      // It says it waits, then why it gave up.
      expect(res.stderr).toContain('(waiting for another process to finish writing');
      expect(res.stderr).toContain('档案库正被另一个程序写入');
      expect(res.stderr).toContain('(archive is locked by another process)');
      expect(res.stderr).toContain(dir);
    } finally {
      await lock.release();
    }
    expect(await folderHash(dir)).toBe(before);
  });

  it('a second writer that waits gets the lock once the first releases it', async () => {
    const { dir, id } = await archiveWith();
    const lock = await acquireWriteLock(dir);
    // A wait long enough never to run out: the lock is released once the writer says it waits.
    const run = spawnCli(['remove', id, '--archive', dir], { NIANBAO_LOCK_WAIT_MS: '600000' });
    await new Promise<void>((waiting) => {
      let said = '';
      run.child.stderr!.on('data', (d) => {
        said += d;
        if (said.includes('(waiting for another process to finish writing')) waiting();
      });
    });
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
      // The file gets its own outcome line naming it (a lock timeout never fails an import silently).
      expect(res.stderr).toMatch(/^failed \S*lanxi-2021\.txt: 档案库正被另一个程序写入.*\(archive is locked by another process\)$/m);
      expect(res.code).toBe(1);
    } finally {
      await lock.release();
    }
    expect(await folderHash(dir)).toBe(before);
  });

  it('the trash of a removal by a process that has ended stays restorable in the next run (回收站)', async () => {
    const { dir, id } = await archiveWith();
    const res = await spawnCli(['remove', id, '--archive', dir]).done;
    expect(res.code).toBe(0);
    const [token] = await readdir(path.join(dir, 'trash'));
    const archive = await openArchive(dir);
    expect((await archive.listTrash()).map((b) => b.token)).toEqual([token]);
    expect((await archive.undoRemove(token)).restored).toEqual([id]);
    expect(archive.list().map((e) => e.id)).toEqual([id]);
  });
});
