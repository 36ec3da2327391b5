/**
 * Temp files a killed writer left behind (`.<name>.<pid>.<n>.tmp` of writeFileAtomic, the search
 * index's `*.tmp`): removed by the next writer, so that a crash does not leave the disk fuller.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { CATALOGUE_SHARD_DIR, REPORTS_DIR, SEARCH_DIR, SOURCES_DIR } from './paths.ts';

/** The search index is written without the archive lock: a temp file this young may be another program's compaction in progress. */
export const SEARCH_TEMP_GRACE_MS = 10 * 60_000;

const isTemp = (name: string) => name.endsWith('.tmp');

/**
 * Removes temp files of the store's folders (call with the write lock held: no other writer is
 * writing them) and search temp files older than the grace period. Returns the files removed.
 */
export async function removeTempFiles(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const sub of ['', REPORTS_DIR, SOURCES_DIR, CATALOGUE_SHARD_DIR]) {
    const folder = path.join(dir, sub);
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.filter(isTemp)) {
      await rm(path.join(folder, name), { force: true }).catch(() => {});
      removed.push(path.join(folder, name));
    }
  }
  const search = path.join(dir, SEARCH_DIR);
  for (const name of (await readdir(search).catch(() => [] as string[])).filter(isTemp)) {
    const file = path.join(search, name);
    const age = await stat(file).then((s) => now - s.mtimeMs, () => -1);
    if (age > SEARCH_TEMP_GRACE_MS) {
      await rm(file, { force: true }).catch(() => {});
      removed.push(file);
    }
  }
  return removed;
}
