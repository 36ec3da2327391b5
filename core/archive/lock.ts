/**
 * The write lock of an archive folder (proper-lockfile: an atomic mkdir of `write.lock`, kept
 * fresh while held, taken over when stale). The app and the CLI may both have an archive open:
 * a second writer waits, then fails with a clear message.
 */
import lockfile from 'proper-lockfile';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { LOCK_FILE } from './paths.ts';
import { ArchiveError } from './schema.ts';

/** A lock whose holder stopped refreshing it (a killed process) is taken over after this long. */
export const LOCK_STALE_MS = 5000;

/** How long a second writer waits. NIANBAO_LOCK_WAIT_MS overrides it (tests). */
export function lockWaitMs(): number {
  const fromEnv = Number(process.env.NIANBAO_LOCK_WAIT_MS);
  return Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 8000;
}

export function lockOptions(dir: string) {
  return { lockfilePath: path.join(dir, LOCK_FILE), realpath: false, stale: LOCK_STALE_MS, update: 1000 };
}

export interface HeldLock {
  release(): Promise<void>;
  /** Set when the lock was lost while held (e.g. the event loop stalled past the stale time). */
  compromised: Error | null;
}

export async function acquireWriteLock(dir: string, waitMs = lockWaitMs()): Promise<HeldLock> {
  await mkdir(dir, { recursive: true });
  const interval = 100;
  const held: HeldLock = { compromised: null, release: async () => {} };
  try {
    const release = await lockfile.lock(dir, {
      ...lockOptions(dir),
      retries: { retries: Math.ceil(waitMs / interval), factor: 1, minTimeout: interval, maxTimeout: interval },
      onCompromised: (err) => {
        held.compromised = err;
      },
    });
    held.release = async () => {
      await release().catch(() => {});
    };
    return held;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new ArchiveError(`档案库正被另一个程序写入，请稍后再试：${dir} (archive is locked by another process)`);
    }
    throw err;
  }
}
