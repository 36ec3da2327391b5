/**
 * The archive store: a folder of one JSON file per report, the original bytes per report and a
 * sharded catalogue. Every write runs under the folder's write lock and follows one order so
 * that a crash at any point leaves a consistent archive:
 *   journal (what this write is about) → new/changed report files and sources (temp + fsync +
 *   rename) → catalogue shard(s) → catalogue head (the commit) → files moved to trash → journal
 *   removed.
 * A listed report therefore always has a complete file. A crash before the commit leaves at
 * most unlisted report files ("orphans"): the next writer finds the journal and rolls the
 * write back (deletes the orphans, re-runs the rules relating the reports of the bodies involved).
 * A catalogue rebuilt from report files (catalogue lost or corrupt) lists every complete
 * report file, orphans included: they are whole reports, only their import was never confirmed.
 */
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PARSER_VERSION, findingsOf, type CatalogueEntry, type ParsedReport, type Report, type RuleEvaluation } from '../model.ts';
import { normalizeBodyName } from '../common/text.ts';
import { writeFileAtomic, syncDir } from './atomic.ts';
import { forEachLimited } from '../common/limited.ts';
import { CatalogueFiles, sameStamp, shardOf, type FileStamp } from './catalogue.ts';
import { acquireWriteLock, type HeldLock } from './lock.ts';
import { JOURNAL_FILE, REPORTS_DIR, SHARD_COUNT, SOURCES_DIR, TRASH_DIR } from './paths.ts';
import { ArchiveError, SCHEMA_VERSION, migrateReport } from './schema.ts';

/** One report of a body, as the rules that relate a body's reports see it. */
export interface GroupMember {
  report: Report;
  /** The newest version of its body and year. */
  latest: boolean;
}

/** The rules the store runs inside its writes; the store itself knows none of them. */
export interface ArchiveRules {
  /** A report's own evaluations, re-run when an edit moves it to another body or year. */
  validate: (report: ParsedReport) => RuleEvaluation[];
  /** Relates the reports of one body to each other; returns the reports whose evaluations changed. */
  relate: (members: GroupMember[]) => Report[];
}

export interface ArchiveOptions extends ArchiveRules {
  /** Lock wait in ms (default: lockWaitMs()). */
  lockWaitMs?: number;
}

/** A parsed file ready to be stored. */
export interface NewReport {
  parsed: ParsedReport;
  evaluations: RuleEvaluation[];
  mediaType: string;
  sha256: string;
  size: number;
  bytes: Uint8Array;
  fileName: string;
}

export type AddResult = { status: 'imported'; report: Report; entry: CatalogueEntry } | { status: 'duplicate'; entry: CatalogueEntry };

/** What a write changed, for the search index and the caller. */
export interface WriteEffect {
  /** Reports written (new or changed), final state. */
  written: Report[];
  /** Reports no longer in the archive. */
  removed: string[];
}

interface Journal {
  op: 'import' | 'remove' | 'undo' | 'update';
  pid: number;
  at: string;
  /** Reports this write adds: rolled back if not committed. */
  newIds: string[];
  /** Their source files (relative paths). */
  newSources: string[];
  /** Reports this write removes. */
  removedIds: string[];
  /** Normalized bodies whose cross-year rules must be re-run after a crash. */
  bodies: string[];
}

interface TrashOwner {
  pid: number;
  at: string;
  ids: string[];
}

/**
 * Files of one batch written at once. All at once queued ~10 file operations per report in
 * libuv's four I/O threads, and the reads of the next files to parse waited behind them.
 */
const WRITES_AT_ONCE = 8;

/** Body names grouped across spacing and width variants: the parser's normalization, so edits group like imports. */
export function normalizeBody(printed: string): string {
  return normalizeBodyName(printed);
}

function groupKey(e: Pick<CatalogueEntry, 'bodyNormalized' | 'year' | 'id'>): string {
  return e.bodyNormalized && e.year != null ? `${e.bodyNormalized}|${e.year}` : `#${e.id}`;
}

export function entryOf(r: Report, latest: boolean): CatalogueEntry {
  const open = findingsOf(r).filter((f) => !f.dismissed);
  // A JSON round trip copies the strings: the parser's body and title are slices of the whole
  // document text, and V8 would keep every document alive through the catalogue.
  return JSON.parse(JSON.stringify(entryFields(r, latest, open)));
}

function entryFields(r: Report, latest: boolean, open: ReturnType<typeof findingsOf>): CatalogueEntry {
  return {
    id: r.id,
    body: r.body.printed,
    bodyNormalized: r.body.normalized,
    year: r.year,
    title: r.title,
    format: r.format,
    importedAt: r.importedAt,
    sha256: r.source.sha256,
    version: r.version,
    latest,
    findings: open.length,
    errors: open.filter((f) => f.severity === 'error').length,
    fileName: r.source.fileName,
  };
}

function sourceExt(fileName: string): string {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'bin';
}

const isPidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export class Archive {
  private readonly files: CatalogueFiles;
  private entries = new Map<string, CatalogueEntry>();
  private bySha = new Map<string, string>();
  private shardEntries: (CatalogueEntry[] | undefined)[] = [];
  private shardStamps: (FileStamp | null)[] = [];
  private headStamp: FileStamp | null = null;
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Things the user should be told (catalogue rebuilt, interrupted write rolled back). */
  readonly notices: string[] = [];

  private constructor(
    readonly dir: string,
    private readonly options: ArchiveOptions,
  ) {
    this.files = new CatalogueFiles(dir);
  }

  /**
   * Opens an archive folder (it need not exist yet: nothing is written until the first write).
   * A lost or corrupt catalogue is rebuilt from the report files; an older schema is migrated;
   * a newer one is refused with an ArchiveError naming the file.
   */
  static async open(dir: string, options: ArchiveOptions): Promise<Archive> {
    const archive = new Archive(path.resolve(dir), options);
    await archive.initialLoad();
    await archive.emptyAbandonedTrash();
    return archive;
  }

  private path(...parts: string[]): string {
    return path.join(this.dir, ...parts);
  }

  reportFile(id: string): string {
    return this.path(REPORTS_DIR, `${id}.json`);
  }

  // ---- catalogue in memory -------------------------------------------------------------

  private setEntries(list: CatalogueEntry[]): void {
    this.entries = new Map();
    this.bySha = new Map();
    for (const e of list) {
      this.entries.set(e.id, e);
      this.bySha.set(e.sha256, e.id);
    }
  }

  private async initialLoad(): Promise<void> {
    const loaded = await this.files.load();
    if (loaded.kind === 'ok' && loaded.head.schemaVersion === SCHEMA_VERSION) {
      this.adopt(loaded);
      return;
    }
    if (loaded.kind === 'absent' && (await this.reportIdsOnDisk()).length === 0) return; // a new, empty archive
    // Lost, corrupt or older catalogue: rebuilt or migrated under the lock by syncUnderLock.
    await this.withLock(async () => {});
  }

  private adopt(loaded: Extract<Awaited<ReturnType<CatalogueFiles['load']>>, { kind: 'ok' }>): { added: string[]; removed: string[]; changed: string[] } {
    const before = this.entries;
    this.setEntries(loaded.entries);
    this.shardEntries = loaded.shardEntries ?? [];
    this.shardStamps = loaded.shardStamps;
    this.headStamp = loaded.headStamp;
    this.generation = loaded.head.generation;
    const added: string[] = [];
    const changed: string[] = [];
    for (const [id, e] of this.entries) {
      const old = before.get(id);
      if (!old) added.push(id);
      else if (JSON.stringify(old) !== JSON.stringify(e)) changed.push(id);
    }
    const removed = [...before.keys()].filter((id) => !this.entries.has(id));
    return { added, removed, changed };
  }

  /**
   * Re-reads the catalogue when another process wrote it (the head file's identity changed).
   * Returns what changed, or null when nothing did.
   */
  async refresh(): Promise<{ added: string[]; removed: string[]; changed: string[] } | null> {
    const stamp = await this.files.headStamp();
    if (sameStamp(stamp, this.headStamp)) return null;
    const loaded = await this.files.load({ stamps: this.shardStamps, entries: this.shardEntries });
    if (loaded.kind !== 'ok') {
      if (loaded.kind === 'absent' && this.entries.size === 0) return null;
      // Lost or damaged under us: rebuild under the lock.
      const before = new Set(this.entries.keys());
      await this.withLock(async () => {});
      const added = [...this.entries.keys()].filter((id) => !before.has(id));
      const removed = [...before].filter((id) => !this.entries.has(id));
      return { added, removed, changed: [] };
    }
    if (loaded.head.schemaVersion < SCHEMA_VERSION) {
      await this.withLock(async () => {});
      return { added: [...this.entries.keys()], removed: [], changed: [] };
    }
    return this.adopt(loaded);
  }

  /** All catalogue rows (every version). Call refresh() first to see other processes' writes. */
  list(): CatalogueEntry[] {
    return [...this.entries.values()];
  }

  entry(id: string): CatalogueEntry | undefined {
    return this.entries.get(id);
  }

  idForSha(sha256: string): string | undefined {
    return this.bySha.get(sha256);
  }

  get size(): number {
    return this.entries.size;
  }

  // ---- reading files -------------------------------------------------------------------

  async readReport(id: string): Promise<Report> {
    if (!/^[\w.-]+$/.test(id)) throw new ArchiveError(`没有编号为 ${id} 的报告 (no report with id ${id})`);
    return this.readReportFile(this.reportFile(id), id);
  }

  private async readReportFile(file: string, id: string): Promise<Report> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ArchiveError(`没有编号为 ${id} 的报告 (no report with id ${id})`);
      throw err;
    }
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(text);
    } catch {
      throw new ArchiveError(`报告文件 ${file} 已损坏，无法读取 (report file is corrupt)`);
    }
    return migrateReport(data, file) as unknown as Report;
  }

  async readSource(report: Report): Promise<Uint8Array> {
    return readFile(this.path(report.source.storedPath));
  }

  private async reportIdsOnDisk(): Promise<string[]> {
    const names = await readdir(this.path(REPORTS_DIR)).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5));
  }

  // ---- writing -------------------------------------------------------------------------

  /** Serialises writes within this process, then takes the folder's lock against other processes. */
  private withLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = async () => {
      const lock = await acquireWriteLock(this.dir, this.options.lockWaitMs);
      try {
        await this.syncUnderLock();
        const result = await fn();
        this.assertHeld(lock);
        return result;
      } finally {
        await lock.release();
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  private assertHeld(lock: HeldLock): void {
    if (lock.compromised) throw new ArchiveError(`写入期间失去了档案库的锁：${this.dir} (lost the archive lock while writing)`);
  }

  /** Under the lock: load what other processes committed, finish an interrupted write. */
  private async syncUnderLock(): Promise<void> {
    // Every commit rewrites the head, and a writer that died between shard and head left its
    // journal: an unchanged head and no journal mean the catalogue in memory is current.
    const journalPresent = await stat(this.path(JOURNAL_FILE)).then(
      () => true,
      () => false,
    );
    if (!journalPresent && this.headStamp && sameStamp(await this.files.headStamp(), this.headStamp)) return;
    const loaded = await this.files.load({ stamps: this.shardStamps, entries: this.shardEntries });
    if (loaded.kind === 'ok') {
      if (loaded.head.schemaVersion < SCHEMA_VERSION) await this.migrateAll(loaded.head.schemaVersion);
      else this.adopt(loaded);
    } else {
      const ids = await this.reportIdsOnDisk();
      if (loaded.kind === 'corrupt' || ids.length > 0) {
        await this.rebuild(loaded.kind === 'absent' ? '目录文件 catalogue.json 不存在' : `目录文件 ${loaded.file} 已损坏（${loaded.why}）`);
      } else {
        this.setEntries([]);
        this.shardEntries = [];
        this.shardStamps = [];
        this.headStamp = null;
      }
    }
    await this.recoverJournal();
  }

  private async writeJournal(journal: Omit<Journal, 'pid' | 'at'>): Promise<void> {
    await writeFileAtomic(this.path(JOURNAL_FILE), JSON.stringify({ ...journal, pid: process.pid, at: new Date().toISOString() }));
  }

  private async clearJournal(): Promise<void> {
    await unlink(this.path(JOURNAL_FILE)).catch(() => {});
  }

  /** A journal found under the lock belongs to a writer that died before finishing: roll back. */
  private async recoverJournal(): Promise<void> {
    let journal: Journal;
    try {
      journal = JSON.parse(await readFile(this.path(JOURNAL_FILE), 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      await this.clearJournal(); // unreadable: it was never complete, so its write never started
      return;
    }
    for (const id of journal.newIds ?? []) {
      if (!this.entries.has(id)) await rm(this.reportFile(id), { force: true });
    }
    for (const rel of journal.newSources ?? []) {
      const sha = path.basename(rel).split('.')[0];
      if (!this.bySha.has(sha)) await rm(this.path(rel), { force: true });
    }
    for (const id of journal.removedIds ?? []) {
      if (!this.entries.has(id)) {
        const report = await this.readReport(id).catch(() => null);
        await rm(this.reportFile(id), { force: true });
        if (report && !this.bySha.has(report.source.sha256)) await rm(this.path(report.source.storedPath), { force: true });
      }
    }
    const overlay = new Map<string, Report>();
    const changed = await this.recomputeBodies(new Set(journal.bodies ?? []), overlay);
    for (const r of changed) await this.writeReportFile(r);
    const shards = new Set((journal.bodies ?? []).map((b) => shardOf({ bodyNormalized: b, id: '' })));
    for (const id of [...(journal.newIds ?? []), ...(journal.removedIds ?? [])]) shards.add(shardOf({ bodyNormalized: '', id }));
    await this.commit(shards, changed);
    await this.clearJournal();
    this.notices.push('上次写入被中断，已撤销未完成的部分 (an interrupted write was rolled back)');
  }

  private async writeReportFile(report: Report): Promise<void> {
    // Encoded before the first await: a batch's JSON strings would otherwise all stay on the
    // heap (and be copied by every young-generation collection) until their files are open.
    await writeFileAtomic(this.reportFile(report.id), Buffer.from(JSON.stringify(report)));
  }

  /** Writes the catalogue shards holding `shards` (plus those of `reports`), then the head. */
  private async commit(extraShards: Set<number>, reports: Report[] = []): Promise<void> {
    // Shards gaining rows are written before shards only losing them: a reader between two
    // shard writes may see a moved row twice (deduplicated by id), never not at all.
    const shards = new Set<number>();
    for (const r of reports) {
      const e = this.entries.get(r.id);
      if (e) shards.add(shardOf(e));
    }
    for (const n of extraShards) shards.add(n);
    if (shards.size === 0 && this.headStamp) return;
    await mkdir(this.path('catalogue'), { recursive: true });
    const byShard = new Map<number, CatalogueEntry[]>();
    for (const n of shards) byShard.set(n, []);
    for (const e of this.entries.values()) byShard.get(shardOf(e))?.push(e);
    const result = await this.files.write(byShard, ++this.generation);
    for (const [n, entries] of byShard) {
      this.shardEntries[n] = entries;
      this.shardStamps[n] = result.shardStamps.get(n) ?? null;
    }
    this.headStamp = result.headStamp;
  }

  private newId(year: number | null, sha: string): string {
    for (let len = 8; len <= 64; len += 4) {
      const id = `${year ?? 'nd'}-${sha.slice(0, len)}`;
      if (!this.entries.has(id)) return id;
    }
    return `${year ?? 'nd'}-${sha}-${randomBytes(3).toString('hex')}`;
  }

  private nextVersion(probe: Pick<CatalogueEntry, 'bodyNormalized' | 'year' | 'id'>, exclude?: string): number {
    if (groupKey(probe).startsWith('#')) return 1;
    let max = 0;
    for (const e of this.entries.values()) {
      if (e.bodyNormalized === probe.bodyNormalized && e.year === probe.year && e.id !== exclude) max = Math.max(max, e.version);
    }
    return max + 1;
  }

  /** latest = the highest version of each body+year group. */
  private relabelLatest(keys: Set<string>): void {
    const best = new Map<string, CatalogueEntry>();
    // Cheap pre-filter (no string building) before the exact group key: this runs on every write.
    const bodies = new Set([...keys].filter((k) => !k.startsWith('#')).map((k) => k.slice(0, k.lastIndexOf('|'))));
    const ids = new Set([...keys].filter((k) => k.startsWith('#')).map((k) => k.slice(1)));
    const candidates = [...this.entries.values()].filter((e) => bodies.has(e.bodyNormalized) || ids.has(e.id));
    for (const e of candidates) {
      const k = groupKey(e);
      if (!keys.has(k)) continue;
      const b = best.get(k);
      if (!b || e.version > b.version || (e.version === b.version && e.importedAt > b.importedAt)) best.set(k, e);
    }
    for (const e of candidates) {
      const k = groupKey(e);
      if (keys.has(k)) {
        const latest = best.get(k) === e;
        if (e.latest !== latest) this.entries.set(e.id, { ...e, latest });
      }
    }
  }

  /**
   * Lets the rules relate each body's reports to each other (the cross-year rules) inside this
   * write, so that derived evaluations commit together with the reports they derive from.
   * Reports come from `overlay` (this write's unsaved state) or disk. Returns the reports the
   * rules changed (also put in overlay) and updates their catalogue rows.
   */
  private async recomputeBodies(bodies: Set<string>, overlay: Map<string, Report>): Promise<Report[]> {
    const changed: Report[] = [];
    // Grouped in one pass over the catalogue (a pass per body was a 10,000-row copy for each of a batch's ~100 bodies).
    const membersByBody = new Map<string, CatalogueEntry[]>();
    for (const body of bodies) if (body) membersByBody.set(body, []);
    for (const e of this.entries.values()) membersByBody.get(e.bodyNormalized)?.push(e);
    for (const members of membersByBody.values()) {
      // Read at once (each read would otherwise wait its turn behind the parsing going on meanwhile).
      const read = await Promise.all(members.map((e) => overlay.get(e.id) ?? this.readReport(e.id)));
      const updated = this.options.relate(members.map((e, i) => ({ report: read[i], latest: e.latest })));
      for (const report of updated) {
        overlay.set(report.id, report);
        changed.push(report);
        this.entries.set(report.id, entryOf(report, this.entries.get(report.id)!.latest));
      }
    }
    return changed;
  }

  /**
   * Stores parsed files in one locked write. Identical bytes already stored → 'duplicate' with
   * the existing id; a different file for the same body + year → the next version.
   */
  addReports(inputs: NewReport[]): Promise<{ results: AddResult[]; effect: WriteEffect }> {
    return this.withLock(async () => {
      await mkdir(this.path(REPORTS_DIR), { recursive: true });
      await mkdir(this.path(SOURCES_DIR), { recursive: true });
      const results: AddResult[] = [];
      const fresh: Report[] = [];
      const groups = new Set<string>();
      const bodies = new Set<string>();
      const now = new Date().toISOString();
      for (const input of inputs) {
        const existing = this.bySha.get(input.sha256);
        if (existing) {
          results.push({ status: 'duplicate', entry: this.entries.get(existing)! });
          continue;
        }
        const parsed = input.parsed;
        const body = { printed: parsed.body.printed, normalized: parsed.body.normalized || normalizeBody(parsed.body.printed) };
        const id = this.newId(parsed.year, input.sha256);
        const storedPath = `${SOURCES_DIR}/${input.sha256}.${sourceExt(input.fileName)}`;
        const probe = { id, bodyNormalized: body.normalized, year: parsed.year };
        const report: Report = {
          ...parsed,
          body,
          schemaVersion: SCHEMA_VERSION,
          id,
          source: { fileName: path.basename(input.fileName), mediaType: input.mediaType, sha256: input.sha256, size: input.size, storedPath },
          importedAt: now,
          parserVersion: PARSER_VERSION,
          evaluations: input.evaluations,
          dismissals: [],
          version: this.nextVersion(probe),
        };
        // Reserve the id and sha in memory now so a later file of this batch sees them.
        this.entries.set(id, entryOf(report, true));
        this.bySha.set(input.sha256, id);
        groups.add(groupKey(probe));
        if (body.normalized) bodies.add(body.normalized);
        fresh.push(report);
        results.push({ status: 'imported', report, entry: this.entries.get(id)! });
      }
      if (fresh.length === 0) return { results, effect: { written: [], removed: [] } };
      let sourcesWritten: Promise<unknown> | undefined;
      try {
        await this.writeJournal({
          op: 'import',
          newIds: fresh.map((r) => r.id),
          newSources: fresh.map((r) => r.source.storedPath),
          removedIds: [],
          bodies: [...bodies],
        });
        const bytesBySha = new Map(inputs.map((x) => [x.sha256, x.bytes]));
        // Sources and report files both go before the catalogue, in any order between them: the
        // sources are written while the cross-year rules run, and waited for with the reports.
        sourcesWritten = forEachLimited(fresh, WRITES_AT_ONCE, (r) => writeFileAtomic(this.path(r.source.storedPath), bytesBySha.get(r.source.sha256)!));
        sourcesWritten.catch(() => {}); // awaited below; avoids an unhandled rejection meanwhile
        this.relabelLatest(groups);
        const overlay = new Map(fresh.map((r) => [r.id, r]));
        const changed = await this.recomputeBodies(bodies, overlay);
        const toWrite = new Map<string, Report>(fresh.map((r) => [r.id, overlay.get(r.id)!]));
        for (const r of changed) toWrite.set(r.id, r);
        await Promise.all([sourcesWritten, forEachLimited([...toWrite.values()], WRITES_AT_ONCE, (r) => this.writeReportFile(r))]);
        await syncDir(this.path(REPORTS_DIR));
        await this.commit(new Set(), [...toWrite.values()]);
        await this.clearJournal();
        const final = results.map((res) =>
          res.status === 'imported' ? { ...res, report: toWrite.get(res.report.id)!, entry: this.entries.get(res.report.id)! } : res,
        );
        return { results: final, effect: { written: [...toWrite.values()], removed: [] } };
      } catch (err) {
        await sourcesWritten?.catch(() => {}); // settled before the lock is released and the journal replayed
        // Undo the in-memory reservation; the journal lets the next writer clean the disk.
        for (const r of fresh) {
          this.entries.delete(r.id);
          this.bySha.delete(r.source.sha256);
        }
        throw err;
      }
    });
  }

  /** Removes reports; their files wait in trash/<token>/ until undo or the next start. */
  removeReports(ids: string[]): Promise<{ removed: string[]; token: string; effect: WriteEffect }> {
    return this.withLock(async () => {
      const unknown = ids.filter((id) => !this.entries.has(id));
      if (unknown.length) throw new ArchiveError(`没有编号为 ${unknown.join(', ')} 的报告 (no report with id ${unknown.join(', ')})`);
      const unique = [...new Set(ids)];
      const token = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
      const removedEntries = unique.map((id) => this.entries.get(id)!);
      const bodies = new Set(removedEntries.map((e) => e.bodyNormalized).filter(Boolean));
      const shards = new Set(removedEntries.map((e) => shardOf(e)));
      const groups = new Set(removedEntries.map(groupKey));
      const reports = await Promise.all(unique.map((id) => this.readReport(id)));
      await this.writeJournal({ op: 'remove', newIds: [], newSources: [], removedIds: unique, bodies: [...bodies] });
      for (const e of removedEntries) {
        this.entries.delete(e.id);
        this.bySha.delete(e.sha256);
      }
      this.relabelLatest(groups);
      const overlay = new Map<string, Report>();
      const changed = await this.recomputeBodies(bodies, overlay);
      for (const r of changed) await this.writeReportFile(r);
      await this.commit(shards, changed);
      // Committed: move the files aside for undo.
      const trash = this.path(TRASH_DIR, token);
      await mkdir(path.join(trash, REPORTS_DIR), { recursive: true });
      await mkdir(path.join(trash, SOURCES_DIR), { recursive: true });
      const owner: TrashOwner = { pid: process.pid, at: new Date().toISOString(), ids: unique };
      await writeFile(path.join(trash, 'owner.json'), JSON.stringify(owner));
      for (const r of reports) {
        await rename(this.reportFile(r.id), path.join(trash, REPORTS_DIR, `${r.id}.json`));
        await rename(this.path(r.source.storedPath), path.join(trash, r.source.storedPath)).catch(() => {});
      }
      await this.clearJournal();
      return { removed: unique, token, effect: { written: changed, removed: unique } };
    });
  }

  /** Restores the reports removed under `token` (those whose id or bytes were not re-imported since). */
  undoRemove(token: string): Promise<{ restored: string[]; skipped: string[]; effect: WriteEffect }> {
    return this.withLock(async () => {
      if (!/^[\w-]+$/.test(token)) throw new ArchiveError(`撤销标记 ${token} 无效 (unknown undo token)`);
      const trash = this.path(TRASH_DIR, token);
      let owner: TrashOwner;
      try {
        owner = JSON.parse(await readFile(path.join(trash, 'owner.json'), 'utf8'));
      } catch {
        throw new ArchiveError(`撤销标记 ${token} 已失效，报告无法恢复 (undo token expired)`);
      }
      const restored: Report[] = [];
      const skipped: string[] = [];
      for (const id of owner.ids) {
        const report = await this.readReportFile(path.join(trash, REPORTS_DIR, `${id}.json`), id).catch(() => null);
        if (!report || this.entries.has(id) || this.bySha.has(report.source.sha256)) skipped.push(id);
        else restored.push(report);
      }
      const bodies = new Set(restored.map((r) => r.body.normalized).filter(Boolean));
      await this.writeJournal({
        op: 'undo',
        newIds: restored.map((r) => r.id),
        newSources: restored.map((r) => r.source.storedPath),
        removedIds: [],
        bodies: [...bodies],
      });
      await mkdir(this.path(REPORTS_DIR), { recursive: true });
      await mkdir(this.path(SOURCES_DIR), { recursive: true });
      const groups = new Set<string>();
      for (const r of restored) {
        await copyFile(path.join(trash, r.source.storedPath), this.path(r.source.storedPath));
        this.entries.set(r.id, entryOf(r, false));
        this.bySha.set(r.source.sha256, r.id);
        groups.add(groupKey(this.entries.get(r.id)!));
      }
      this.relabelLatest(groups);
      const overlay = new Map(restored.map((r) => [r.id, r]));
      const changed = await this.recomputeBodies(bodies, overlay);
      const toWrite = new Map(restored.map((r) => [r.id, overlay.get(r.id)!]));
      for (const r of changed) toWrite.set(r.id, r);
      for (const r of toWrite.values()) await this.writeReportFile(r);
      await this.commit(new Set(), [...toWrite.values()]);
      await rm(trash, { recursive: true, force: true });
      await this.clearJournal();
      return { restored: restored.map((r) => r.id), skipped, effect: { written: [...toWrite.values()], removed: [] } };
    });
  }

  /**
   * Changes one report under the lock. `mutate` returns the new report; when body or year
   * changed, the single-report rules and the cross-year rules of old and new body are re-run.
   */
  updateReport(id: string, mutate: (report: Report) => Report): Promise<{ report: Report; effect: WriteEffect }> {
    return this.withLock(async () => {
      const before = this.entries.get(id);
      if (!before) throw new ArchiveError(`没有编号为 ${id} 的报告 (no report with id ${id})`);
      const current = await this.readReport(id);
      let next = mutate(structuredClone(current));
      const moved = next.body.normalized !== current.body.normalized || next.year !== current.year;
      const groups = new Set([groupKey(before)]);
      const bodies = new Set([before.bodyNormalized].filter(Boolean));
      if (moved) {
        next = { ...next, evaluations: this.options.validate(next), version: this.nextVersion({ id, year: next.year, bodyNormalized: next.body.normalized }, id) };
        if (next.body.normalized) bodies.add(next.body.normalized);
      }
      await this.writeJournal({ op: 'update', newIds: [], newSources: [], removedIds: [], bodies: [...bodies] });
      this.entries.set(id, entryOf(next, true));
      groups.add(groupKey(this.entries.get(id)!));
      this.relabelLatest(groups);
      const overlay = new Map([[id, next]]);
      const changed = await this.recomputeBodies(bodies, overlay);
      const toWrite = new Map([[id, overlay.get(id)!]]);
      for (const r of changed) toWrite.set(r.id, r);
      for (const r of toWrite.values()) await this.writeReportFile(r);
      const final = toWrite.get(id)!;
      this.entries.set(id, entryOf(final, this.entries.get(id)!.latest));
      await this.commit(new Set([shardOf(before)]), [...toWrite.values()]);
      await this.clearJournal();
      return { report: final, effect: { written: [...toWrite.values()], removed: [] } };
    });
  }

  // ---- maintenance ---------------------------------------------------------------------

  /** Rebuilds the catalogue from the report files (under the lock). */
  private async rebuild(why: string): Promise<void> {
    const ids = await this.reportIdsOnDisk();
    const reports: Report[] = [];
    const skipped: string[] = [];
    for (const id of ids) {
      try {
        const r = await this.readReport(id);
        if (r && typeof r.id === 'string' && r.source?.sha256) reports.push(r);
        else skipped.push(id);
      } catch (err) {
        if (err instanceof ArchiveError && /newer version/.test(err.message)) throw err;
        skipped.push(id);
      }
    }
    this.setEntries(reports.map((r) => entryOf(r, true)));
    this.relabelLatest(new Set([...this.entries.values()].map(groupKey)));
    this.shardEntries = [];
    this.shardStamps = [];
    await this.commit(new Set(Array.from({ length: SHARD_COUNT }, (_, n) => n)));
    this.notices.push(
      `${why}，已从 ${reports.length} 个报告文件重建目录${skipped.length ? `（${skipped.length} 个损坏的文件未收录：${skipped.join(', ')}）` : ''} (catalogue rebuilt from report files)`,
    );
  }

  /** Rewrites every report file and the catalogue in the current schema (under the lock). */
  private async migrateAll(from: number): Promise<void> {
    const ids = await this.reportIdsOnDisk();
    for (const id of ids) {
      const report = await this.readReport(id); // migrates in memory; refuses a newer file
      await this.writeReportFile({ ...report, schemaVersion: SCHEMA_VERSION });
    }
    await this.rebuild(`档案库格式为旧版本 ${from}，已迁移到 ${SCHEMA_VERSION}`);
  }

  /** Removal folders of processes that have ended can no longer be undone: delete them. */
  private async emptyAbandonedTrash(): Promise<void> {
    const tokens = await readdir(this.path(TRASH_DIR)).catch(() => [] as string[]);
    for (const token of tokens) {
      const dir = this.path(TRASH_DIR, token);
      const owner = await readFile(path.join(dir, 'owner.json'), 'utf8')
        .then((t) => JSON.parse(t) as TrashOwner)
        .catch(() => null);
      const age = await stat(dir).then((s) => Date.now() - s.mtimeMs).catch(() => 0);
      // A folder without owner file may be a removal being written right now: give it a minute.
      if (owner ? owner.pid !== process.pid && !isPidAlive(owner.pid) : age > 60_000) await rm(dir, { recursive: true, force: true });
    }
  }
}
