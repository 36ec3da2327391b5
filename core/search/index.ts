/**
 * SearchEngine: Chinese full-text + filter search over one archive (issue 5).
 * Index in `<archive>/search/` (see persist.ts); query language in query.ts.
 *
 * Service usage: one engine per archive, opened at start in the main/host process;
 * `add(report)` after import and after edits (replaces by id), `remove(id)` after removal,
 * `search(request, { signal })` for ArchiveApi.search with an AbortSignal per client
 * (abort the previous controller when a new query arrives), `close()` on shutdown.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { SearchRequest, SearchResponse } from '../api.ts';
import type { CatalogueEntry, Report } from '../model.ts';
import { BodyMatcher } from './bodies.ts';
import { Executor, SearchAborted } from './execute.ts';
import { OriginalsReader, appendJournal, journalRecordFor, loadSnapshot, replayJournal, StaleIndexError, writeSnapshot } from './persist.ts';
import { parseQuery } from './query.ts';
import { MemoryIndex, buildDoc, type DocRecord } from './store.ts';
import { docMatchesEntry } from './catalogue-stamp.ts';
import type { SnapshotData } from './snapshot-data.ts';

export { SearchAborted } from './execute.ts';
export { parseQuery } from './query.ts';
export { normalize } from './normalize.ts';

export interface SearchOptions {
  /** Abort when a newer query from the same client arrives; search() then rejects with SearchAborted (name 'AbortError'). */
  signal?: AbortSignal;
  /** Bypass the term-position cache (benchmarks measure cold queries with it). */
  noCache?: boolean;
}

export interface EngineOptions {
  /** Write the index to disk (default true). Benchmarks of the in-memory engine may turn it off. */
  persist?: boolean;
  /** Rewrite the snapshot after this many journal records (default 2,000). */
  compactAfter?: number;
  /** Answer every query by the brute-force scan (tests and the benchmark compare both paths). */
  scanOnly?: boolean;
  /** Called when the index state changes (e.g. to show "索引重建中…" in the UI). */
  onState?: (state: 'ready' | 'building', detail: string) => void;
  /** Called at the steps of a snapshot write (`compact:texts`, `compact:index`): crash tests stop a process there. */
  onStep?: (step: string) => void;
}

export interface EngineStatus {
  state: 'ready' | 'building';
  reports: number;
  /** Why the last (re)build happened: 'missing' | 'stale: …' | 'corrupt: …' | 'loaded'. */
  origin: string;
  loadMs: number;
}

const MAX_PAGE_SIZE = 200;
const ORIGINALS_CACHED = 256;

/** The search engine over one archive folder. */
export class SearchEngine {
  private index = new MemoryIndex();
  private executor = new Executor(this.index);
  private readonly bodies = new BodyMatcher();
  private state: 'ready' | 'building' = 'ready';
  private building: Promise<void> | null = null;
  private texts: OriginalsReader | null = null;
  private journalRecords = 0;
  private dirty = false;
  private origin = 'empty';
  private loadMs = 0;
  private closed = false;
  private readonly pendingLoads = new Map<string, Promise<void>>();
  private verifying: Promise<void> | null = null;
  private readonly searchDir: string;
  /** Original-text accessors of recently shown documents (LRU; cleared when the text file changes). */
  private readonly originalsCache = new LRUCache<DocRecord, (field: number) => string>({ max: ORIGINALS_CACHED });
  /** Older versions of a body+year (catalogue `latest` false), by document number; refreshed after writes. */
  private hidden: Uint8Array | null = null;
  private hiddenFor: MemoryIndex | null = null;
  private hiddenStale = true;

  private constructor(
    dir: string,
    private readonly catalogue: () => CatalogueEntry[],
    private readonly loadReport: (id: string) => Promise<Report>,
    private readonly options: EngineOptions,
  ) {
    this.searchDir = join(dir, 'search');
  }

  /**
   * Opens the persisted index in `<dir>/search/`. A missing, stale (engine/schema/parser
   * version) or corrupt index is rebuilt in the background from `catalogue()` + `loadReport`;
   * searches meanwhile answer exactly by a brute-force scan (response.index = 'building').
   */
  static async open(dir: string, catalogue: () => CatalogueEntry[], loadReport: (id: string) => Promise<Report>, options: EngineOptions = {}): Promise<SearchEngine> {
    const engine = new SearchEngine(dir, catalogue, loadReport, options);
    if (engine.persistent) mkdirSync(engine.searchDir, { recursive: true });
    const t0 = performance.now();
    let reason = 'missing';
    if (engine.persistent) {
      try {
        const loaded = loadSnapshot(engine.searchDir);
        engine.setIndex(loaded.index);
        engine.texts = new OriginalsReader(loaded.textsPath);
        engine.journalRecords = replayJournal(engine.searchDir, engine.index);
        for (const d of engine.index.docs) if (d) engine.bodies.addName(d.body);
        reason = 'loaded';
        engine.verifying = loaded
          .verify()
          .catch(() => false)
          .then((ok) => {
            if (!ok && !engine.closed) engine.rebuild('corrupt: text checksum mismatch (per-document sections)');
          })
          .finally(() => {
            engine.verifying = null;
          });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        reason = code === 'ENOENT' ? 'missing' : err instanceof StaleIndexError ? `stale: ${err.message}` : `corrupt: ${(err as Error).message}`;
        engine.setIndex(new MemoryIndex());
        engine.texts = null;
        engine.journalRecords = 0;
      }
    }
    engine.loadMs = performance.now() - t0;
    engine.origin = reason;
    engine.reconcile(reason !== 'loaded');
    return engine;
  }

  private get persistent(): boolean {
    return this.options.persist !== false;
  }

  private setIndex(index: MemoryIndex): void {
    if (this.index !== index && this.index.snapshot) this.retire(this.index.snapshot);
    this.index = index;
    this.executor = new Executor(index);
    this.hiddenStale = true;
  }

  /**
   * Results show the latest version of each body+year only: the catalogue's `latest` flags,
   * kept as a per-number bitmap and re-read from the catalogue only after the index changed.
   */
  private hiddenDocs(entries?: CatalogueEntry[]): Uint8Array | null {
    if (!this.hiddenStale && this.hiddenFor === this.index) return this.hidden;
    let list = entries;
    if (!list) {
      try {
        list = this.catalogue();
      } catch {
        list = [];
      }
    }
    let hidden: Uint8Array | null = null;
    for (const e of list) {
      if (e.latest !== false) continue;
      const num = this.index.byId.get(e.id);
      if (num === undefined) continue;
      hidden ??= new Uint8Array(this.index.docs.length);
      hidden[num] = 1;
    }
    this.hidden = hidden;
    this.hiddenFor = this.index;
    this.hiddenStale = false;
    return hidden;
  }

  /** Brings the index in line with the catalogue: missing reports are added, unknown ids removed. */
  private reconcile(fullRebuild: boolean): void {
    let entries: CatalogueEntry[];
    try {
      entries = this.catalogue();
    } catch {
      entries = [];
    }
    const wanted = new Map(entries.map((e) => [e.id, e]));
    // Removed, or edited by another program while the index was closed: both are indexed afresh (if still wanted).
    for (const d of this.index.docs) if (d && !(wanted.has(d.id) && docMatchesEntry(d, wanted.get(d.id)!))) this.removeDoc(d.id);
    const missing = entries.filter((e) => !this.index.byId.has(e.id)).map((e) => e.id);
    if (missing.length === 0 && !fullRebuild) return;
    this.setState('building', fullRebuild ? `rebuilding (${this.origin})` : `adding ${missing.length} reports`);
    this.building = (async () => {
      for (const id of missing) {
        if (this.closed) return;
        await this.loadMissing(id);
      }
      if (this.persistent && !this.closed) this.snapshot();
      this.setState('ready', 'index ready');
    })()
      .catch((err) => this.setState('ready', `index build failed: ${(err as Error).message}`))
      .finally(() => {
        this.building = null;
      });
  }

  private loadMissing(id: string): Promise<void> {
    if (this.index.byId.has(id)) return Promise.resolve();
    let p = this.pendingLoads.get(id);
    if (!p) {
      p = this.loadReport(id)
        .then((r) => {
          if (!this.index.byId.has(id)) this.addDoc(r, false);
        })
        .catch(() => undefined) // a report that cannot be read is left out, not fatal
        .finally(() => this.pendingLoads.delete(id));
      this.pendingLoads.set(id, p);
    }
    return p;
  }

  private setState(state: 'ready' | 'building', detail: string): void {
    this.state = state;
    this.options.onState?.(state, detail);
  }

  private addDoc(report: Report, journal: boolean): DocRecord {
    const previous = this.index.get(report.id);
    if (previous) this.bodies.removeName(previous.body);
    const doc = buildDoc(report, this.index.wheres, this.index.docs.length);
    this.index.add(doc);
    this.bodies.addName(doc.body);
    this.dirty = true;
    this.hiddenStale = true;
    if (journal && this.persistent) {
      appendJournal(this.searchDir, journalRecordFor(doc, this.index.wheres));
      this.journalRecords++;
    }
    return doc;
  }

  private removeDoc(id: string): boolean {
    const doc = this.index.get(id);
    if (!doc) return false;
    this.bodies.removeName(doc.body);
    this.index.remove(id);
    this.dirty = true;
    this.hiddenStale = true;
    return true;
  }

  /** Indexes a report (new, or replacing the same id after an edit). Incremental: no rebuild. */
  async add(report: Report): Promise<void> {
    this.addDoc(report, this.state === 'ready');
    this.maybeCompact();
  }

  async remove(id: string): Promise<void> {
    if (this.removeDoc(id) && this.persistent && this.state === 'ready') {
      appendJournal(this.searchDir, { op: 'remove', id });
      this.journalRecords++;
    }
    this.maybeCompact();
  }

  private maybeCompact(): void {
    // Relative to the archive size, so a bulk import rewrites the snapshot O(log n) times, not O(n).
    const limit = Math.max(this.options.compactAfter ?? 2000, this.index.alive >>> 1);
    if (this.persistent && this.state === 'ready' && (this.journalRecords > limit || (this.index.deadRatio() > 0.3 && this.index.docs.length > 1000))) {
      this.snapshot();
    }
  }

  /**
   * Writes a compacted snapshot now (also done after a build and on close), then opens it like
   * a start would: documents renumbered, their texts on disk, nothing of them left in memory.
   */
  snapshot(reopen = true): void {
    if (!this.persistent) return;
    mkdirSync(this.searchDir, { recursive: true });
    writeSnapshot(this.searchDir, this.index, (d) => this.originalBlob(d), this.options.onStep);
    if (this.texts) this.retired.push(this.texts);
    this.texts = null;
    this.closeRetired();
    this.originalsCache.clear();
    this.journalRecords = 0;
    this.dirty = false;
    if (!reopen) return;
    // A new index object: a search still running on the old one keeps consistent numbers.
    const loaded = loadSnapshot(this.searchDir);
    this.setIndex(loaded.index);
    this.texts = new OriginalsReader(loaded.textsPath);
  }

  /** Files of replaced indexes (on-disk data, original texts), closed once no search runs on them. */
  private readonly retired: { close(): void }[] = [];
  private running = 0;

  private retire(data: SnapshotData): void {
    data.stopVerify();
    this.retired.push(data);
    this.closeRetired();
  }

  private closeRetired(): void {
    if (this.running > 0) return;
    for (const data of this.retired.splice(0)) data.close();
  }

  /** Original field texts of a document, from `texts`: the text file of the index the document belongs to. */
  private originals(doc: DocRecord, texts = this.texts): (field: number) => string {
    if (doc.original) {
      const original = doc.original;
      return (f) => original[f] ?? '';
    }
    if (doc.originalRef && texts) {
      // The top results of a query are mostly the top results of the next one (paging, refining):
      // their decoded fields are kept for the last ORIGINALS_CACHED documents.
      const cache = this.originalsCache;
      let get = cache.get(doc);
      if (get) return get;
      const read = texts.open(doc.originalRef);
      const decoded = new Map<number, string>();
      get = (f) => {
        let text = decoded.get(f);
        if (text === undefined) decoded.set(f, (text = read(f)));
        return text;
      };
      cache.set(doc, get);
      return get;
    }
    return () => '';
  }

  /** A document's original field texts as the snapshot's text file stores them (UTF-8, joined by NUL). */
  private originalBlob(doc: DocRecord): Buffer {
    if (doc.original) return Buffer.from(doc.original.map((t) => t.replaceAll('\u0000', ' ')).join('\u0000'), 'utf8');
    if (doc.originalRef && this.texts) return this.texts.blob(doc.originalRef);
    return Buffer.alloc(0);
  }

  async search(request: SearchRequest, options: SearchOptions = {}): Promise<SearchResponse> {
    const t0 = performance.now();
    const page = Math.max(0, Math.floor(request.page ?? 0));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(request.pageSize ?? 20)));
    const parsed = parseQuery(request.query ?? '');
    const warnings = [...parsed.warnings];
    const building = this.state === 'building';
    let entries: CatalogueEntry[] | undefined;
    if (building) {
      // Exact even while building: read every report not yet indexed, then scan them all.
      warnings.push('索引重建中，本次为全文逐篇扫描（index is being rebuilt; brute-force scan）');
      entries = this.catalogue();
      await Promise.all(entries.filter((e) => !this.index.byId.has(e.id)).map((e) => this.loadMissing(e.id)));
    }
    if (options.signal?.aborted) throw new SearchAborted();
    const onlyDoc = request.reportId === undefined ? undefined : this.index.byId.get(request.reportId);
    if (request.reportId !== undefined && onlyDoc === undefined) {
      return { total: 0, page, pageSize, results: [], warnings, index: building ? 'building' : 'ready', tookMs: performance.now() - t0 };
    }
    const empty = parsed.groups.length === 0 && parsed.excluded.length === 0 && parsed.years.length === 0 && parsed.bodies.length === 0 && parsed.chapters.length === 0 && parsed.formats.length === 0 && parsed.has.length === 0 && parsed.rules.length === 0 && parsed.figures.length === 0;
    if (empty) {
      return { total: 0, page, pageSize, results: [], warnings, index: building ? 'building' : 'ready', tookMs: performance.now() - t0 };
    }
    this.running++;
    const texts = this.texts; // a compaction during the scan swaps the file: keep this one
    let answer: { total: number; results: SearchResponse['results']; computedTotals: number };
    // Older versions: hidden unless `version:all`, or the one report asked for by id.
    const hidden = parsed.allVersions || onlyDoc !== undefined ? null : this.hiddenDocs(entries);
    try {
      answer = await this.executor.run(parsed, {
        useIndex: !building && !this.options.scanOnly,
        page,
        pageSize,
        signal: options.signal,
        noCache: options.noCache,
        hidden,
        onlyDoc,
        hitsPerResult: request.hitsPerResult === undefined ? undefined : Math.max(1, Math.floor(request.hitsPerResult)),
        matchBodies: (v) => this.bodies.match(v),
        spokenBodies: (term) => this.bodies.matchSpoken(term),
        originals: (d) => this.originals(d, texts),
      });
    } finally {
      this.running--;
      this.closeRetired();
    }
    const { total, results, computedTotals } = answer;
    if (computedTotals > 0) warnings.push(`${computedTotals} 份报告的总计栏空白，已按该行各列之和筛选（blank 总计: the sum of the printed columns was used, marked in the result）`);
    if (parsed.allVersions || onlyDoc !== undefined) {
      const older = this.hiddenDocs(entries);
      if (older) for (const r of results) if (older[this.index.byId.get(r.id) ?? -1] === 1) r.olderVersion = true;
    }
    return { total, page, pageSize, results, warnings, index: building ? 'building' : 'ready', tookMs: Math.round((performance.now() - t0) * 100) / 100 };
  }

  /**
   * Forgets every cached term, row, text and column, so that the next query costs what it costs
   * the first time it is typed after opening (benchmarks measure cold queries this way).
   */
  dropCaches(): void {
    this.originalsCache.clear();
    this.executor.dropCaches();
    this.index.dropCaches();
  }

  /** Resolves when the background checksum check and any (re)build have finished. */
  async whenReady(): Promise<void> {
    if (this.verifying) await this.verifying;
    while (this.building) await this.building;
  }

  /** Drops the in-memory index and rebuilds it from the catalogue in the background. */
  private rebuild(reason: string): void {
    this.origin = reason;
    this.texts?.close();
    this.texts = null;
    this.originalsCache.clear();
    this.bodies.clear();
    this.setIndex(new MemoryIndex());
    this.journalRecords = 0;
    this.reconcile(true);
  }

  status(): EngineStatus {
    return { state: this.state, reports: this.index.alive, origin: this.origin, loadMs: Math.round(this.loadMs) };
  }

  /**
   * Stops a running build and writes the snapshot if anything changed since the last one (a
   * partial build is fine: the next open adds the reports still missing from the catalogue).
   */
  async close(): Promise<void> {
    this.closed = true;
    this.index.snapshot?.stopVerify();
    if (this.verifying) await this.verifying;
    if (this.building) await this.building.catch(() => undefined);
    if (this.persistent && this.dirty) this.snapshot(false);
    this.index.snapshot?.close();
    this.texts?.close();
    for (const file of this.retired.splice(0)) file.close();
  }
}
