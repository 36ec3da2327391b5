/**
 * The trash folder: `trash/<token>/` holds the report files and sources of one removal and its
 * owner.json (who removed what, when, and a summary of each report for the trash view). Kept
 * across restarts; the store deletes a batch when it is restored, emptied, or older than the
 * retention of settings.json.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { TRASH_DIR } from './paths.ts';
import { insideArchive, trashOwnerSchema, type trashedSummarySchema } from './files.ts';

export const TRASH_OWNER_FILE = 'owner.json';
export type TrashOwner = z.infer<typeof trashOwnerSchema>;
export type TrashedSummary = z.infer<typeof trashedSummarySchema>;

/** Tokens are `<time base36>-<hex>`: a file name, never a path. */
export const isTrashToken = (token: string): boolean => /^[\w-]{1,64}$/.test(token);

export interface TrashBatchFile {
  token: string;
  owner: TrashOwner;
}

const DAY_MS = 24 * 60 * 60_000;

/** When a batch removed at `at` (ISO) is purged; an unreadable date counts as now (kept a full period). */
export function expiresAt(at: string, retentionDays: number, now = Date.now()): number {
  const removed = Date.parse(at);
  return (Number.isFinite(removed) ? removed : now) + retentionDays * DAY_MS;
}

/** The owner file of one batch, or null (absent, damaged, or a token that is not a file name). */
export async function readTrashBatch(dir: string, token: string): Promise<TrashOwner | null> {
  if (!isTrashToken(token)) return null;
  try {
    const parsed = trashOwnerSchema.safeParse(JSON.parse(await readFile(insideArchive(dir, TRASH_DIR, token, TRASH_OWNER_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Every batch with a readable owner file, newest first; `unowned`: folders without one (a removal being written, or a crash before it wrote it). */
export async function readTrashBatches(dir: string): Promise<{ batches: TrashBatchFile[]; unowned: { token: string; ageMs: number }[] }> {
  const tokens = (await readdir(path.join(dir, TRASH_DIR)).catch(() => [] as string[])).filter(isTrashToken);
  const batches: TrashBatchFile[] = [];
  const unowned: { token: string; ageMs: number }[] = [];
  for (const token of tokens) {
    const owner = await readTrashBatch(dir, token);
    if (owner) batches.push({ token, owner });
    else unowned.push({ token, ageMs: await stat(insideArchive(dir, TRASH_DIR, token)).then((s) => Date.now() - s.mtimeMs, () => 0) });
  }
  batches.sort((a, b) => (a.owner.at < b.owner.at ? 1 : a.owner.at > b.owner.at ? -1 : 0));
  return { batches, unowned };
}
