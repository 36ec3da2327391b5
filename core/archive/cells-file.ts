/**
 * cells/NN.bin: a compact copy of each report's statistical-table values, so a year overview or
 * a dataset export of 10,000 reports reads 64 small files instead of 10,000 report files. Derived
 * data, like the search index: every row carries the stamp of the report it was taken from
 * (import time + source hash; a report's tables never change under one stamp), a row whose stamp
 * differs from the catalogue's is ignored and taken again from the report file. Each shard is
 * written atomically, so a reader sees a whole old or a whole new file; two processes writing one
 * shard at once lose rows, never correctness. The store knows nothing of cells: the values are
 * opaque columns here.
 *
 * Binary, not JSON: the values are one Float64Array per shard (row-major, NaN for an unknown
 * value), read without parsing; each row is a view into it. Parsing the JSON shards (7.9 MB of
 * arrays for 10,000 reports) was most of a cold year overview.
 *
 * Layout: magic `NBCELLS2`, uint32 LE length of a JSON header `{columns, ids, stamps}`, the header,
 * zero padding to a multiple of 8, then ids.length × columns.length float64 LE.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic.ts';

export const CELLS_DIR = 'cells';
export const CELLS_SHARDS = 64;
const MAGIC = 'NBCELLS2';

export interface CellsRow {
  stamp: string;
  /** One value per column of the shard; NaN where the value is unknown (never 0). */
  values: Float64Array;
}

export interface CellsShard {
  /** Rows by report id, values in the order of `columns` given to read/write. */
  rows: Map<string, CellsRow>;
}

/** FNV-1a of the report id. */
export function cellsShardOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % CELLS_SHARDS;
}

const shardFile = (dir: string, n: number) => path.join(dir, CELLS_DIR, `${String(n).padStart(2, '0')}.bin`);
/** The JSON shards of earlier versions, removed when a shard is next written. */
const legacyShardFile = (dir: string, n: number) => path.join(dir, CELLS_DIR, `${String(n).padStart(2, '0')}.json`);

const sameColumns = (a: unknown, b: readonly string[]) => Array.isArray(a) && a.length === b.length && a.every((c, i) => c === b[i]);
const isStrings = (a: unknown): a is string[] => Array.isArray(a) && a.every((s) => typeof s === 'string');

/** A shard's rows; empty when the file is absent, unreadable, damaged, or written for other columns. */
export async function readCellsShard(dir: string, n: number, columns: readonly string[]): Promise<CellsShard> {
  const rows = new Map<string, CellsRow>();
  try {
    const bytes = await readFile(shardFile(dir, n));
    if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) return { rows };
    const headerLength = bytes.readUInt32LE(8);
    if (12 + headerLength > bytes.length) return { rows };
    const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as { columns?: unknown; ids?: unknown; stamps?: unknown };
    const { ids, stamps } = header;
    if (!sameColumns(header.columns, columns) || !isStrings(ids) || !isStrings(stamps) || ids.length !== stamps.length) return { rows };
    const start = Math.ceil((12 + headerLength) / 8) * 8;
    if (bytes.length !== start + ids.length * columns.length * 8) return { rows };
    // The read buffer itself when aligned (a file this size gets a buffer of its own, offset 0):
    // copying 22 MB of fresh memory for 10,000 reports cost as much as reading it.
    const count = ids.length * columns.length;
    const values = (bytes.byteOffset + start) % 8 === 0 ? new Float64Array(bytes.buffer, bytes.byteOffset + start, count) : new Float64Array(count);
    if (values.buffer !== bytes.buffer) new Uint8Array(values.buffer).set(bytes.subarray(start));
    for (let i = 0; i < ids.length; i++) rows.set(ids[i], { stamp: stamps[i], values: values.subarray(i * columns.length, (i + 1) * columns.length) });
  } catch {
    // absent (nothing cached yet) or damaged: the report files are read instead
  }
  return { rows };
}

export async function writeCellsShard(dir: string, n: number, columns: readonly string[], shard: CellsShard): Promise<void> {
  await mkdir(path.join(dir, CELLS_DIR), { recursive: true });
  const ids = [...shard.rows.keys()];
  const header = Buffer.from(JSON.stringify({ columns, ids, stamps: ids.map((id) => shard.rows.get(id)!.stamp) }));
  const start = Math.ceil((12 + header.length) / 8) * 8;
  const bytes = Buffer.alloc(start + ids.length * columns.length * 8);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(header.length, 8);
  header.copy(bytes, 12);
  const values = new Float64Array(bytes.buffer, bytes.byteOffset + start, ids.length * columns.length);
  ids.forEach((id, i) => values.set(shard.rows.get(id)!.values.subarray(0, columns.length), i * columns.length));
  await writeFileAtomic(shardFile(dir, n), bytes);
  await rm(legacyShardFile(dir, n), { force: true });
}
