/**
 * settings.json: the archive's own settings (they travel with the folder, so every program
 * opening it — app, browser host, CLI — purges the trash alike). Written atomically under the
 * write lock; an unreadable file means the defaults, never a failed open.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic.ts';
import { SETTINGS_FILE } from './paths.ts';
import { ArchiveError } from './schema.ts';

export interface ArchiveSettings {
  /** Removed reports stay restorable this many days, then the next write deletes them. */
  trashRetentionDays: number;
}

export const DEFAULT_SETTINGS: ArchiveSettings = { trashRetentionDays: 30 };
export const RETENTION_DAYS = { min: 1, max: 3650 } as const;

const retention = z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max);
const settingsFileSchema = z.looseObject({ trashRetentionDays: retention.optional() });

export async function readSettings(dir: string): Promise<ArchiveSettings> {
  try {
    const parsed = settingsFileSchema.safeParse(JSON.parse(await readFile(path.join(dir, SETTINGS_FILE), 'utf8')));
    return parsed.success ? { ...DEFAULT_SETTINGS, ...parsed.data } : { ...DEFAULT_SETTINGS };
  } catch {
    return { ...DEFAULT_SETTINGS }; // absent or unreadable: the defaults
  }
}

/** Checks and writes the settings (call under the write lock); unknown fields of the file are kept. */
export async function writeSettings(dir: string, patch: Partial<ArchiveSettings>): Promise<ArchiveSettings> {
  if (patch.trashRetentionDays !== undefined && !retention.safeParse(patch.trashRetentionDays).success) {
    throw new ArchiveError(`回收站保留天数 ${patch.trashRetentionDays} 无效，应为 ${RETENTION_DAYS.min}–${RETENTION_DAYS.max} 之间的整数 (invalid trash retention days)`);
  }
  const file = path.join(dir, SETTINGS_FILE);
  const current = await readFile(file, 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => ({}));
  const next = { ...(current && typeof current === 'object' && !Array.isArray(current) ? current : {}), ...patch };
  await writeFileAtomic(file, JSON.stringify(next, null, 1));
  return readSettings(dir);
}
