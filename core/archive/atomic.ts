/** Durable atomic file writes: temp file in the same folder, fsync, rename, fsync the folder. */
import { copyFile, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Temp names: this process's random prefix and a counter (a bulk import writes thousands; one random draw each was measurable). */
const TEMP_PREFIX = `${process.pid}.${randomBytes(4).toString('hex')}`;
let tempCounter = 0;

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${TEMP_PREFIX}.${(tempCounter++).toString(36)}.tmp`);
  const handle = await open(temp, 'w').catch((err) => {
    throw naming(err, file);
  });
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw naming(err, file);
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw naming(err, file);
  }
}

/** The file the user knows (not our temp name, nor none at all: "ENOSPC …, write" names no file). */
function naming(err: unknown, file: string): unknown {
  if (err && typeof err === 'object' && 'code' in err) (err as NodeJS.ErrnoException).path = file;
  return err;
}

/** Makes completed renames in a folder durable (no-op where folders cannot be opened, e.g. Windows). */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // some file systems refuse fsync on directories: the rename is still atomic
  } finally {
    await handle.close();
  }
}

/** Copies `from` to `to` durably (the copy's bytes are on disk when this resolves), errors naming `to`. */
export async function copyFileDurable(from: string, to: string): Promise<void> {
  await copyFile(from, to).catch((err) => {
    throw naming(err, to);
  });
  const handle = await open(to, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
