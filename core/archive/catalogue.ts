/**
 * The catalogue: one CatalogueEntry per stored report, what the library lists without opening
 * report files. Kept in lowdb JSON files (steno: temp file + rename, so a reader sees the old or
 * the new file, never half of one): a small head `catalogue.json` (schemaVersion, shard count,
 * a generation counter) and `catalogue/NN.json` shards holding the rows. Rows are sharded by
 * body, so the versions and neighbouring years of a body, which one write touches together,
 * live in one shard: an import rewrites one shard of ~1/64 of the catalogue, never all of it.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { CatalogueEntry } from '../model.ts';
import { CATALOGUE_FILE, CATALOGUE_SHARD_DIR, SHARD_COUNT } from './paths.ts';
import { ArchiveError, SCHEMA_VERSION, migrateCatalogueEntry, refuseNewer, schemaVersionOf } from './schema.ts';

export interface CatalogueHead {
  schemaVersion: number;
  shards: number;
  /** Incremented by every write, so readers notice another process's writes. */
  generation: number;
}

interface ShardData {
  schemaVersion: number;
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
  | { kind: 'ok'; head: CatalogueHead; entries: CatalogueEntry[]; headStamp: FileStamp | null; shardStamps: (FileStamp | null)[] }
  | { kind: 'corrupt'; file: string; why: string };

export class CatalogueFiles {
  private readonly headDb: Low<CatalogueHead>;
  private readonly shardDbs = new Map<number, Low<ShardData>>();
  readonly headFile: string;

  constructor(readonly dir: string) {
    this.headFile = path.join(dir, CATALOGUE_FILE);
    this.headDb = new Low<CatalogueHead>(new JSONFile<CatalogueHead>(this.headFile), { schemaVersion: SCHEMA_VERSION, shards: SHARD_COUNT, generation: 0 });
  }

  shardFile(n: number): string {
    return path.join(this.dir, CATALOGUE_SHARD_DIR, `${String(n).padStart(2, '0')}.json`);
  }

  private shardDb(n: number): Low<ShardData> {
    let db = this.shardDbs.get(n);
    if (!db) {
      db = new Low<ShardData>(new JSONFile<ShardData>(this.shardFile(n)), { schemaVersion: SCHEMA_VERSION, entries: [] });
      this.shardDbs.set(n, db);
    }
    return db;
  }

  headStamp(): Promise<FileStamp | null> {
    return stampOf(this.headFile);
  }

  /** Reads the head and, of the shards, only those whose stamp differs from `known` (all when omitted). */
  async load(known?: { stamps: (FileStamp | null)[]; entries: (CatalogueEntry[] | undefined)[] }): Promise<LoadedCatalogue & { shardEntries?: CatalogueEntry[][] }> {
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
    const shardStamps: (FileStamp | null)[] = [];
    const shardEntries: CatalogueEntry[][] = [];
    const stamps = await Promise.all(Array.from({ length: SHARD_COUNT }, (_, n) => stampOf(this.shardFile(n))));
    const toRead = stamps.map((s, n) => !!s && !(known?.entries[n] && sameStamp(known.stamps[n], s)));
    const readErrors = await Promise.all(
      toRead.map((read, n) =>
        read
          ? this.shardDb(n)
              .read()
              .then(
                () => null,
                (err: Error) => err.message,
              )
          : null,
      ),
    );
    for (let n = 0; n < SHARD_COUNT; n++) {
      shardStamps[n] = stamps[n];
      if (!stamps[n]) {
        shardEntries[n] = [];
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
      const rows = version < SCHEMA_VERSION ? data.entries.map((e) => migrateCatalogueEntry(e as unknown as Record<string, unknown>, version) as unknown as CatalogueEntry) : data.entries;
      if (!rows.every((e) => e && typeof e.id === 'string')) return { kind: 'corrupt', file: this.shardFile(n), why: 'a row without id' };
      shardEntries[n] = rows;
    }
    return { kind: 'ok', head: { ...head, schemaVersion: headVersion }, entries: shardEntries.flat(), headStamp, shardStamps, shardEntries };
  }

  /** Writes the given shards, then the head (the head's new generation tells readers to reload). */
  async write(shards: Map<number, CatalogueEntry[]>, generation: number): Promise<{ headStamp: FileStamp | null; shardStamps: Map<number, FileStamp | null> }> {
    const shardStamps = new Map<number, FileStamp | null>();
    for (const [n, entries] of shards) {
      const db = this.shardDb(n);
      db.data = { schemaVersion: SCHEMA_VERSION, entries };
      await db.write();
      shardStamps.set(n, await stampOf(this.shardFile(n)));
    }
    this.headDb.data = { schemaVersion: SCHEMA_VERSION, shards: SHARD_COUNT, generation };
    await this.headDb.write();
    return { headStamp: await this.headStamp(), shardStamps };
  }
}

export { ArchiveError };
