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
import { mkdir, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PARSER_VERSION, findingsOf, type CatalogueEntry, type ParsedReport, type Report, type RuleEvaluation } from '../model.ts';
import { normalizeBodyName } from '../common/text.ts';
import { canonicalBodyId } from '../common/body.ts';
import { copyFileDurable, writeFileAtomic, syncDir } from './atomic.ts';
import { forEachLimited } from '../common/limited.ts';
import { CatalogueFiles, sameStamp, shardOf, type FileStamp } from './catalogue.ts';
import { acquireWriteLock, type HeldLock } from './lock.ts';
import { JOURNAL_FILE, REPORTS_DIR, SHARD_COUNT, SOURCES_DIR, TRASH_DIR } from './paths.ts';
import { ArchiveError, SCHEMA_VERSION, migrateReport } from './schema.ts';
import { asArchiveError } from './fs-errors.ts';
import { removeTempFiles } from './leftovers.ts';
import { checked, insideArchive, isReportId, journalSchema, reportFileSchema } from './files.ts';
import { readSettings, writeSettings, type ArchiveSettings } from './settings.ts';
import { TRASH_OWNER_FILE, expiresAt, isTrashToken, readTrashBatch, readTrashBatches, type TrashOwner, type TrashedSummary } from './trash.ts';

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
  /**
   * The body id of a normalized printed name, after the user's merges (core/common/body-registry.ts);
   * read once per write, under the lock. Default: the canonical id of the name.
   */
  bodyIds?: () => Promise<(normalizedName: string) => string>;
}

export interface ArchiveOptions extends ArchiveRules {
  /** Lock wait in ms (default: lockWaitMs()). */
  lockWaitMs?: number;
  /** Called when a write has to wait for another process's lock (each time a wait begins). */
  onLockWait?: () => void;
  /**
   * Called at each step of a write (`import:journal`, `import:files`, `import:shards` = shards
   * written, head not yet, `import:committed`; likewise remove, undo, update) and awaited: lets a
   * crash test stop or kill a writer at an exact step instead of after a guessed delay.
   */
  onStep?: (step: string) => void | Promise<void>;
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
  /**
   * Further reports written that a large write (a restore or removal of thousands) did not keep
   * in memory: whoever needs their contents reads them back, a few at a time.
   */
  writtenIds?: string[];
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
  /** A removal's trash folder (its files go there, also when a crash interrupts the move). */
  trash?: string;
}

/** One removal in the trash, as listTrash returns it. */
export interface TrashBatch {
  token: string;
  removedAt: string;
  /** When the next write deletes it (ISO), by the retention of settings.json. */
  expiresAt: string;
  /** The reports still restorable (restored ones are no longer listed). */
  reports: TrashedSummary[];
}

/** What to restore or delete from the trash: whole batches by token, single reports by id. */
export interface TrashPick {
  tokens?: string[];
  ids?: string[];
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

/** The body a row groups under: its canonical body id (rows of an older catalogue: derived from the name). */
function bodyKeyOf(e: Pick<CatalogueEntry, 'bodyNormalized'> & { bodyId?: string }): string {
  return e.bodyId ?? (e.bodyNormalized ? canonicalBodyId(e.bodyNormalized) : '');
}

function groupKey(e: Pick<CatalogueEntry, 'bodyNormalized' | 'year' | 'id'> & { bodyId?: string }): string {
  const body = bodyKeyOf(e);
  return body && e.year != null ? `${body}|${e.year}` : `#${e.id}`;
}

export function entryOf(r: Report, latest: boolean): CatalogueEntry {
  const all = findingsOf(r);
  const open = all.filter((f) => !f.dismissed);
  const dismissed = all.length - open.length;
  // A JSON round trip copies the strings: the parser's body and title are slices of the whole
  // document text, and V8 would keep every document alive through the catalogue.
  return JSON.parse(JSON.stringify({ ...entryFields(r, latest, open), ...(dismissed > 0 ? { dismissed } : {}) }));
}

function entryFields(r: Report, latest: boolean, open: ReturnType<typeof findingsOf>): CatalogueEntry {
  return {
    id: r.id,
    body: r.body.printed,
    bodyNormalized: r.body.normalized,
    bodyId: r.body.id ?? (r.body.normalized ? canonicalBodyId(r.body.normalized) : ''),
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

/** A rename whose file is gone already (moved by an earlier, interrupted attempt) is done. */
const ignoreMissing = (err: NodeJS.ErrnoException): void => {
  if (err.code !== 'ENOENT') throw err;
};

/** What changed in the catalogue in memory: ids added, removed, and whose row changed. */
export interface CatalogueDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

function diffEntries(before: Map<string, CatalogueEntry>, after: Map<string, CatalogueEntry>): CatalogueDiff {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [id, e] of after) {
    const old = before.get(id);
    if (!old) added.push(id);
    else if (old !== e && JSON.stringify(old) !== JSON.stringify(e)) changed.push(id);
  }
  const removed = [...before.keys()].filter((id) => !after.has(id));
  return { added, removed, changed };
}

const skippedText = (files: string[]) => (files.length ? `（${files.length} 个损坏的文件未收录：${files.join(', ')}）` : '');

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
  /** The catalogue in memory is not what the files say (read from report files, shards ahead): the next write repairs it. */
  private repairNeeded = false;
  /** Reports other processes changed that a write of ours picked up under the lock: refresh() reports them (the search index needs them). */
  private readonly external = new Set<string>();

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
    return archive;
  }

  /** A path in the archive folder; refuses one that would lead outside it (names read from files are untrusted). */
  private path(...parts: string[]): string {
    return insideArchive(this.dir, ...parts);
  }

  reportFile(id: string): string {
    if (!isReportId(id)) throw new ArchiveError(`没有编号为 ${id} 的报告 (no report with id ${id})`);
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
    // An older schema is migrated on open (under the lock); anything else is only read: readers never write.
    if (loaded.kind === 'ok' && loaded.head.schemaVersion < SCHEMA_VERSION) await this.withLock(async () => {});
    else await this.view(loaded);
  }

  /**
   * Takes the catalogue as read, without writing anything. A lost or damaged catalogue is read
   * from the report files instead (rows of an uncommitted write left out), with a notice; the
   * next write saves it. Returns what changed in memory.
   */
  private async view(loaded: Awaited<ReturnType<CatalogueFiles['load']>>): Promise<CatalogueDiff> {
    if (loaded.kind === 'ok') {
      this.repairNeeded = loaded.ahead.length > 0;
      return this.adopt(loaded);
    }
    const before = this.entries;
    const ids = await this.reportIdsOnDisk();
    this.shardEntries = [];
    this.shardStamps = [];
    this.headStamp = await this.files.headStamp();
    if (loaded.kind === 'absent' && ids.length === 0) {
      this.setEntries([]);
      this.repairNeeded = false;
      return diffEntries(before, this.entries);
    }
    const uncommitted = await this.uncommittedIds();
    const { reports, skipped } = await this.readAll(ids.filter((id) => !uncommitted.has(id)));
    this.setEntries(reports.map((r) => entryOf(r, true)));
    this.relabelLatest(new Set([...this.entries.values()].map(groupKey)));
    this.repairNeeded = true;
    const lost = loaded.kind === 'corrupt' || reports.length + skipped.length > 0;
    if (uncommitted.size) {
      this.notices.push(`上次写入被中断，${uncommitted.size} 个未确认的报告不列出，将在下次写入时撤销 (an interrupted write is not listed; it is rolled back at the next write)`);
    }
    if (lost) {
      const why = loaded.kind === 'absent' ? '目录文件 catalogue.json 不存在' : `目录文件 ${loaded.file} 已损坏（${loaded.why}）`;
      this.notices.push(`${why}，已从 ${reports.length} 个报告文件重建目录，下次写入时保存${skippedText(skipped)} (catalogue rebuilt from report files; saved at the next write)`);
    }
    return diffEntries(before, this.entries);
  }

  /** Ids the journal of an unfinished write adds (none without a valid journal). */
  private async uncommittedIds(): Promise<Set<string>> {
    try {
      const journal = journalSchema.safeParse(JSON.parse(await readFile(this.path(JOURNAL_FILE), 'utf8')));
      return new Set(journal.success ? journal.data.newIds : []);
    } catch {
      return new Set();
    }
  }

  /** Reads the given report files; damaged ones are returned by name, not thrown (a newer schema still is). */
  private async readAll(ids: string[]): Promise<{ reports: Report[]; skipped: string[] }> {
    const reports: Report[] = [];
    const skipped: string[] = [];
    await forEachLimited(ids, WRITES_AT_ONCE, async (id) => {
      try {
        reports.push(await this.readReport(id));
      } catch (err) {
        if (err instanceof ArchiveError && /newer version/.test(err.message)) throw err;
        skipped.push(this.reportFile(id));
      }
    });
    reports.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { reports, skipped: skipped.sort() };
  }

  private adopt(loaded: Extract<Awaited<ReturnType<CatalogueFiles['load']>>, { kind: 'ok' }>): CatalogueDiff {
    const before = this.entries;
    this.setEntries(loaded.entries);
    this.shardEntries = loaded.shardEntries ?? [];
    this.shardStamps = loaded.shardStamps;
    this.headStamp = loaded.headStamp;
    this.generation = loaded.head.generation;
    return diffEntries(before, this.entries);
  }

  /**
   * Re-reads the catalogue when another process wrote it (the head file's identity changed),
   * without writing anything. Returns what changed since the last call (including what a write
   * of ours picked up from other processes under the lock), or null when nothing did.
   */
  async refresh(): Promise<CatalogueDiff | null> {
    let diff: CatalogueDiff | null = null;
    const stamp = await this.files.headStamp();
    if (!sameStamp(stamp, this.headStamp)) {
      const loaded = await this.files.load({ stamps: this.shardStamps, entries: this.shardEntries });
      if (loaded.kind === 'ok' && loaded.head.schemaVersion < SCHEMA_VERSION) {
        const before = this.entries;
        await this.withLock(async () => {});
        diff = diffEntries(before, this.entries);
      } else diff = await this.view(loaded);
    }
    return this.withExternal(diff);
  }

  /** Merges the changes a write of ours adopted from other processes (under the lock) into `diff`. */
  private withExternal(diff: CatalogueDiff | null): CatalogueDiff | null {
    if (this.external.size === 0) return diff && diff.added.length + diff.removed.length + diff.changed.length ? diff : null;
    const out: CatalogueDiff = diff ?? { added: [], removed: [], changed: [] };
    const seen = new Set([...out.added, ...out.removed, ...out.changed]);
    for (const id of this.external) {
      if (seen.has(id)) continue;
      (this.entries.has(id) ? out.changed : out.removed).push(id);
    }
    this.external.clear();
    return out;
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
    if (!isReportId(id)) throw new ArchiveError(`没有编号为 ${id} 的报告 (no report with id ${id})`);
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
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new ArchiveError(`报告文件 ${file} 已损坏，无法读取 (report file is corrupt)`);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ArchiveError(`报告文件 ${file} 已损坏，不是一份报告 (report file is not a report)`);
    // Every file is checked whole: `{}`, `null` or `tables: null` must not reach the rules or the exporters.
    const report = checked(reportFileSchema, migrateReport(data as Record<string, unknown>, file), file, '报告文件') as unknown as Report;
    if (report.id !== id) throw new ArchiveError(`报告文件 ${file} 已损坏，已跳过（编号 ${report.id} 与文件名不符）(damaged file skipped: id does not match its name)`);
    return report;
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
      const lock = await acquireWriteLock(this.dir, this.options.lockWaitMs, this.options.onLockWait);
      this.commitPhase = 'none';
      try {
        await this.syncUnderLock();
        const result = await fn();
        this.assertHeld(lock);
        return result;
      } catch (err) {
        throw asArchiveError(err);
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
    // Temp files of a killed writer: cleared by this process's first write and after any interrupted write.
    if (journalPresent || !this.tempsCleared) {
      this.tempsCleared = true;
      await removeTempFiles(this.dir);
    }
    // Removals older than the retention: deleted by this process's first write (readers never write).
    if (!this.trashPurged) {
      this.trashPurged = true;
      await this.purgeTrash(await readSettings(this.dir));
    }
    if (!journalPresent && !this.repairNeeded && this.headStamp && sameStamp(await this.files.headStamp(), this.headStamp)) return;
    const before = this.entries;
    const loaded = await this.files.load({ stamps: this.shardStamps, entries: this.shardEntries });
    let ahead: number[] = [];
    if (loaded.kind === 'ok') {
      if (loaded.head.schemaVersion < SCHEMA_VERSION) await this.migrateAll(loaded.head.schemaVersion);
      else {
        this.adopt(loaded);
        ahead = loaded.ahead;
      }
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
    const diff = diffEntries(before, this.entries);
    for (const id of [...diff.added, ...diff.removed, ...diff.changed]) this.external.add(id);
    // Shards an uncommitted write left ahead of the head are rewritten from the committed rows.
    if (!(await this.recoverJournal(ahead)) && ahead.length) await this.commit(new Set(ahead));
    this.repairNeeded = false;
  }

  private async writeJournal(journal: Omit<Journal, 'pid' | 'at'>): Promise<void> {
    this.currentOp = journal.op;
    await writeFileAtomic(this.path(JOURNAL_FILE), JSON.stringify({ ...journal, pid: process.pid, at: new Date().toISOString() }));
    await this.step('journal');
  }

  private tempsCleared = false;

  private trashPurged = false;

  /** How far the commit of the write in progress got: a failed write cleans up accordingly. */
  private commitPhase: 'none' | 'shards' | 'head' = 'none';

  /** The op of the write in progress, for onStep. */
  private currentOp = 'repair';

  private async step(name: string): Promise<void> {
    await this.options.onStep?.(`${this.currentOp}:${name}`);
  }

  private async clearJournal(): Promise<void> {
    await unlink(this.path(JOURNAL_FILE)).catch(() => {});
  }

  /** A journal found under the lock belongs to a writer that died before finishing: roll back. */
  private async recoverJournal(ahead: number[] = []): Promise<boolean> {
    let journal: Journal;
    try {
      journal = JSON.parse(await readFile(this.path(JOURNAL_FILE), 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      await this.clearJournal(); // unreadable: it was never complete, so its write never started
      return false;
    }
    const valid = journalSchema.safeParse(journal);
    if (!valid.success) {
      // Written atomically, so a journal of the wrong shape was not written by the store: act on none of it
      // (an id like `../../x` would otherwise delete a file outside the archive).
      await this.clearJournal();
      this.notices.push(`写入日志 ${this.path(JOURNAL_FILE)} 内容无效，已忽略并删除 (invalid journal ignored)`);
      return false;
    }
    journal = valid.data;
    for (const id of journal.newIds ?? []) {
      if (!this.entries.has(id)) await rm(this.reportFile(id), { force: true });
    }
    for (const rel of journal.newSources ?? []) {
      const sha = path.basename(rel).split('.')[0];
      if (!this.bySha.has(sha)) await rm(this.path(rel), { force: true });
    }
    // A removal that committed finishes moving its files to the trash (nothing is lost); one that did not keeps them listed.
    const trashOwner = journal.trash ? await readTrashBatch(this.dir, journal.trash) : null;
    const committedRemovals = (journal.removedIds ?? []).filter((id) => !this.entries.has(id));
    if (journal.trash && trashOwner && committedRemovals.length) {
      const stored = new Map<string, string>();
      for (const id of committedRemovals) {
        const report = await this.readReport(id).catch(() => null);
        if (report && !this.bySha.has(report.source.sha256)) stored.set(id, report.source.storedPath);
      }
      await this.moveToTrash(journal.trash, committedRemovals, (id) => stored.get(id));
    } else {
      if (journal.trash && isTrashToken(journal.trash)) await rm(this.path(TRASH_DIR, journal.trash), { recursive: true, force: true });
      for (const id of committedRemovals) {
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
    // Journals name bodies by id: the shards their rows live in (rows are sharded by printed name).
    const journalBodies = new Set(journal.bodies ?? []);
    for (const e of this.entries.values()) if (journalBodies.has(bodyKeyOf(e))) shards.add(shardOf(e));
    for (const n of ahead) shards.add(n);
    await this.commit(shards, changed);
    await this.clearJournal();
    this.notices.push('上次写入被中断，已撤销未完成的部分 (an interrupted write was rolled back)');
    return true;
  }

  private async writeReportFile(report: Report): Promise<void> {
    // Encoded before the first await: a batch's JSON strings would otherwise all stay on the
    // heap (and be copied by every young-generation collection) until their files are open.
    await writeFileAtomic(this.reportFile(report.id), Buffer.from(JSON.stringify(report)));
  }

  /** Writes the catalogue shards holding `shards` (plus those of the `reports` written), then the head. */
  private async commit(extraShards: Set<number>, reports: readonly { id: string }[] = []): Promise<void> {
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
    const rows = new Array<number>(SHARD_COUNT).fill(0);
    for (const e of this.entries.values()) {
      const n = shardOf(e);
      rows[n]++;
      byShard.get(n)?.push(e);
    }
    // The report files this commit names must be on disk before the head names them.
    if (reports.length) await syncDir(this.path(REPORTS_DIR));
    await this.step('files');
    this.commitPhase = 'shards';
    const result = await this.files.write(byShard, ++this.generation, rows, () => this.step('shards'));
    this.commitPhase = 'head';
    for (const [n, entries] of byShard) {
      this.shardEntries[n] = entries;
      this.shardStamps[n] = result.shardStamps.get(n) ?? null;
    }
    this.headStamp = result.headStamp;
    await this.step('committed');
  }

  private newId(year: number | null, sha: string): string {
    for (let len = 8; len <= 64; len += 4) {
      const id = `${year ?? 'nd'}-${sha.slice(0, len)}`;
      if (!this.entries.has(id)) return id;
    }
    return `${year ?? 'nd'}-${sha}-${randomBytes(3).toString('hex')}`;
  }

  private nextVersion(probe: Pick<CatalogueEntry, 'bodyNormalized' | 'year' | 'id'> & { bodyId?: string }, exclude?: string): number {
    if (groupKey(probe).startsWith('#')) return 1;
    const body = bodyKeyOf(probe);
    let max = 0;
    for (const e of this.entries.values()) {
      if (bodyKeyOf(e) === body && e.year === probe.year && e.id !== exclude) max = Math.max(max, e.version);
    }
    return max + 1;
  }

  /** latest = the highest version of each body+year group. */
  private relabelLatest(keys: Set<string>): void {
    const best = new Map<string, CatalogueEntry>();
    // Cheap pre-filter (no string building) before the exact group key: this runs on every write.
    const bodies = new Set([...keys].filter((k) => !k.startsWith('#')).map((k) => k.slice(0, k.lastIndexOf('|'))));
    const ids = new Set([...keys].filter((k) => k.startsWith('#')).map((k) => k.slice(1)));
    const candidates = [...this.entries.values()].filter((e) => bodies.has(bodyKeyOf(e)) || ids.has(e.id));
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
    await this.relateBodies(bodies, overlay, async (updated) => {
      for (const report of updated) {
        overlay.set(report.id, report);
        changed.push(report);
      }
    });
    return changed;
  }

  /**
   * recomputeBodies for writes too large to hold in memory (restoring or removing thousands of
   * reports): each body's changed reports are written as soon as its rules ran, and only their
   * ids are kept. Their files are in place before the commit, like any write's.
   */
  private async recomputeBodiesToDisk(bodies: Set<string>): Promise<string[]> {
    const ids: string[] = [];
    await this.relateBodies(bodies, new Map(), async (updated) => {
      await forEachLimited(updated, WRITES_AT_ONCE, (r) => this.writeReportFile(r));
      for (const r of updated) ids.push(r.id);
    });
    return ids;
  }

  /** Runs the relate rule over each body's reports in turn, handing each body's changed reports to `sink`. */
  private async relateBodies(bodies: Set<string>, overlay: Map<string, Report>, sink: (updated: Report[]) => Promise<void>): Promise<void> {
    // Grouped in one pass over the catalogue (a pass per body was a 10,000-row copy for each of a batch's ~100 bodies).
    const membersByBody = new Map<string, CatalogueEntry[]>();
    for (const body of bodies) if (body) membersByBody.set(body, []);
    for (const e of this.entries.values()) membersByBody.get(bodyKeyOf(e))?.push(e);
    for (const members of membersByBody.values()) {
      // Read at once (each read would otherwise wait its turn behind the parsing going on meanwhile).
      const read = await Promise.all(members.map((e) => overlay.get(e.id) ?? this.readReport(e.id)));
      const updated = this.options.relate(members.map((e, i) => ({ report: read[i], latest: e.latest })));
      for (const report of updated) this.entries.set(report.id, entryOf(report, this.entries.get(report.id)!.latest));
      await sink(updated);
    }
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
      const bodyIdOf = (await this.options.bodyIds?.()) ?? canonicalBodyId;
      for (const input of inputs) {
        const existing = this.bySha.get(input.sha256);
        if (existing) {
          results.push({ status: 'duplicate', entry: this.entries.get(existing)! });
          continue;
        }
        const parsed = input.parsed;
        const normalized = parsed.body.normalized || normalizeBody(parsed.body.printed);
        const body = { printed: parsed.body.printed, normalized, id: normalized ? bodyIdOf(normalized) : '' };
        const id = this.newId(parsed.year, input.sha256);
        const storedPath = `${SOURCES_DIR}/${input.sha256}.${sourceExt(input.fileName)}`;
        const probe = { id, bodyNormalized: body.normalized, bodyId: body.id, year: parsed.year };
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
        if (body.id) bodies.add(body.id);
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
        if (this.commitPhase === 'head') throw asArchiveError(err); // committed: the reports are listed, keep them
        // Undo the in-memory reservation and remove this batch's files at once (a full disk must
        // not stay full). The journal stays if a shard was written: it hides their rows from
        // readers until the next writer rolls the write back.
        for (const r of fresh) {
          this.entries.delete(r.id);
          this.bySha.delete(r.source.sha256);
        }
        this.repairNeeded = true; // rules may have changed neighbours in memory: reload at the next write
        for (const r of fresh) {
          await rm(this.reportFile(r.id), { force: true }).catch(() => {});
          if (!this.bySha.has(r.source.sha256)) await rm(this.path(r.source.storedPath), { force: true }).catch(() => {});
        }
        if (this.commitPhase === 'none') await this.clearJournal();
        throw asArchiveError(err);
      }
    });
  }

  /**
   * Removes reports in one write; their files wait in trash/<token>/ (restorable with the token,
   * or one by one) until the trash is emptied or the retention of settings.json has passed.
   */
  removeReports(ids: string[]): Promise<{ removed: string[]; token: string; effect: WriteEffect }> {
    return this.withLock(async () => {
      const unknown = ids.filter((id) => !this.entries.has(id));
      if (unknown.length) throw new ArchiveError(`没有编号为 ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? ` 等 ${unknown.length} 个` : ''} 的报告 (no report with id ${unknown.slice(0, 20).join(', ')})`);
      const unique = [...new Set(ids)];
      const token = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
      const removedEntries = unique.map((id) => this.entries.get(id)!);
      const bodies = new Set(removedEntries.map(bodyKeyOf).filter(Boolean));
      const shards = new Set(removedEntries.map((e) => shardOf(e)));
      const groups = new Set(removedEntries.map(groupKey));
      const storedPaths = new Map<string, string>();
      await forEachLimited(unique, WRITES_AT_ONCE, async (id) => {
        storedPaths.set(id, (await this.readReport(id)).source.storedPath);
      });
      await this.writeJournal({ op: 'remove', newIds: [], newSources: [], removedIds: unique, bodies: [...bodies], trash: token });
      // The owner file goes first: a crash after the commit still finds the batch to move the files to.
      const trash = this.path(TRASH_DIR, token);
      await mkdir(path.join(trash, REPORTS_DIR), { recursive: true });
      await mkdir(path.join(trash, SOURCES_DIR), { recursive: true });
      const reports = removedEntries.map((e) => ({ id: e.id, body: e.body, year: e.year, title: e.title }));
      const owner: TrashOwner = { pid: process.pid, at: new Date().toISOString(), ids: unique, reports };
      await writeFileAtomic(path.join(trash, TRASH_OWNER_FILE), JSON.stringify(owner));
      for (const e of removedEntries) {
        this.entries.delete(e.id);
        this.bySha.delete(e.sha256);
      }
      this.relabelLatest(groups);
      const changed = await this.recomputeBodiesToDisk(bodies);
      await this.commit(shards, changed.map((id) => ({ id })));
      // Committed: move the files aside.
      await this.moveToTrash(token, unique, (id) => storedPaths.get(id));
      await this.clearJournal();
      return { removed: unique, token, effect: { written: [], writtenIds: changed, removed: unique } };
    });
  }

  /** Moves removed reports' files (and their sources, when known) into trash/<token>/; files already moved are skipped. */
  private async moveToTrash(token: string, ids: string[], storedPathOf: (id: string) => string | undefined): Promise<void> {
    const trash = this.path(TRASH_DIR, token);
    await forEachLimited(ids, WRITES_AT_ONCE, async (id) => {
      await rename(this.reportFile(id), path.join(trash, REPORTS_DIR, `${id}.json`)).catch(ignoreMissing);
      const stored = storedPathOf(id);
      if (stored) await rename(this.path(stored), path.join(trash, stored)).catch(ignoreMissing);
    });
    await syncDir(path.join(trash, REPORTS_DIR));
  }

  /** Undoes one removal: restores the reports removed under `token` (those whose id or bytes were not re-imported since). */
  async undoRemove(token: string): Promise<{ restored: string[]; skipped: string[]; effect: WriteEffect }> {
    if (!isTrashToken(token)) throw new ArchiveError(`撤销标记 ${token} 无效 (unknown undo token)`);
    return this.restoreFromTrash({ tokens: [token] }, true);
  }

  /**
   * Restores reports from the trash in one write: whole batches (`tokens`) and single reports
   * (`ids`, from whichever batch holds them). A report whose id or bytes were imported again
   * since is skipped (the archive already has it) and dropped from the trash.
   */
  restoreFromTrash(pick: TrashPick, strict = false): Promise<{ restored: string[]; skipped: string[]; effect: WriteEffect }> {
    return this.withLock(async () => {
      const wanted = await this.pickFromTrash(pick, strict);
      // Only catalogue rows are kept: a restore of 10,000 reports must not hold their contents.
      const found: { token: string; entry: CatalogueEntry; storedPath: string }[] = [];
      const skipped = new Set<string>();
      await forEachLimited(wanted, WRITES_AT_ONCE, async ({ token, id }) => {
        const report = await this.readReportFile(this.trashReportFile(token, id), id).catch(() => null);
        if (!report || this.entries.has(id) || this.bySha.has(report.source.sha256)) skipped.add(id);
        else found.push({ token, entry: entryOf(report, false), storedPath: report.source.storedPath });
      });
      // Two copies of one file in different batches (removed, imported again, removed again): restore one.
      const seen = new Set<string>();
      const restoring = found.filter(({ entry }) => (seen.has(entry.sha256) ? (skipped.add(entry.id), false) : seen.add(entry.sha256)));
      const bodies = new Set(restoring.map(({ entry }) => entry.bodyId).filter(Boolean));
      await this.writeJournal({
        op: 'undo',
        newIds: restoring.map(({ entry }) => entry.id),
        newSources: restoring.map(({ storedPath }) => storedPath),
        removedIds: [],
        bodies: [...bodies],
      });
      await mkdir(this.path(REPORTS_DIR), { recursive: true });
      await mkdir(this.path(SOURCES_DIR), { recursive: true });
      // Copied, not moved: until the commit the trash must still hold everything.
      await forEachLimited(restoring, WRITES_AT_ONCE, async ({ token, entry, storedPath }) => {
        // On disk before the commit names them: the trash's copies go once it is made.
        await copyFileDurable(this.path(TRASH_DIR, token, storedPath), this.path(storedPath));
        await copyFileDurable(this.trashReportFile(token, entry.id), this.reportFile(entry.id));
      });
      await syncDir(this.path(SOURCES_DIR));
      const groups = new Set<string>();
      for (const { entry } of restoring) {
        this.entries.set(entry.id, entry);
        this.bySha.set(entry.sha256, entry.id);
        groups.add(groupKey(entry));
      }
      this.relabelLatest(groups);
      const written = new Set([...restoring.map(({ entry }) => entry.id), ...(await this.recomputeBodiesToDisk(bodies))]);
      await this.commit(new Set(), [...written].map((id) => ({ id })));
      await this.dropFromTrash(wanted.filter((w) => written.has(w.id) || skipped.has(w.id)));
      await this.clearJournal();
      return { restored: restoring.map(({ entry }) => entry.id), skipped: [...skipped], effect: { written: [], writtenIds: [...written], removed: [] } };
    });
  }

  private trashReportFile(token: string, id: string): string {
    return this.path(TRASH_DIR, token, REPORTS_DIR, `${id}.json`);
  }

  /** The (batch, id) pairs a pick names; `strict`: an unknown token is an error (undo), else ignored (a purge may have run meanwhile). */
  private async pickFromTrash(pick: TrashPick, strict: boolean): Promise<{ token: string; id: string }[]> {
    const out: { token: string; id: string }[] = [];
    const tokens = new Set(pick.tokens ?? []);
    const ids = new Set(pick.ids ?? []);
    const batches = ids.size ? (await readTrashBatches(this.dir)).batches : [];
    for (const token of tokens) {
      const owner = await readTrashBatch(this.dir, token);
      if (!owner && strict) throw new ArchiveError(`撤销标记 ${token} 已失效，报告无法恢复 (undo token expired)`);
      for (const id of owner?.ids ?? []) out.push({ token, id });
    }
    for (const { token, owner } of batches) {
      if (tokens.has(token)) continue;
      for (const id of owner.ids) if (ids.has(id)) out.push({ token, id });
    }
    return out;
  }

  /** Deletes these reports from their trash batches (a batch left empty goes whole); the owner file is rewritten first. */
  private async dropFromTrash(picked: { token: string; id: string }[]): Promise<void> {
    const byToken = new Map<string, Set<string>>();
    for (const { token, id } of picked) (byToken.get(token) ?? byToken.set(token, new Set()).get(token)!).add(id);
    for (const [token, ids] of byToken) {
      const folder = this.path(TRASH_DIR, token);
      const owner = await readTrashBatch(this.dir, token);
      const left = owner ? owner.ids.filter((id) => !ids.has(id)) : [];
      if (!owner || left.length === 0) {
        await rm(folder, { recursive: true, force: true });
        continue;
      }
      const files = await Promise.all([...ids].map((id) => this.readReportFile(path.join(folder, REPORTS_DIR, `${id}.json`), id).catch(() => null)));
      const next: TrashOwner = { ...owner, ids: left, ...(owner.reports ? { reports: owner.reports.filter((r) => !ids.has(r.id)) } : {}) };
      await writeFileAtomic(path.join(folder, TRASH_OWNER_FILE), JSON.stringify(next));
      await forEachLimited([...ids], WRITES_AT_ONCE, (id) => rm(path.join(folder, REPORTS_DIR, `${id}.json`), { force: true }));
      await forEachLimited(files.filter((r): r is Report => !!r), WRITES_AT_ONCE, (r) => rm(insideArchive(folder, r.source.storedPath), { force: true }));
    }
  }

  /** Removals still in the trash, newest first (no lock: it only reads). Reports listed again (restored) are left out. */
  async listTrash(): Promise<TrashBatch[]> {
    const { trashRetentionDays } = await readSettings(this.dir);
    const { batches } = await readTrashBatches(this.dir);
    const out: TrashBatch[] = [];
    for (const { token, owner } of batches) {
      const summaries = new Map((owner.reports ?? []).map((r) => [r.id, r]));
      const reports = owner.ids.filter((id) => !this.entries.has(id)).map((id) => summaries.get(id) ?? { id, body: '', year: null, title: '' });
      if (reports.length) out.push({ token, removedAt: owner.at, expiresAt: new Date(expiresAt(owner.at, trashRetentionDays)).toISOString(), reports });
    }
    return out;
  }

  /** Deletes trash batches for good (all of them when `tokens` is null); returns how many reports went. */
  emptyTrash(tokens: string[] | null): Promise<number> {
    return this.withLock(async () => {
      const { batches, unowned } = await readTrashBatches(this.dir);
      const wanted = tokens ? new Set(tokens) : null;
      let reports = 0;
      for (const { token, owner } of batches) {
        if (wanted && !wanted.has(token)) continue;
        await rm(this.path(TRASH_DIR, token), { recursive: true, force: true });
        reports += owner.ids.length;
      }
      if (!wanted) for (const { token, ageMs } of unowned) if (ageMs > 60_000) await rm(this.path(TRASH_DIR, token), { recursive: true, force: true });
      return reports;
    });
  }

  /** The archive's settings (settings.json, defaults where absent). */
  settings(): Promise<ArchiveSettings> {
    return readSettings(this.dir);
  }

  /** Changes settings under the lock; a shorter retention purges what is now past it at once. */
  updateSettings(patch: Partial<ArchiveSettings>): Promise<ArchiveSettings> {
    return this.withLock(async () => {
      const settings = await writeSettings(this.dir, patch);
      await this.purgeTrash(settings);
      return settings;
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
      const nextBodyId = entryOf(next, true).bodyId;
      const moved = nextBodyId !== before.bodyId || next.body.normalized !== current.body.normalized || next.year !== current.year;
      const groups = new Set([groupKey(before)]);
      const bodies = new Set([bodyKeyOf(before)].filter(Boolean));
      if (moved) {
        next = { ...next, evaluations: this.options.validate(next), version: this.nextVersion({ id, year: next.year, bodyNormalized: next.body.normalized, bodyId: nextBodyId }, id) };
        if (nextBodyId) bodies.add(nextBodyId);
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

  /**
   * Moves reports to other bodies in one locked write (a merge or rename of bodies, or its undo).
   * `plan` runs under the lock with the current catalogue and returns report id → new body id;
   * moved reports are renumbered as versions of their new body and year, the cross-year rules of
   * old and new bodies re-run, and `alsoWrite` (the body registry) is written before the commit.
   */
  reassignBodies(
    plan: (entries: readonly CatalogueEntry[]) => Map<string, string>,
    alsoWrite: () => Promise<void>,
  ): Promise<{ moved: string[]; effect: WriteEffect }> {
    return this.withLock(async () => {
      const moves = [...plan(this.list())]
        .map(([id, to]) => ({ before: this.entries.get(id), to }))
        .filter((m): m is { before: CatalogueEntry; to: string } => !!m.before && bodyKeyOf(m.before) !== m.to)
        .sort((a, b) => a.before.version - b.before.version);
      if (moves.length === 0) {
        await alsoWrite();
        return { moved: [], effect: { written: [], removed: [] } };
      }
      const read = await Promise.all(moves.map((m) => this.readReport(m.before.id)));
      const bodies = new Set<string>();
      const groups = new Set<string>();
      const shards = new Set<number>();
      for (const { before, to } of moves) {
        bodies.add(bodyKeyOf(before)).add(to);
        groups.add(groupKey(before));
        shards.add(shardOf(before));
      }
      bodies.delete('');
      await this.writeJournal({ op: 'update', newIds: [], newSources: [], removedIds: [], bodies: [...bodies] });
      const overlay = new Map<string, Report>();
      moves.forEach(({ before, to }, i) => {
        const current = read[i];
        const probe = { id: before.id, year: current.year, bodyNormalized: current.body.normalized, bodyId: to };
        const next: Report = { ...current, body: { ...current.body, id: to }, version: this.nextVersion(probe, before.id) };
        overlay.set(next.id, next);
        this.entries.set(next.id, entryOf(next, true));
        groups.add(groupKey(probe));
      });
      this.relabelLatest(groups);
      const changed = await this.recomputeBodies(bodies, overlay);
      const toWrite = new Map(moves.map((m) => [m.before.id, overlay.get(m.before.id)!]));
      for (const r of changed) toWrite.set(r.id, r);
      await forEachLimited([...toWrite.values()], WRITES_AT_ONCE, (r) => this.writeReportFile(r));
      for (const r of toWrite.values()) this.entries.set(r.id, entryOf(r, this.entries.get(r.id)!.latest));
      await alsoWrite();
      await this.commit(shards, [...toWrite.values()]);
      await this.clearJournal();
      return { moved: moves.map((m) => m.before.id), effect: { written: [...toWrite.values()], removed: [] } };
    });
  }

  // ---- maintenance ---------------------------------------------------------------------

  /** Rebuilds the catalogue from the report files (under the lock). */
  private async rebuild(why: string): Promise<void> {
    // An unfinished write's reports are not listed: the journal rolls them back right after.
    const uncommitted = await this.uncommittedIds();
    const { reports, skipped } = await this.readAll((await this.reportIdsOnDisk()).filter((id) => !uncommitted.has(id)));
    this.setEntries(reports.map((r) => entryOf(r, true)));
    this.relabelLatest(new Set([...this.entries.values()].map(groupKey)));
    this.shardEntries = [];
    this.shardStamps = [];
    await this.commit(new Set(Array.from({ length: SHARD_COUNT }, (_, n) => n)));
    this.notices.push(`${why}，已从 ${reports.length} 个报告文件重建目录${skippedText(skipped)} (catalogue rebuilt from report files)`);
  }

  /** Rewrites every report file and the catalogue in the current schema (under the lock). */
  private async migrateAll(from: number): Promise<void> {
    const ids = await this.reportIdsOnDisk();
    for (const id of ids) {
      const report = await this.readReport(id); // migrates in memory; refuses a newer file
      await this.writeReportFile({ ...report, schemaVersion: SCHEMA_VERSION });
    }
    await this.rebuild(`档案库格式为旧版本 ${from}，已迁移到 ${SCHEMA_VERSION}`);
    // Bodies may group differently in the new schema (v2: 伊春市 = 伊春市人民政府): relate them again.
    const changed = await this.recomputeBodies(new Set([...this.entries.values()].map(bodyKeyOf).filter(Boolean)), new Map());
    for (const r of changed) await this.writeReportFile(r);
    if (changed.length) await this.commit(new Set(), changed);
  }

  /** Under the lock: deletes removals older than the retention, and folders of a removal that died before writing its owner file. */
  private async purgeTrash(settings: ArchiveSettings): Promise<void> {
    const { batches, unowned } = await readTrashBatches(this.dir);
    const now = Date.now();
    for (const { token, owner } of batches) {
      if (expiresAt(owner.at, settings.trashRetentionDays, now) <= now) await rm(this.path(TRASH_DIR, token), { recursive: true, force: true });
    }
    // Without an owner file nothing was moved there yet (it is written before the commit); a young one may be a removal in progress elsewhere.
    for (const { token, ageMs } of unowned) if (ageMs > 60_000) await rm(this.path(TRASH_DIR, token), { recursive: true, force: true });
  }
}
