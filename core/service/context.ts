/**
 * What the service's features share: the open archive, the options it was opened with, and the
 * search index kept in step with every write (ours and other programs').
 */
import type { Report } from '../model.ts';
import { SearchEngine } from '../search/index.ts';
import { killAtStepFromEnv } from './step-hook.ts';
import type { Archive, WriteEffect } from '../archive/index.ts';

export interface ArchiveServiceOptions {
  archiveDir: string;
  host: 'electron' | 'browser';
  loadSample?: boolean;
  /**
   * Open the search index only when first needed (the CLI: a command that does not search
   * never touches the index). Default: opened in the background right away.
   */
  lazySearch?: boolean;
  /** Called when a write has to wait for another process's write lock (the CLI says so). */
  onLockWait?: () => void;
}

/** Reports read back at once after a large write (enough to overlap the reads, few enough to hold). */
const REREAD_AT_ONCE = 16;

export class ServiceContext {
  private search$: Promise<SearchEngine> | null = null;

  constructor(
    readonly archive: Archive,
    readonly opts: ArchiveServiceOptions,
  ) {}

  engine(): Promise<SearchEngine> {
    this.search$ ??= SearchEngine.open(this.archive.dir, () => this.archive.list(), (id) => this.archive.readReport(id), { onStep: killAtStepFromEnv() });
    return this.search$;
  }

  /**
   * Told of the reports of every write of this service, after it is committed (the cells cache):
   * `written` once per slice of a large write, then `settled` once.
   */
  readonly writeListeners: { written(reports: readonly Report[]): Promise<void>; settled(): Promise<void> }[] = [];

  /**
   * Keeps the search index (only if it is open: it reconciles itself with the catalogue on open)
   * and the listeners in step with a write. Reports the write did not keep in memory are read
   * back a few at a time, so a restore of 10,000 reports never holds them all.
   */
  async indexEffect(effect: WriteEffect): Promise<void> {
    const engine = this.search$ ? await this.search$ : null;
    for (const id of effect.removed) await engine?.remove(id);
    await this.tellWritten(engine, effect.written);
    const ids = effect.writtenIds ?? [];
    for (let i = 0; i < ids.length; i += REREAD_AT_ONCE) {
      const read = await Promise.all(ids.slice(i, i + REREAD_AT_ONCE).map((id) => this.archive.readReport(id).catch(() => null)));
      await this.tellWritten(engine, read.filter((r): r is Report => r !== null));
    }
    for (const listener of this.writeListeners) await listener.settled();
  }

  private async tellWritten(engine: SearchEngine | null, reports: readonly Report[]): Promise<void> {
    if (reports.length === 0) return;
    for (const listener of this.writeListeners) await listener.written(reports);
    for (const r of reports) await engine?.add(r);
  }

  /** Picks up writes by other processes (the CLI while the app is open, or the other way round). */
  async refresh(): Promise<void> {
    const diff = await this.archive.refresh();
    if (!diff || !this.search$) return;
    await this.indexEffect({ written: [], writtenIds: [...diff.added, ...diff.changed], removed: diff.removed });
  }

  async close(): Promise<void> {
    if (this.search$) await (await this.search$.catch(() => null))?.close();
    this.search$ = null;
  }
}
