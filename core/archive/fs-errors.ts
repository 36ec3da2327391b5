/**
 * File-system failures in words a user can act on: one Chinese sentence naming the file, the
 * English in parentheses (never a bare "ENOSPC: no space left on device, write").
 */
import { ArchiveError } from './schema.ts';

const REASONS: Record<string, string> = {
  ENOSPC: '磁盘空间已满 (no space left on the disk)',
  EDQUOT: '磁盘配额已用完 (disk quota exceeded)',
  ENOENT: '文件不存在，可能已被移走或删除 (file not found: moved or deleted)',
  EACCES: '没有访问权限 (permission denied)',
  EPERM: '操作不被允许 (operation not permitted)',
  EROFS: '磁盘为只读 (read-only file system)',
  EISDIR: '这是一个文件夹 (is a folder)',
  EMFILE: '同时打开的文件过多 (too many open files)',
  EIO: '磁盘读写出错 (I/O error)',
  EBUSY: '文件正被占用 (file busy)',
};

const READING = new Set(['read', 'stat', 'lstat', 'scandir', 'access', 'realpath']);

/** The errno code of a Node file-system error, if it is one. */
export const fsCode = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

/** One sentence for a file-system error on `file` (the error's own path when it has one). */
export function describeFsError(err: unknown, file?: string): string {
  const code = fsCode(err);
  const reason = code ? REASONS[code] : undefined;
  if (!reason) return err instanceof Error ? err.message : String(err);
  const { path: own, syscall } = err as NodeJS.ErrnoException;
  const named = own ?? file;
  const verb = syscall && READING.has(syscall) ? '读取' : '写入';
  return named ? `${verb} ${named} 失败：${reason}` : reason;
}

/** Rethrows a file-system error as an ArchiveError with describeFsError's sentence; other errors unchanged. */
export function asArchiveError(err: unknown, file?: string): unknown {
  if (err instanceof ArchiveError) return err;
  const code = fsCode(err);
  return code && REASONS[code] ? new ArchiveError(describeFsError(err, file)) : err;
}
