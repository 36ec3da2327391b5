/**
 * cells/NN.json: a compact copy of each report's statistical-table values, so a year overview or
 * a dataset export of 10,000 reports reads 64 small files instead of 10,000 report files. Derived
 * data, like the search index: every row carries the stamp of the report it was taken from
 * (import time + source hash; a report's tables never change under one stamp), a row whose stamp
 * differs from the catalogue's is ignored and taken again from the report file. Each shard is
 * written atomically, so a reader sees a whole old or a whole new file; two processes writing one
 * shard at once lose rows, never correctness. The store knows nothing of cells: the values are
 * opaque columns here.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic.ts';

export const CELLS_DIR = 'cells';
export const CELLS_SHARDS = 64;
const FORMAT = 1;

export interface CellsRow {
  stamp: string;
  values: (number | null)[];
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

const shardFile = (dir: string, n: number) => path.join(dir, CELLS_DIR, `${String(n).padStart(2, '0')}.json`);

/** A shard's rows; empty when the file is absent, unreadable, or written for other columns. */
export async function readCellsShard(dir: string, n: number, columns: readonly string[]): Promise<CellsShard> {
  const rows = new Map<string, CellsRow>();
  try {
    const data = JSON.parse(await readFile(shardFile(dir, n), 'utf8')) as { format?: unknown; columns?: unknown; rows?: unknown };
    const sameColumns = Array.isArray(data.columns) && data.columns.length === columns.length && data.columns.every((c, i) => c === columns[i]);
    if (data.format !== FORMAT || !sameColumns || !data.rows || typeof data.rows !== 'object') return { rows };
    for (const [id, row] of Object.entries(data.rows as Record<string, unknown>)) {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || !Array.isArray(row[1]) || row[1].length !== columns.length) continue;
      if (!row[1].every((v) => v === null || typeof v === 'number')) continue;
      rows.set(id, { stamp: row[0], values: row[1] as (number | null)[] });
    }
  } catch {
    // absent (nothing cached yet) or damaged: the report files are read instead
  }
  return { rows };
}

export async function writeCellsShard(dir: string, n: number, columns: readonly string[], shard: CellsShard): Promise<void> {
  await mkdir(path.join(dir, CELLS_DIR), { recursive: true });
  const rows: Record<string, [string, (number | null)[]]> = {};
  for (const [id, row] of shard.rows) rows[id] = [row.stamp, row.values];
  await writeFileAtomic(shardFile(dir, n), JSON.stringify({ format: FORMAT, columns, rows }));
}
