/**
 * Issue #12 through the CLI and a second program: hostile file names, damaged report files,
 * symbolic-link loops, stale locks, a full disk, and search kept in step with another process.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openArchiveService } from '../../core/service/index.ts';
import { FIXTURES, tempDir } from '../archive/helpers.ts';
import { cli, spawnCli } from './helpers.ts';

const fixture = (name: string) => path.join(FIXTURES, name);

async function importedIds(dir: string, files: string[]): Promise<string[]> {
  const res = await cli(['import', ...files, '--archive', dir]);
  expect(res.code).toBe(0);
  return res.stdout.split('\n').map((l) => l.split(' ')[1]);
}

describe('CLI output cannot be forged by file names', () => {
  it('a name with a newline and an ESC sequence is printed escaped, one line per file, naming it', async () => {
    const src = await tempDir('nianbao-names-');
    const forged = path.join(src, 'a\nimported 2099-deadbeef 伪造 2099\x1b[2K.txt');
    await copyFile(fixture('lanxi-2021.txt'), forged);
    await writeFile(path.join(src, 'b\x1b]0;title\x07.txt'), '');
    const res = await cli(['import', src, '--archive', await tempDir()]);
    const out = res.stdout.split('\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^imported 2021-[0-9a-f]{8} 岚溪县人民政府 2021 .*a\\nimported 2099-deadbeef 伪造 2099\\x1b\[2K\.txt$/);
    const err = res.stderr.split('\n');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^failed .*b\\x1b\]0;title\\x07\.txt: /);
    expect(res.stdout + res.stderr).not.toMatch(/\x1b/);
  });
});

describe('damaged report files', () => {
  it('validate --all names and skips each bad report file ({} / null / tables: null) and validates the rest', async () => {
    const dir = await tempDir();
    const ids = await importedIds(dir, [fixture('lanxi-2021.txt'), fixture('lanxi-2022.txt'), fixture('lanxi-2022-corrected.txt'), fixture('lanxi-2021-script.html')]);
    const file = (id: string) => path.join(dir, 'reports', `${id}.json`);
    const good = JSON.parse(await readFile(file(ids[2]), 'utf8'));
    await writeFile(file(ids[0]), '{}');
    await writeFile(file(ids[1]), 'null');
    await writeFile(file(ids[2]), JSON.stringify({ ...good, tables: null }));
    const latest = (JSON.parse((await cli(['list', '--json', '--archive', dir])).stdout) as { id: string }[]).map((e) => e.id);
    const all = await cli(['validate', '--all', '--archive', dir]);
    for (const id of latest.filter((id) => ids.slice(0, 3).includes(id))) {
      expect(all.stderr.split('\n').some((l) => l.startsWith(`skipped ${id}: `) && l.includes(file(id)))).toBe(true);
    }
    for (const id of latest.filter((id) => id === ids[3])) expect(all.stdout).toContain(id);
    expect(all.code).toBe(1);
    // Every kind of damage, named by id: each skipped with its file, the good one validated.
    const res = await cli(['validate', ...ids, '--archive', dir]);
    const skipped = res.stderr.split('\n').filter((l) => l.startsWith('skipped '));
    expect(skipped).toHaveLength(3);
    for (const id of ids.slice(0, 3)) expect(skipped.some((l) => l.startsWith(`skipped ${id}: `) && l.includes(file(id)))).toBe(true);
    expect(res.stderr + all.stderr).not.toMatch(/TypeError/);
    expect(res.stdout).toContain(ids[3]);
    expect(res.code).toBe(1);
  });
});

describe('folders with symbolic-link loops', () => {
  it('a folder with two symlinks to itself is walked once: each file imported once, and the import ends', async () => {
    const src = await tempDir('nianbao-loop-');
    await copyFile(fixture('lanxi-2021.txt'), path.join(src, 'lanxi-2021.txt'));
    await symlink(src, path.join(src, 'self-a'));
    await symlink(src, path.join(src, 'self-b'));
    await symlink(path.join(src, 'lanxi-2021.txt'), path.join(src, 'link-to-file.txt'));
    const res = await cli(['import', src, '--archive', await tempDir()]);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')).toHaveLength(1);
    expect(res.stdout).toMatch(/^imported 2021-/);
  });
});

describe('interrupted writes and stale locks', () => {
  it('the rollback notice of an interrupted write reaches the CLI output of the import that rolled it back', async () => {
    const dir = await tempDir();
    await importedIds(dir, [fixture('lanxi-2021.txt')]);
    const orphan = '2030-0123abcd';
    await writeFile(path.join(dir, 'reports', `${orphan}.json`), '{}');
    await writeFile(path.join(dir, 'journal.json'), JSON.stringify({ op: 'import', pid: 1, at: 'x', newIds: [orphan], newSources: [], removedIds: [], bodies: [] }));
    const list = await cli(['list', '--archive', dir]);
    expect(list.stderr).not.toMatch(/rolled back/);
    const res = await cli(['import', fixture('lanxi-2022.txt'), '--archive', dir]);
    expect(res.stderr).toMatch(/^注意：上次写入被中断，已撤销未完成的部分 \(an interrupted write was rolled back\)$/m);
    expect(await readdir(path.join(dir, 'reports'))).not.toContain(`${orphan}.json`);
  });

  it('a plain-file write.lock gets a message saying what it is and how to clear it', async () => {
    const dir = await tempDir();
    await importedIds(dir, [fixture('lanxi-2021.txt')]);
    await writeFile(path.join(dir, 'write.lock'), 'not a lock');
    const res = await cli(['remove', (await cli(['list', '--json', '--archive', dir])).stdout.match(/"id": "([^"]+)"/)![1], '--archive', dir]);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('是一个普通文件');
    expect(res.stderr).toContain('delete it');
  });

  it('a lock folder with a future time is explained; one whose owner process is gone is broken at once', async () => {
    const dir = await tempDir();
    const [id] = await importedIds(dir, [fixture('lanxi-2021.txt')]);
    const lock = path.join(dir, 'write.lock');
    await mkdir(lock);
    const future = new Date(Date.now() + 3600_000);
    await utimes(lock, future, future);
    const refused = await spawnCli(['remove', id, '--archive', dir], { NIANBAO_LOCK_WAIT_MS: '300' }).done;
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/修改时间在未来.*future time/);
    // A process that has ended (its pid is no longer running) owned it: broken without waiting.
    const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    await writeFile(path.join(lock, 'owner.json'), JSON.stringify({ pid: dead, host: (await import('node:os')).hostname() }));
    await utimes(lock, future, future);
    const res = await spawnCli(['remove', id, '--archive', dir], { NIANBAO_LOCK_WAIT_MS: '300' }).done;
    expect(res).toMatchObject({ code: 0, stdout: `removed ${id}\n` });
  });
});

describe('a full disk', () => {
  it('an import onto a full volume: one clear sentence per file naming it, partial files removed at once', async (ctx) => {
    const mountPoint = await tempDir('nianbao-full-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      ctx.skip(); // mounting a small tmpfs needs root: not possible on this machine
      return;
    }
    try {
      const dir = path.join(mountPoint, 'archive');
      const src = await tempDir('nianbao-full-src-');
      // Different bytes per file (a comment line), each ~60 KB: far more than 1 MB in all.
      const base = await readFile(fixture('lanxi-2021.txt'), 'utf8');
      for (let i = 0; i < 40; i++) await writeFile(path.join(src, `r${String(i).padStart(2, '0')}.txt`), `${base}\n${'备注'.repeat(15000)}${i}\n`);
      const res = await cli(['import', src, '--archive', dir]);
      const lines = [...res.stdout.split('\n'), ...res.stderr.split('\n')].filter((l) => /^(imported|duplicate|failed) /.test(l));
      expect(lines).toHaveLength(40);
      const failed = lines.filter((l) => l.startsWith('failed '));
      expect(failed.length).toBeGreaterThan(0);
      for (const l of failed) {
        expect(l).toMatch(/^failed \S+r\d\d\.txt: /);
        expect(l).toMatch(/磁盘空间已满/);
        expect(l).not.toMatch(/ENOSPC/);
      }
      expect(res.code).toBe(1);
      // Everything imported is listed and readable; no partial file of the failed batch is left.
      const listed = (await cli(['list', '--json', '--archive', dir])).stdout;
      const ids = listed === '' ? [] : (JSON.parse(listed) as { id: string }[]).map((e) => e.id);
      expect(ids.length).toBe(lines.filter((l) => l.startsWith('imported ')).length);
      const files = (await readdir(path.join(dir, 'reports'))).filter((n) => n.endsWith('.json'));
      expect(files.sort()).toEqual(ids.map((id) => `${id}.json`).sort());
      expect((await readdir(path.join(dir, 'reports'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      execFileSync('umount', [mountPoint]);
      await rm(mountPoint, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('two programs, one archive: search follows the other program', () => {
  it('a running service finds a CLI import, and a CLI removal disappears from its search even after its own import', async () => {
    const dir = await tempDir();
    const app = await openArchiveService({ archiveDir: dir, host: 'browser' });
    try {
      await app.importPaths([fixture('lanxi-2022.txt')]);
      expect((await app.search({ query: '岚溪县' })).total).toBe(1);
      const imported = await spawnCli(['import', fixture('lanxi-2021.txt'), '--archive', dir]).done;
      const cliId = imported.stdout.split(' ')[1];
      expect((await app.search({ query: '岚溪县' })).results.map((r) => r.id)).toContain(cliId);
      const removed = await spawnCli(['remove', cliId, '--archive', dir]).done;
      expect(removed.code).toBe(0);
      // The app writes before it searches: its write adopts the removal under the lock.
      await app.importPaths([fixture('lanxi-2021-script.html')]);
      const ids = (await app.search({ query: '岚溪县' })).results.map((r) => r.id);
      expect(ids).not.toContain(cliId);
      for (const id of ids) await app.getReport(id);
    } finally {
      await app.close();
    }
  }, 60_000);
});
