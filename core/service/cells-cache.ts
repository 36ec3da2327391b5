/**
 * Canonical cell values per report for the year overview, timelines of many bodies and dataset
 * exports. Kept in the archive's compact cells files (core/archive/cells-file.ts), so the first
 * overview after opening reads 64 small files, not every report file of the year; a row is used
 * only while its stamp matches the catalogue row (same import of the same bytes), else the report
 * file is read once and the row written back. Writes of this service update the rows at once.
 */
import type { CatalogueEntry, Report } from '../model.ts';
import { CELL_IDS, cellValues } from '../compare/cells.ts';
import { forEachLimited } from '../common/limited.ts';
import type { Archive } from '../archive/index.ts';
import { cellsShardOf, readCellsShard, writeCellsShard, type CellsShard } from '../archive/cells-file.ts';

const READS_AT_ONCE = 8;

type Cells = Record<string, number | null>;

/** The stamp of one import of one file: its tables never change under it. */
const stampOf = (e: Pick<CatalogueEntry, 'importedAt' | 'sha256'>) => `${e.importedAt}|${e.sha256}`;

/** Every canonical cell of a cells-file row as an object (null for unknown): made for one row at a time, so it dies young. */
export function cellsOfRow(values: Float64Array): Cells {
  const out: Cells = {};
  for (let i = 0; i < CELL_IDS.length; i++) out[CELL_IDS[i]] = Number.isNaN(values[i]) ? null : values[i];
  return out;
}

/** A report's cells as a cells-file row: CELL_IDS order, NaN for unknown. */
const toValues = (cells: Cells) => Float64Array.from(CELL_IDS, (id) => cells[id] ?? NaN);

export class CellsCache {
  /** Shards read once per process; ours to update in memory and write back. */
  private readonly shards = new Map<number, Promise<CellsShard>>();
  /** Shards changed by `written` and not yet written back. */
  private readonly unsaved = new Set<number>();

  constructor(private readonly archive: Archive) {}

  private shard(n: number): Promise<CellsShard> {
    let s = this.shards.get(n);
    if (!s) this.shards.set(n, (s = readCellsShard(this.archive.dir, n, CELL_IDS)));
    return s;
  }

  /**
   * Every canonical cell value of each entry in CELL_IDS order, NaN where unknown, in the same
   * order as `entries`: views into the cached shards (no object per row for 10,000 rows), so
   * read-only to callers.
   */
  async valuesOf(entries: readonly CatalogueEntry[]): Promise<Float64Array[]> {
    const numbers = [...new Set(entries.map((e) => cellsShardOf(e.id)))];
    const loaded = new Map(await Promise.all(numbers.map(async (n) => [n, await this.shard(n)] as const)));
    const out: Float64Array[] = new Array(entries.length);
    const missing: number[] = [];
    entries.forEach((e, i) => {
      const row = loaded.get(cellsShardOf(e.id))!.rows.get(e.id);
      if (row && row.stamp === stampOf(e)) out[i] = row.values;
      else missing.push(i);
    });
    const dirty = new Set<number>();
    await forEachLimited(missing, READS_AT_ONCE, async (i) => {
      const e = entries[i];
      const values = toValues(cellValues(await this.archive.readReport(e.id)));
      const n = cellsShardOf(e.id);
      loaded.get(n)!.rows.set(e.id, { stamp: stampOf(e), values });
      dirty.add(n);
      out[i] = values;
    });
    await this.flush(dirty);
    return out;
  }

  /**
   * After a write of this service: the written reports' rows, so no report file is read for them
   * later. A large write hands its reports over in slices; `settle` writes the changed shards once.
   */
  async written(reports: readonly Report[]): Promise<void> {
    for (const r of reports) {
      const n = cellsShardOf(r.id);
      const stamp = stampOf({ importedAt: r.importedAt, sha256: r.source.sha256 });
      const shard = await this.shard(n);
      if (shard.rows.get(r.id)?.stamp === stamp) continue; // a cross-year re-evaluation: same tables
      shard.rows.set(r.id, { stamp, values: toValues(cellValues(r)) });
      this.unsaved.add(n);
    }
  }

  /** Writes the shards changed by `written` since the last call. */
  async settle(): Promise<void> {
    const dirty = new Set(this.unsaved);
    this.unsaved.clear();
    await this.flush(dirty);
  }

  /** Writes changed shards, without rows of reports no longer listed. A failed write only costs reads later. */
  private async flush(dirty: Set<number>): Promise<void> {
    if (dirty.size === 0) return;
    const listed = new Set(this.archive.list().map((e) => e.id));
    await Promise.all(
      [...dirty].map(async (n) => {
        const shard = await this.shard(n);
        for (const id of shard.rows.keys()) if (!listed.has(id)) shard.rows.delete(id);
        await writeCellsShard(this.archive.dir, n, CELL_IDS, shard).catch(() => {});
      }),
    );
  }
}
