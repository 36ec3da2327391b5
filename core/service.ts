/**
 * ArchiveApi over an archive folder: import (files given as bytes or as paths), list, read,
 * edit, dismiss, remove/undo, search and export. Every UI and the CLI go through this.
 */
import { open, readFile, readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  ArchiveApi,
  ArchiveStatus,
  ClipboardPayload,
  ExportRequest,
  FindingQuery,
  FindingRow,
  ImportFile,
  ImportOutcome,
  ListQuery,
  MetadataEdit,
  RemoveResult,
  SearchRequest,
  SearchResponse,
  SourceText,
} from './api.ts';
import { findingsOf, type CatalogueEntry, type Report } from './model.ts';
import { RULE_IDS, type RuleId } from './spec.ts';
import { importDocument, ImportError, MAX_IMPORT_BYTES, type ImportedDocument } from './import/index.ts';
import { decodeText } from './import/decode.ts';
import { poolForImport } from './import/pool.ts';
import { forEachLimited } from './limited.ts';
import { validateCrossYear, validateReport } from './validate/index.ts';
import { SearchEngine } from './search/index.ts';
import { exportReport } from './export/index.ts';
import { Archive, ArchiveError, normalizeBody, type NewReport, type WriteEffect } from './archive/index.ts';

export interface ArchiveServiceOptions {
  archiveDir: string;
  host: 'electron' | 'browser';
  loadSample?: boolean;
  clipboard?: (payload: ClipboardPayload) => Promise<boolean>;
  /**
   * Open the search index only when first needed (the CLI: a command that does not search
   * never touches the index). Default: opened in the background right away.
   */
  lazySearch?: boolean;
}

export type ImportProgress = (done: number, total: number, outcome: ImportOutcome) => void;

export interface ArchiveService extends ArchiveApi {
  close(): Promise<void>;
  /** Imports files and folders (recursively, hidden entries skipped), in batches, one outcome per file. */
  importPaths(paths: string[], onProgress?: ImportProgress): Promise<ImportOutcome[]>;
  /** Things the user should be told about the archive (catalogue rebuilt, interrupted write undone). */
  notices(): string[];
  readonly archive: Archive;
}

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SAMPLE_DIR = path.join(REPO_ROOT, 'resources', 'sample');

/** Parsed files are stored in batches: fewer lock round-trips, and an outcome is reported only once stored. */
const BATCH_FILES = 48;
/** One collator for the library order (String#localeCompare builds one per call: slow for 10,000 rows). */
const BODY_ORDER = new Intl.Collator('zh');
const BATCH_MS = 500;
/** A batch grows up to this while the previous one is still being stored (bounded: parsed files hold memory). */
const MAX_BATCH_FILES = 2 * BATCH_FILES;
/** Report files read at once when listing findings not yet in memory. */
const FINDINGS_READ_CONCURRENCY = 8;
/** Files parsed ahead with the pool: the workers keep parsing while a batch is stored (bounded: parsed files hold memory). */
const PARSE_AHEAD = 32;
/** Files read ahead when parsing in-thread (each is parsed as soon as its bytes arrive, results taken in order). */
const READ_AHEAD = 8;

/** Resolves after the event loop has run its pending I/O callbacks once (setImmediate runs after the poll phase). */
const afterPendingIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * In-thread parsing, one file per event-loop turn: reads complete in bursts, and the parses of a
 * burst would otherwise run back to back (~3 ms each) while every step of the batch being stored
 * (open, write, fsync, close, rename per file) waited behind all of them.
 */
function parseInTurns(): (bytes: Uint8Array, name: string) => Promise<ImportedDocument> {
  let lane: Promise<unknown> = Promise.resolve();
  return (bytes, name) => {
    const parsed = lane.then(afterPendingIo).then(() => importDocument(bytes, name));
    lane = parsed.catch(() => {});
    return parsed;
  };
}

async function appVersion(): Promise<string> {
  try {
    return JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function uncertainOf(doc: ImportedDocument): string[] {
  const c = doc.parsed.metadataConfidence;
  return (['body', 'year'] as const).filter((k) => c?.[k] === 'guessed' || c?.[k] === 'missing');
}

function reasonOf(err: unknown): string {
  if (err instanceof ImportError) return err.reason;
  return err instanceof Error ? err.message : String(err);
}

/** Extensions a report file may have: inside folders only these are imported (named files are always tried). */
const REPORT_EXTENSIONS = new Set(['.txt', '.text', '.md', '.htm', '.html', '.shtml', '.xhtml', '.pdf', '.docx', '.doc']);
/** A folder's own documentation (README.md, CHANGELOG.md …) is never a report, whatever its extension. */
const FOLDER_DOCS = /^(readme|changelog|changes|license|licence|contributing|authors|notice|todo)(\.[^.]*)?$/i;

export function isReportFileName(name: string): boolean {
  return REPORT_EXTENSIONS.has(path.extname(name).toLowerCase()) && !FOLDER_DOCS.test(name);
}

/**
 * Recursively lists the files under the given paths (sorted). Inside folders, hidden entries
 * are skipped and only files with a report extension (isReportFileName) are listed; a file
 * named explicitly is always listed.
 */
export async function expandPaths(paths: string[]): Promise<{ file: string; error?: string }[]> {
  const out: { file: string; error?: string }[] = [];
  const walk = async (p: string, top: boolean, known?: Dirent): Promise<void> => {
    // A folder's entries come typed from readdir: no stat per file (slow on some file systems);
    // named paths and symbolic links are stat'ed (links followed, as before).
    let s: Pick<Dirent, 'isDirectory' | 'isFile'>;
    if (known && !known.isSymbolicLink()) s = known;
    else {
      try {
        s = await stat(p);
      } catch {
        out.push({ file: p, error: '文件不存在或无法读取 (no such file)' });
        return;
      }
    }
    if (s.isDirectory()) {
      const entries = (await readdir(p, { withFileTypes: true })).filter((d) => !d.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const d of entries) await walk(path.join(p, d.name), false, d);
    } else if (s.isFile()) {
      if (top || isReportFileName(path.basename(p))) out.push({ file: p });
    } else if (top) out.push({ file: p, error: '不是普通文件 (not a regular file)' });
  };
  for (const p of paths) await walk(p, true);
  return out;
}

/** Text of a report for formats whose original is binary (PDF, DOCX). */
function reportText(r: Report): string {
  const lines = [r.title, ...r.preamble];
  for (const ch of r.chapters) lines.push('', ch.heading, ...ch.paragraphs);
  for (const t of Object.values(r.tables)) if (t) lines.push('', ...t.rawRows.map((row) => row.join('\t')));
  for (const g of r.genericTables) lines.push('', g.caption, ...g.rows.map((row) => row.join('\t')));
  return lines.join('\n');
}

class Service implements ArchiveService {
  private search$: Promise<SearchEngine> | null = null;
  /** The catalogue in library order, with the row list it was sorted from (see sortedCatalogue). */
  private listing: { source: CatalogueEntry[]; sorted: readonly CatalogueEntry[] } | null = null;
  /** Findings per report id, valid while the report's catalogue row is the same object. */
  private readonly findingsMemo = new Map<string, { entry: CatalogueEntry; findings: ReturnType<typeof findingsOf> }>();
  private sampleLoaded = false;
  private version = '0.0.0';

  constructor(
    readonly archive: Archive,
    private readonly opts: ArchiveServiceOptions,
  ) {}

  async init(wasEmpty: boolean): Promise<void> {
    this.version = await appVersion();
    if (this.opts.loadSample && wasEmpty) {
      // Only the report files: the folder also holds its README.md.
      const samples = (await readdir(SAMPLE_DIR).catch(() => [] as string[])).filter((f) => /\.(txt|html?)$/i.test(f)).sort();
      if (samples.length > 0) {
        const outcomes = await this.importPaths(samples.map((f) => path.join(SAMPLE_DIR, f)));
        this.sampleLoaded = outcomes.some((o) => o.status === 'imported');
      }
    }
    if (!this.opts.lazySearch) {
      void this.engine().catch(() => {});
      // The app lists the library first: have its order ready before the first request.
      setTimeout(() => this.sortedCatalogue(), 0);
    }
  }

  private engine(): Promise<SearchEngine> {
    this.search$ ??= SearchEngine.open(this.archive.dir, () => this.archive.list(), (id) => this.archive.readReport(id));
    return this.search$;
  }

  /** Keeps the search index in step with a write (only if it is open: it reconciles itself with the catalogue on open). */
  private async indexEffect(effect: WriteEffect): Promise<void> {
    if (!this.search$) return;
    const engine = await this.search$;
    for (const id of effect.removed) await engine.remove(id);
    for (const r of effect.written) await engine.add(r);
  }

  /** Picks up writes by other processes (the CLI while the app is open, or the other way round). */
  private async refresh(): Promise<void> {
    const diff = await this.archive.refresh();
    if (!diff || !this.search$) return;
    const written: Report[] = [];
    for (const id of [...diff.added, ...diff.changed]) {
      const r = await this.archive.readReport(id).catch(() => null);
      if (r) written.push(r);
    }
    await this.indexEffect({ written, removed: diff.removed });
  }

  notices(): string[] {
    return [...this.archive.notices];
  }

  async getStatus(): Promise<ArchiveStatus> {
    await this.refresh();
    return {
      archivePath: this.archive.dir,
      reports: this.archive.size,
      sampleLoaded: this.sampleLoaded,
      appVersion: this.version,
      host: this.opts.host,
    };
  }

  async listReports(query: ListQuery = {}): Promise<CatalogueEntry[]> {
    await this.refresh();
    const needle = query.body ? normalizeBody(query.body).toLowerCase() : '';
    const sorted = this.sortedCatalogue();
    // Filtering keeps the library order; a fresh array each call, so callers may sort or splice it.
    return sorted.filter(
      (e) =>
        (query.allVersions || e.latest) &&
        (query.year == null || e.year === query.year) &&
        (!needle || e.bodyNormalized.toLowerCase().includes(needle) || normalizeBody(e.body).toLowerCase().includes(needle)),
    );
  }

  /**
   * Every catalogue row in library order (year descending, body by Chinese collation, newest
   * version, id), sorted once and reused while the catalogue holds the same rows: the archive
   * replaces a row object whenever the row changes, so same objects in the same order = same list.
   */
  private sortedCatalogue(): readonly CatalogueEntry[] {
    const rows = this.archive.list();
    const memo = this.listing;
    if (memo && memo.source.length === rows.length && rows.every((e, i) => e === memo.source[i])) return memo.sorted;
    // Collate each distinct body name once (not once per comparison: 10,000 rows).
    const names = [...new Set(rows.map((e) => e.bodyNormalized))].sort(BODY_ORDER.compare);
    const rank = new Map<string, number>();
    names.forEach((n, i) => rank.set(n, i > 0 && BODY_ORDER.compare(names[i - 1], n) === 0 ? rank.get(names[i - 1])! : i));
    const sorted = [...rows].sort(
      (a, b) =>
        (b.year ?? -1) - (a.year ?? -1) ||
        rank.get(a.bodyNormalized)! - rank.get(b.bodyNormalized)! ||
        b.version - a.version ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    this.listing = { source: rows, sorted };
    return sorted;
  }

  async getReport(id: string): Promise<Report> {
    await this.refresh();
    if (!this.archive.entry(id)) throw new ArchiveError(`没有编号为 ${id} 的报告 (no report with id ${id})`);
    return this.archive.readReport(id);
  }

  async getSource(id: string): Promise<SourceText> {
    const report = await this.getReport(id);
    const { fileName, mediaType } = report.source;
    if (/pdf|word|officedocument|msword/i.test(mediaType)) return { fileName, mediaType, text: reportText(report) };
    const bytes = await this.archive.readSource(report);
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
    return { fileName, mediaType, text: decodeText(bytes, declared).text };
  }

  importFiles(files: ImportFile[]): Promise<ImportOutcome[]> {
    return this.importMany(
      files.map((f) => ({ name: f.name, read: async () => f.bytes })),
      undefined,
    );
  }

  async importPaths(paths: string[], onProgress?: ImportProgress): Promise<ImportOutcome[]> {
    const files = await expandPaths(paths);
    return this.importMany(
      files.map(({ file, error }) => ({
        name: file,
        read: async (): Promise<Uint8Array> => {
          if (error) throw new ImportError(file, error);
          // Refuse by size before reading a byte: a 300 MB file is never loaded.
          const handle = await open(file, 'r');
          try {
            const { size } = await handle.stat();
            if (size > MAX_IMPORT_BYTES) {
              throw new ImportError(file, `文件过大（${(size / 1048576).toFixed(0)} MB，上限 ${MAX_IMPORT_BYTES / 1048576} MB）(file too large)`);
            }
            return await handle.readFile();
          } finally {
            await handle.close();
          }
        },
      })),
      onProgress,
    );
  }

  private async importMany(files: { name: string; read: () => Promise<Uint8Array> }[], onProgress?: ImportProgress): Promise<ImportOutcome[]> {
    const outcomes: ImportOutcome[] = [];
    type Pending = { file: string; outcome?: ImportOutcome; doc?: ImportedDocument; bytes?: Uint8Array };
    let pending: Pending[] = [];
    let batchStarted = 0;
    // One batch is stored while the next is parsed: disk waits overlap with parsing.
    let storing: Promise<void> = Promise.resolve();
    let storeBusy = false;
    const flush = async (batch: Pending[]) => {
      const toStore = batch.filter((p) => p.doc);
      const inputs: NewReport[] = toStore.map((p) => ({ ...p.doc!, bytes: p.bytes!, fileName: path.basename(p.file) }));
      if (inputs.length) {
        const { results, effect } = await this.archive.addReports(inputs);
        results.forEach((res, i) => {
          const p = toStore[i];
          p.outcome =
            res.status === 'duplicate'
              ? { file: p.file, status: 'duplicate', id: res.entry.id, body: res.entry.body, year: res.entry.year }
              : {
                  file: p.file,
                  status: 'imported',
                  id: res.entry.id,
                  body: res.entry.body,
                  year: res.entry.year,
                  version: res.entry.version,
                  findings: res.entry.findings,
                  uncertain: uncertainOf(p.doc!),
                };
        });
        await this.indexEffect(effect);
      }
      for (const p of batch) {
        outcomes.push(p.outcome!);
        onProgress?.(outcomes.length, files.length, p.outcome!);
      }
    };
    // While the previous batch is still being stored (fsync latency), parsing goes on and the next
    // batch grows instead of waiting (up to MAX_BATCH_FILES): larger batches when the disk is slow.
    const handOver = async (last: boolean) => {
      if (storeBusy && !last && pending.length < MAX_BATCH_FILES) return;
      const batch = pending;
      pending = [];
      await storing;
      storeBusy = true;
      storing = flush(batch).finally(() => {
        storeBusy = false;
      });
      storing.catch(() => {}); // awaited below; avoids an unhandled rejection meanwhile
    };
    // Bulk imports parse in the worker pool (where a core is idle), several files ahead; results are taken in order.
    // In-thread, files are still read a few ahead, so that the parser does not sit idle while a read waits behind the store's fsyncs in the I/O threads.
    const pool = await poolForImport(files.length);
    const parse = pool ? (bytes: Uint8Array, name: string) => pool.parse(bytes, name) : parseInTurns();
    const ahead = pool ? PARSE_AHEAD : READ_AHEAD;
    const parseOne = async (f: (typeof files)[number]): Promise<Pending> => {
      try {
        const bytes = await f.read();
        const doc = await parse(bytes, path.basename(f.name));
        return { file: f.name, doc, bytes };
      } catch (err) {
        return { file: f.name, outcome: { file: f.name, status: 'failed', reason: reasonOf(err) } };
      }
    };
    const started: (Promise<Pending> | undefined)[] = [];
    for (let i = 0; i < files.length; i++) {
      if (pending.length === 0) batchStarted = Date.now();
      for (let j = started.length; j < Math.min(files.length, i + ahead); j++) started.push(parseOne(files[j]));
      const parsed = await started[i]!;
      started[i] = undefined; // the batch holds it now
      pending.push(parsed);
      if (pending.length >= BATCH_FILES || Date.now() - batchStarted >= BATCH_MS) await handOver(false);
    }
    await handOver(true);
    await storing;
    return outcomes;
  }

  async removeReports(ids: string[]): Promise<RemoveResult> {
    const { removed, token, effect } = await this.archive.removeReports(ids);
    await this.indexEffect(effect);
    return { removed, undoToken: token };
  }

  async undoRemove(undoToken: string): Promise<string[]> {
    const { restored, effect } = await this.archive.undoRemove(undoToken);
    await this.indexEffect(effect);
    return restored;
  }

  async editMetadata(id: string, edit: MetadataEdit): Promise<Report> {
    const body = edit.body?.trim();
    if (edit.body !== undefined && !body) throw new ArchiveError(`发布机关不能为空 (body must not be empty) — report ${id}`);
    if (edit.year !== undefined && !(Number.isInteger(edit.year) && edit.year >= 1990 && edit.year <= 2100)) {
      throw new ArchiveError(`年份 ${edit.year} 无效，应为 1990–2100 之间的整数 (invalid year) — report ${id}`);
    }
    const { report, effect } = await this.archive.updateReport(id, (r) => ({
      ...r,
      body: body ? { printed: body, normalized: normalizeBody(body) } : r.body,
      year: edit.year ?? r.year,
      metadataConfidence: { body: body ? 'user' : r.metadataConfidence.body, year: edit.year !== undefined ? 'user' : r.metadataConfidence.year },
    }));
    await this.indexEffect(effect);
    return report;
  }

  /** `key` is a finding key ("applications.balance:natural") or a rule id (dismisses all its findings). */
  async dismissFinding(id: string, key: string, reason: string): Promise<Report> {
    if (!reason.trim()) throw new ArchiveError(`忽略问题时必须说明理由 (a reason is required) — report ${id}`);
    const { report, effect } = await this.archive.updateReport(id, (r) => {
      const keys = this.matchKeys(r, key);
      const at = new Date().toISOString();
      const others = r.dismissals.filter((d) => !keys.includes(d.key));
      return { ...r, dismissals: [...others, ...keys.map((k) => ({ key: k, reason: reason.trim(), at }))] };
    });
    await this.indexEffect(effect);
    return report;
  }

  async undismissFinding(id: string, key: string): Promise<Report> {
    const { report, effect } = await this.archive.updateReport(id, (r) => {
      const keys = new Set([...r.dismissals.map((d) => d.key).filter((k) => k === key || k.startsWith(`${key}:`))]);
      if (keys.size === 0) throw new ArchiveError(`报告 ${id} 没有已忽略的问题 ${key} (no dismissed finding ${key})`);
      return { ...r, dismissals: r.dismissals.filter((d) => !keys.has(d.key)) };
    });
    await this.indexEffect(effect);
    return report;
  }

  private matchKeys(r: Report, key: string): string[] {
    const failing = r.evaluations.filter((e) => e.status === 'fail');
    const exact = failing.filter((e) => e.key === key).map((e) => e.key);
    if (exact.length) return exact;
    if ((RULE_IDS as readonly string[]).includes(key)) {
      const byRule = failing.filter((e) => e.rule === (key as RuleId)).map((e) => e.key);
      if (byRule.length) return byRule;
    }
    throw new ArchiveError(`报告 ${r.id} 没有键为 ${key} 的问题 (no finding ${key} in report ${r.id})`);
  }

  async listFindings(query: FindingQuery = {}): Promise<FindingRow[]> {
    const entries = (await this.listReports({})).filter((e) => e.findings > 0 || query.includeDismissed);
    const findings = await this.findingsOfEntries(entries);
    const rows: FindingRow[] = [];
    for (const [i, e] of entries.entries()) {
      for (const f of findings[i]) {
        if (f.dismissed && !query.includeDismissed) continue;
        if (query.rule && f.rule !== query.rule) continue;
        if (query.severity && f.severity !== query.severity) continue;
        rows.push({ ...f, reportId: e.id, body: e.body, year: e.year });
      }
    }
    return rows;
  }

  /**
   * The findings of each entry's report, from memory when the report is unchanged since it was
   * last read (a write gives its row a new object), else read from disk a few files at a time.
   */
  private async findingsOfEntries(entries: CatalogueEntry[]): Promise<ReturnType<typeof findingsOf>[]> {
    const out: ReturnType<typeof findingsOf>[] = new Array(entries.length);
    const missing: number[] = [];
    entries.forEach((e, i) => {
      const known = this.findingsMemo.get(e.id);
      if (known && known.entry === e) out[i] = known.findings;
      else missing.push(i);
    });
    await forEachLimited(missing, FINDINGS_READ_CONCURRENCY, async (i) => {
      const e = entries[i];
      const findings = findingsOf(await this.archive.readReport(e.id));
      this.findingsMemo.set(e.id, { entry: e, findings });
      out[i] = findings;
    });
    // Forget reports no longer in the catalogue.
    if (this.findingsMemo.size > this.archive.size) for (const id of this.findingsMemo.keys()) if (!this.archive.entry(id)) this.findingsMemo.delete(id);
    return out;
  }

  /** The running search of this client: a newer query aborts it (a keystroke supersedes the last). */
  private searchController: AbortController | null = null;

  async search(request: SearchRequest): Promise<SearchResponse> {
    this.searchController?.abort();
    const controller = new AbortController();
    this.searchController = controller;
    const superseded = (): SearchResponse => ({ total: 0, page: request.page ?? 0, pageSize: request.pageSize ?? 20, results: [], warnings: ['superseded'], index: 'ready', tookMs: 0 });
    try {
      await this.refresh();
      if (controller.signal.aborted) return superseded();
      return await (await this.engine()).search(request, { signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted && (err as Error).name === 'AbortError') return superseded();
      throw err;
    } finally {
      if (this.searchController === controller) this.searchController = null;
    }
  }

  async exportReport(request: ExportRequest): Promise<string> {
    const report = await this.getReport(request.id);
    return exportReport(report, { format: request.format, chapter: request.chapter, table: request.table });
  }

  async writeClipboard(payload: ClipboardPayload): Promise<boolean> {
    return this.opts.clipboard ? this.opts.clipboard(payload) : false;
  }

  async close(): Promise<void> {
    if (this.search$) await (await this.search$.catch(() => null))?.close();
    this.search$ = null;
  }
}

export async function openArchiveService(opts: ArchiveServiceOptions): Promise<ArchiveService> {
  const dir = path.resolve(opts.archiveDir);
  const wasEmpty = !(await stat(path.join(dir, 'catalogue.json')).catch(() => null)) && (await readdir(path.join(dir, 'reports')).catch(() => [])).length === 0;
  const archive = await Archive.open(dir, { crossYear: validateCrossYear, validate: validateReport });
  const service = new Service(archive, opts);
  await service.init(wasEmpty);
  return service;
}

export { ArchiveError, ImportError };
