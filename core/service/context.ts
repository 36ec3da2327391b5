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

  /** Told of every write of this service, after it is committed (the cells cache). */
  readonly writeListeners: ((effect: WriteEffect) => Promise<void>)[] = [];

  /** Keeps the search index in step with a write (only if it is open: it reconciles itself with the catalogue on open). */
  async indexEffect(effect: WriteEffect): Promise<void> {
    for (const listener of this.writeListeners) await listener(effect);
    if (!this.search$) return;
    const engine = await this.search$;
    for (const id of effect.removed) await engine.remove(id);
    for (const r of effect.written) await engine.add(r);
  }

  /** Picks up writes by other processes (the CLI while the app is open, or the other way round). */
  async refresh(): Promise<void> {
    const diff = await this.archive.refresh();
    if (!diff || !this.search$) return;
    const written: Report[] = [];
    for (const id of [...diff.added, ...diff.changed]) {
      const r = await this.archive.readReport(id).catch(() => null);
      if (r) written.push(r);
    }
    await this.indexEffect({ written, removed: diff.removed });
  }

  async close(): Promise<void> {
    if (this.search$) await (await this.search$.catch(() => null))?.close();
    this.search$ = null;
  }
}
