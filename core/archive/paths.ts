/** Where the archive lives by default, and the names of the files inside it. */
import os from 'node:os';
import path from 'node:path';

/** The OS user-data folder of the app, + `archive`. NIANBAO_ARCHIVE / --archive override it (see the CLI). */
export function defaultArchiveDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'nianbao', 'archive');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'nianbao', 'archive');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'nianbao', 'archive');
}

/** The archive folder given explicitly, else NIANBAO_ARCHIVE, else the default. */
export function resolveArchiveDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(explicit || env.NIANBAO_ARCHIVE || defaultArchiveDir(env));
}

export const CATALOGUE_FILE = 'catalogue.json';
export const CATALOGUE_SHARD_DIR = 'catalogue';
export const REPORTS_DIR = 'reports';
export const SOURCES_DIR = 'sources';
export const TRASH_DIR = 'trash';
export const JOURNAL_FILE = 'journal.json';
export const LOCK_FILE = 'write.lock';
export const SEARCH_DIR = 'search';
/** Archive settings (how long the trash keeps removed reports). */
export const SETTINGS_FILE = 'settings.json';
/** Catalogue rows are spread over this many shard files, by body, so one write touches one small file. */
export const SHARD_COUNT = 64;
