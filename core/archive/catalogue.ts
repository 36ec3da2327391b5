/**
 * The catalogue: one CatalogueEntry per stored report, what the library lists without opening
 * report files. Kept in lowdb JSON files (steno: temp file + rename, so a reader sees the old or
 * the new file, never half of one): a small head `catalogue.json` (schemaVersion, shard count,
 * a generation counter) and `catalogue/NN.json` shards holding the rows. Rows are sharded by
 * body, so the versions and neighbouring years of a body, which one write touches together,
 * live in one shard: an import rewrites one shard of ~1/64 of the catalogue, never all of it.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { CatalogueEntry } from '../model.ts';
import { CATALOGUE_FILE, CATALOGUE_SHARD_DIR, JOURNAL_FILE, SHARD_COUNT } from './paths.ts';
import { ArchiveError, SCHEMA_VERSION, migrateCatalogueEntry, refuseNewer, schemaVersionOf } from './schema.ts';
import { syncDir, writeFileAtomic } from './atomic.ts';
import { catalogueEntrySchema, firstIssue, journalSchema } from './files.ts';

/**
 * lowdb's JSONFile renames without fsync: after a power loss the head could name shards whose
 * contents never reached the disk. Written like the report files instead (temp + fsync + rename).
 */
class DurableJsonFile<T> implements Adapter<T> {
  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  write(data: T): Promise<void> {
    return writeFileAtomic(this.file, JSON.stringify(data));
  }
}

export interface CatalogueHead {
  schemaVersion: number;
  shards: number;
  /** Incremented by every write, so readers notice another process's writes. */
  generation: number;
  /**
   * Rows per shard at this commit: a missing or truncated shard is noticed (and rebuilt) instead
   * of losing its rows silently. Absent in archives written before it existed.
   */
  rows?: number[];
}

interface ShardData {
  schemaVersion: number;
  /** The generation of the commit that wrote it: above the head's, the commit has not happened (yet). */
  generation?: number;
  entries: CatalogueEntry[];
}

/** Identity of a file version: rename replaces the inode, so any write changes it. */
export interface FileStamp {
  ino: number;
  mtimeMs: number;
  size: number;
}

export async function stampOf(file: string): Promise<FileStamp | null> {
  try {
    const s = await stat(file);
    return { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return null;
  }
}

export const sameStamp = (a: FileStamp | null, b: FileStamp | null) =>
  a === b || (!!a && !!b && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size);

/** FNV-1a: a stable, dependency-free spread of bodies over shards. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Reports of one body share a shard; reports without a body are spread by id. */
export function shardOf(entry: Pick<CatalogueEntry, 'bodyNormalized' | 'id'>, shards = SHARD_COUNT): number {
  const key = entry.bodyNormalized || `#${entry.id}`;
  if (shards !== SHARD_COUNT) return hash32(key) % shards;
  let n = shardMemo.get(key);
  if (n === undefined) {
    n = hash32(key) % shards;
    if (shardMemo.size > 200_000) shardMemo.clear();
    shardMemo.set(key, n);
  }
  return n;
}
/** Commits place every row in its shard: hashing 10,000 names per write is avoidable. */
const shardMemo = new Map<string, number>();

export class CatalogueCorrupt extends Error {
  constructor(readonly file: string, readonly why: string) {
    super(`${file}: ${why}`);
  }
}

export type LoadedCatalogue =
  | { kind: 'absent' }
  | {
      kind: 'ok';
      head: CatalogueHead;
      entries: CatalogueEntry[];
      headStamp: FileStamp | null;
      shardStamps: (FileStamp | null)[];
      /** Shards written by a write that has not committed (in progress, or its writer died): their new rows are left out. */
      ahead: number[];
    }
  | { kind: 'corrupt'; file: string; why: string };

export class CatalogueFiles {
  private readonly headDb: Low<CatalogueHead>;
  private readonly shardDbs = new Map<number, Low<ShardData>>();
  readonly headFile: string;

  constructor(readonly dir: string) {
    this.headFile = path.join(dir, CATALOGUE_FILE);
    this.headDb = new Low<CatalogueHead>(new DurableJsonFile<CatalogueHead>(this.headFile), { schemaVersion: SCHEMA_VERSION, shards: SHARD_COUNT, generation: 0 });
  }

  shardFile(n: number): string {
    return path.join(this.dir, CATALOGUE_SHARD_DIR, `${String(n).padStart(2, '0')}.json`);
  }

  private shardDb(n: number): Low<ShardData> {
    let db = this.shardDbs.get(n);
    if (!db) {
      db = new Low<ShardData>(new DurableJsonFile<ShardData>(this.shardFile(n)), { schemaVersion: SCHEMA_VERSION, entries: [] });
      this.shardDbs.set(n, db);
    }
    return db;
  }

  headStamp(): Promise<FileStamp | null> {
    return stampOf(this.headFile);
  }

  /** The ids a write in progress (or a dead writer) is adding: rows of theirs in shards ahead of the head are not committed. */
  private async uncommittedIds(): Promise<Set<string> | null> {
    try {
      const journal = journalSchema.safeParse(JSON.parse(await readFile(path.join(this.dir, JOURNAL_FILE), 'utf8')));
      return journal.success ? new Set(journal.data.newIds) : null;
    } catch {
      return null;
    }
  }

  /**
   * Reads the head and, of the shards, only those whose stamp differs from `known` (all when
   * omitted). Rows a write added to a shard before its head commit are left out (readers
   * never show what was not committed); a shard the head counts rows for but that is missing
   * or short is reported as damaged.
   */
  async load(known?: { stamps: (FileStamp | null)[]; entries: (CatalogueEntry[] | undefined)[] }): Promise<LoadedCatalogue & { shardEntries?: CatalogueEntry[][] }> {
    // A writer committing between our head read and our shard reads makes shards look ahead: read again.
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.loadOnce(known);
      if (loaded !== 'retry') return loaded;
      if (attempt >= 20) return { kind: 'corrupt', file: this.headFile, why: 'catalogue kept changing while read' };
    }
  }

  private async loadOnce(known?: { stamps: (FileStamp | null)[]; entries: (CatalogueEntry[] | undefined)[] }): Promise<(LoadedCatalogue & { shardEntries?: CatalogueEntry[][] }) | 'retry'> {
    const headStamp = await this.headStamp();
    if (!headStamp) return { kind: 'absent' };
    let head: CatalogueHead;
    try {
      await this.headDb.read();
      head = this.headDb.data;
    } catch (err) {
      return { kind: 'corrupt', file: this.headFile, why: (err as Error).message };
    }
    if (!head || typeof head !== 'object' || typeof head.shards !== 'number' || head.shards < 1) {
      return { kind: 'corrupt', file: this.headFile, why: 'not a catalogue head' };
    }
    const headVersion = schemaVersionOf(head as unknown as Record<string, unknown>);
    refuseNewer(headVersion, this.headFile);
    if (head.shards !== SHARD_COUNT) return { kind: 'corrupt', file: this.headFile, why: `shard count ${head.shards} ≠ ${SHARD_COUNT}` };
    const generation = typeof head.generation === 'number' ? head.generation : 0;
    const rows = Array.isArray(head.rows) && head.rows.length === SHARD_COUNT ? head.rows : null;
    const shardStamps: (FileStamp | null)[] = [];
    const shardEntries: CatalogueEntry[][] = [];
    const ahead: number[] = [];
    let uncommitted: Set<string> | null | undefined;
    const stamps = await Promise.all(Array.from({ length: SHARD_COUNT }, (_, n) => stampOf(this.shardFile(n))));
    const toRead = stamps.map((s, n) => !!s && !(known?.entries[n] && sameStamp(known.stamps[n], s)));
    const readErrors = await Promise.all(
      toRead.map((read, n) =>
        read
          ? this.shardDb(n)
              .read()
              .then(
                () => null,
                (err: Error) => (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : err.message,
              )
          : null,
      ),
    );
    for (let n = 0; n < SHARD_COUNT; n++) {
      shardStamps[n] = stamps[n];
      if (!stamps[n] || readErrors[n] === 'missing') {
        if (rows && rows[n] > 0) return { kind: 'corrupt', file: this.shardFile(n), why: `missing (the catalogue head counts ${rows[n]} rows in it)` };
        shardEntries[n] = [];
        shardStamps[n] = null;
        continue;
      }
      if (!toRead[n]) {
        shardEntries[n] = known!.entries[n]!;
        continue;
      }
      if (readErrors[n]) return { kind: 'corrupt', file: this.shardFile(n), why: readErrors[n]! };
      const data = this.shardDb(n).data;
      if (!data || !Array.isArray(data.entries)) return { kind: 'corrupt', file: this.shardFile(n), why: 'no entries' };
      const version = schemaVersionOf(data as unknown as Record<string, unknown>);
      refuseNewer(version, this.shardFile(n));
      const migrated = version < SCHEMA_VERSION ? data.entries.map((e) => migrateCatalogueEntry(e as unknown as Record<string, unknown>, version) as unknown as CatalogueEntry) : data.entries;
      const bad = migrated.findIndex((e) => !catalogueEntrySchema.safeParse(e).success);
      if (bad >= 0) return { kind: 'corrupt', file: this.shardFile(n), why: `row ${bad}: ${firstIssue(catalogueEntrySchema.safeParse(migrated[bad]).error!)}` };
      let shardRows = migrated;
      if ((data.generation ?? 0) > generation) {
        uncommitted ??= await this.uncommittedIds();
        if (!uncommitted) {
          // No journal: its writer committed and finished after we read the head.
          if (!sameStamp(await this.headStamp(), headStamp)) return 'retry';
        } else shardRows = migrated.filter((e) => !uncommitted!.has(e.id));
        ahead.push(n);
        shardStamps[n] = null; // not remembered: once committed, the same file holds committed rows
      } else if (rows && rows[n] !== migrated.length) {
        return { kind: 'corrupt', file: this.shardFile(n), why: `${migrated.length} rows, the catalogue head counts ${rows[n]}` };
      }
      shardEntries[n] = shardRows;
    }
    return { kind: 'ok', head: { ...head, schemaVersion: headVersion }, entries: shardEntries.flat(), headStamp, shardStamps, shardEntries, ahead };
  }

  /**
   * Writes the given shards, then the head (the head's new generation tells readers to reload,
   * and commits the shards). `rows` = rows per shard after this write. Every file is fsynced,
   * and so are the folders' entries, before the head names them.
   */
  async write(shards: Map<number, CatalogueEntry[]>, generation: number, rows: number[], beforeHead?: () => Promise<void>): Promise<{ headStamp: FileStamp | null; shardStamps: Map<number, FileStamp | null> }> {
    const shardStamps = new Map<number, FileStamp | null>();
    for (const [n, entries] of shards) {
      const db = this.shardDb(n);
      db.data = { schemaVersion: SCHEMA_VERSION, generation, entries };
      await db.write();
      shardStamps.set(n, await stampOf(this.shardFile(n)));
    }
    await syncDir(path.join(this.dir, CATALOGUE_SHARD_DIR));
    await beforeHead?.();
    this.headDb.data = { schemaVersion: SCHEMA_VERSION, shards: SHARD_COUNT, generation, rows };
    await this.headDb.write();
    await syncDir(this.dir);
    return { headStamp: await this.headStamp(), shardStamps };
  }
}

export { ArchiveError };
