/**
 * Importing: files given as bytes (the app) or as paths (the CLI, drag and drop), folders walked
 * recursively, parsed ahead in the worker pool (every file, under its memory and time limits) and
 * stored in batches.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import type { ImportFile, ImportOutcome } from '../api.ts';
import { ImportError, MAX_IMPORT_BYTES } from '../common/document.ts';
import type { ImportedDocument } from '../ingest/index.ts';
import { importPool } from '../ingest/pool.ts';
import type { NewReport } from '../archive/index.ts';
import { describeFsError } from '../archive/fs-errors.ts';
import type { ServiceContext } from './context.ts';

export type ImportProgress = (done: number, total: number, outcome: ImportOutcome) => void;

/** Parsed files are stored in batches: fewer lock round-trips, and an outcome is reported only once stored. */
const BATCH_FILES = 48;
const BATCH_MS = 500;
/** A batch grows up to this while the previous one is still being stored (bounded: parsed files hold memory). */
const MAX_BATCH_FILES = 2 * BATCH_FILES;
/** Files parsed ahead with the pool: the workers keep parsing while a batch is stored (bounded: parsed files hold memory). */
const PARSE_AHEAD = 32;
function uncertainOf(doc: ImportedDocument): string[] {
  const c = doc.parsed.metadataConfidence;
  return (['body', 'year'] as const).filter((k) => c?.[k] === 'guessed' || c?.[k] === 'missing');
}

function reasonOf(err: unknown, file?: string): string {
  if (err instanceof ImportError) return err.reason;
  return describeFsError(err, file);
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
  // Folders and files by real path, each walked or listed once: a symbolic link to a folder
  // above it (or two links to each other) would otherwise be walked forever, and a linked file
  // read again for every link.
  const seen = new Set<string>();
  const firstVisit = (real: string): boolean => {
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  /** `realParent` is the real path of the folder being walked: a plain entry's real path needs no system call. */
  const walk = async (p: string, top: boolean, known?: Dirent, realParent?: string): Promise<void> => {
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
    const plain = known && !known.isSymbolicLink() && realParent !== undefined;
    const real = plain ? path.join(realParent, known.name) : await realpath(p).catch(() => path.resolve(p));
    if (s.isDirectory()) {
      if (!firstVisit(real)) return;
      const entries = (await readdir(p, { withFileTypes: true })).filter((d) => !d.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const d of entries) await walk(path.join(p, d.name), false, d, real);
    } else if (s.isFile()) {
      if ((top || isReportFileName(path.basename(p))) && firstVisit(real)) out.push({ file: p });
    } else if (top) out.push({ file: p, error: '不是普通文件 (not a regular file)' });
  };
  for (const p of paths) await walk(p, true);
  return out;
}

export class ImportFeature {
  constructor(private readonly ctx: ServiceContext) {}

  importFiles(files: ImportFile[]): Promise<ImportOutcome[]> {
    return this.importMany(
      files.map((f) => ({ name: f.name, read: async () => f.bytes })),
      undefined,
    );
  }

  async importPaths(paths: string[], onProgress?: ImportProgress): Promise<ImportOutcome[]> {
    // The parse worker starts (~0.2–0.4 s) while the folders are walked and the first file is read.
    if (paths.length) void importPool().warm();
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
    // After a failed store (disk full, lock held too long) the rest is not stored: every file still gets its own outcome.
    let storeFailed: string | null = null;
    const flush = async (batch: Pending[]) => {
      const toStore = batch.filter((p) => p.doc);
      const inputs: NewReport[] = toStore.map((p) => ({ ...p.doc!, bytes: p.bytes!, fileName: path.basename(p.file) }));
      if (inputs.length && storeFailed) {
        for (const p of toStore) p.outcome = { file: p.file, status: 'failed', reason: `未导入：之前的写入已失败（${storeFailed}）(not imported: an earlier write failed)` };
      } else if (inputs.length) {
        let stored: Awaited<ReturnType<typeof this.ctx.archive.addReports>>;
        try {
          stored = await this.ctx.archive.addReports(inputs);
        } catch (err) {
          storeFailed = reasonOf(err);
          for (const p of toStore) p.outcome = { file: p.file, status: 'failed', reason: storeFailed };
          stored = { results: [], effect: { written: [], removed: [] } };
        }
        const { results, effect } = stored;
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
        await this.ctx.indexEffect(effect);
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
    // Every file is parsed in the worker pool (an untrusted file never reaches this thread's heap),
    // several files ahead; results are taken in order.
    const pool = importPool();
    const parse = (bytes: Uint8Array, name: string) => pool.parse(bytes, name);
    const ahead = PARSE_AHEAD;
    const parseOne = async (f: (typeof files)[number]): Promise<Pending> => {
      try {
        const bytes = await f.read();
        const doc = await parse(bytes, path.basename(f.name));
        return { file: f.name, doc, bytes };
      } catch (err) {
        return { file: f.name, outcome: { file: f.name, status: 'failed', reason: reasonOf(err, f.name) } };
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

}
