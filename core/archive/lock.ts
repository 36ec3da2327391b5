/**
 * The write lock of an archive folder (proper-lockfile: an atomic mkdir of `write.lock`, kept
 * fresh while held, taken over when stale). The app and the CLI may both have an archive open:
 * a second writer waits, then fails with a clear message.
 */
import lockfile from 'proper-lockfile';
import path from 'node:path';
import { lstat, mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import fs from 'node:fs';
import { LOCK_FILE } from './paths.ts';
import { ArchiveError } from './schema.ts';

/** A lock whose holder stopped refreshing it (a killed process) is taken over after this long. */
export const LOCK_STALE_MS = 5000;

/** How long a second writer waits. NIANBAO_LOCK_WAIT_MS overrides it (tests). */
export function lockWaitMs(): number {
  const fromEnv = Number(process.env.NIANBAO_LOCK_WAIT_MS);
  return Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 8000;
}

/**
 * proper-lockfile removes its lock folder with rmdir; ours holds the owner file, so removal must
 * take the folder with its contents (release, a stale takeover, exit).
 */
const lockFs = {
  ...fs,
  rmdir: (p: string, cb: (err: NodeJS.ErrnoException | null) => void) => fs.rm(p, { recursive: true, force: true }, cb),
  rmdirSync: (p: string) => fs.rmSync(p, { recursive: true, force: true }),
};

export function lockOptions(dir: string) {
  return { lockfilePath: path.join(dir, LOCK_FILE), realpath: false, stale: LOCK_STALE_MS, update: 1000, fs: lockFs };
}

export interface HeldLock {
  release(): Promise<void>;
  /** Set when the lock was lost while held (e.g. the event loop stalled past the stale time). */
  compromised: Error | null;
}

/** Written into the lock folder: who holds it, so a lock whose holder is gone can be broken at once. */
const OWNER_FILE = 'owner.json';

interface LockOwner {
  pid: number;
  host: string;
}

const isPidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function ownerOf(lockPath: string): Promise<LockOwner | null> {
  try {
    const data = JSON.parse(await readFile(path.join(lockPath, OWNER_FILE), 'utf8'));
    return Number.isInteger(data?.pid) && typeof data?.host === 'string' ? data : null;
  } catch {
    return null;
  }
}

/** The holder of the lock ran on this machine and has ended: the lock protects nothing. */
async function ownerIsGone(lockPath: string): Promise<boolean> {
  const owner = await ownerOf(lockPath);
  return !!owner && owner.host === os.hostname() && owner.pid !== process.pid && !isPidAlive(owner.pid);
}

/** Why the lock could not be taken, in a sentence that says what to do. */
async function lockedMessage(dir: string, lockPath: string): Promise<string> {
  const info = await lstat(lockPath).catch(() => null);
  if (info && !info.isDirectory()) {
    return `档案库的锁 ${lockPath} 是一个普通文件，不是年报库建立的锁；确认没有年报库程序在运行后删除它即可 (write.lock is a plain file, not a nianbao lock: delete it)`;
  }
  if (info && info.mtimeMs > Date.now() + LOCK_STALE_MS) {
    return `档案库的锁 ${lockPath} 的修改时间在未来（${info.mtime.toISOString()}，系统时钟可能被调整过），不会自动过期；确认没有年报库程序在运行后删除它即可 (write.lock has a future time and never goes stale: delete it)`;
  }
  const owner = info ? await ownerOf(lockPath) : null;
  const who = owner ? `（进程 ${owner.pid}${owner.host === os.hostname() ? '' : `，计算机 ${owner.host}`}）` : '';
  return `档案库正被另一个程序写入${who}，请稍后再试：${dir}；若确定没有程序在写入，删除 ${lockPath} 即可 (archive is locked by another process)`;
}

/**
 * Takes the archive's write lock, waiting up to `waitMs` while another process holds it;
 * `onWait` is called once when that wait begins (the CLI says so; tests wait for it).
 */
export async function acquireWriteLock(dir: string, waitMs = lockWaitMs(), onWait?: () => void): Promise<HeldLock> {
  await mkdir(dir, { recursive: true });
  const lockPath = path.join(dir, LOCK_FILE);
  const existing = await lstat(lockPath).catch(() => null);
  // proper-lockfile expects a folder: a plain file would fail with a bare ENOTDIR after the wait.
  if (existing && !existing.isDirectory()) throw new ArchiveError(await lockedMessage(dir, lockPath));
  if (existing && (await ownerIsGone(lockPath))) await rm(lockPath, { recursive: true, force: true });
  const interval = 100;
  const held: HeldLock = { compromised: null, release: async () => {} };
  const lockWith = (retries: number) =>
    lockfile.lock(dir, {
      ...lockOptions(dir),
      retries: { retries, factor: 1, minTimeout: interval, maxTimeout: interval },
      onCompromised: (err) => {
        held.compromised = err;
      },
    });
  try {
    // One attempt first, so that a wait is announced only when there is one.
    const release = await lockWith(0).catch((err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED' || waitMs <= 0) throw err;
      onWait?.();
      return lockWith(Math.ceil(waitMs / interval));
    });
    held.release = async () => {
      await release().catch(() => {});
    };
    const owner: LockOwner = { pid: process.pid, host: os.hostname() };
    // proper-lockfile takes a changed folder mtime for a lost lock: put back the one it set.
    const taken = await stat(lockPath);
    await writeFile(path.join(lockPath, OWNER_FILE), JSON.stringify(owner)).catch(() => {});
    await utimes(lockPath, taken.atime, taken.mtime);
    return held;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED' || code === 'ENOTDIR') throw new ArchiveError(await lockedMessage(dir, lockPath));
    throw err;
  }
}
