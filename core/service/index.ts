/**
 * ArchiveApi over an archive folder, composed of one small feature per concern: import, library,
 * findings, search and export. Every UI and the CLI go through this.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveApi, ImportOutcome } from '../api.ts';
import { ImportError } from '../common/document.ts';
import { Archive, ArchiveError } from '../archive/index.ts';
import { ServiceContext, type ArchiveServiceOptions } from './context.ts';
import { ImportFeature, type ImportProgress } from './import.ts';
import { LibraryFeature, appVersion } from './library.ts';
import { FindingsFeature } from './findings.ts';
import { SearchFeature } from './search.ts';
import { ExportFeature } from './export.ts';
import { TrashFeature } from './trash.ts';
import { writeReportsZip, type ReportsZipOptions, type ReportsZipRequest } from './bulk-export.ts';
import { writeReportsZipFile } from './bulk-export-file.ts';
import type { Writable } from 'node:stream';
import { ARCHIVE_RULES } from './rules.ts';
import { killAtStepFromEnv } from './step-hook.ts';
import { SAMPLE_DIR, sampleFiles } from './sample.ts';
import { BodiesFeature } from './bodies.ts';
import { CompareFeature } from './compare.ts';
import { DatasetFeature } from './dataset.ts';
import { CellsCache } from './cells-cache.ts';
import { IdleGate } from './idle.ts';
import { readBodyRegistry } from '../archive/bodies-file.ts';
import { bodyIdOfName } from '../common/body-registry.ts';
import type { DatasetRequest } from '../api.ts';

export type { ArchiveServiceOptions } from './context.ts';
export type { ImportProgress } from './import.ts';
export { expandPaths, isReportFileName } from './import.ts';
export { SAMPLE_DIR } from './sample.ts';

export interface ArchiveService extends ArchiveApi {
  close(): Promise<void>;
  /** Imports files and folders (recursively, hidden entries skipped), in batches, one outcome per file. */
  importPaths(paths: string[], onProgress?: ImportProgress): Promise<ImportOutcome[]>;
  /** Things the user should be told about the archive (catalogue rebuilt, interrupted write undone). */
  notices(): string[];
  readonly archive: Archive;
  /** Writes a dataset export straight to a file (XLSX streamed); returns the number of reports. */
  exportDatasetToFile(request: DatasetRequest, file: string): Promise<number>;
  /** Streams the selected reports as one zip (one file per report) to `out`; progress per report, cancel by signal. */
  writeReportsZip(request: ReportsZipRequest, out: Writable, options?: ReportsZipOptions): Promise<number>;
  /** The same zip written to `file` (complete or not at all: a cancel or failure leaves no file). */
  writeReportsZipFile(request: ReportsZipRequest, file: string, options?: ReportsZipOptions): Promise<number>;
}

/** Warm-ups wait for this long without a request in flight… */
const WARM_UP_QUIET_MS = 150;
/** …but not longer than this after opening. */
const WARM_UP_MAX_WAIT_MS = 3000;

async function isEmptyArchive(dir: string): Promise<boolean> {
  const catalogue = await stat(path.join(dir, 'catalogue.json')).catch(() => null);
  return !catalogue && (await readdir(path.join(dir, 'reports')).catch(() => [])).length === 0;
}

export async function openArchiveService(opts: ArchiveServiceOptions): Promise<ArchiveService> {
  const dir = path.resolve(opts.archiveDir);
  const wasEmpty = await isEmptyArchive(dir);
  // Imports name their body after the user's merges and renames (bodies.json), read under the write lock.
  const bodyIds = async () => {
    const registry = await readBodyRegistry(dir);
    return (name: string) => bodyIdOfName(registry, name);
  };
  const archive = await Archive.open(dir, { ...ARCHIVE_RULES, bodyIds, onLockWait: opts.onLockWait, onStep: killAtStepFromEnv() });
  const ctx = new ServiceContext(archive, opts);
  let sampleLoaded = false;
  const importing = new ImportFeature(ctx);
  const library = new LibraryFeature(ctx, { version: await appVersion(), sampleLoaded: () => sampleLoaded });
  const findings = new FindingsFeature(ctx, () => library.listReports({}));
  const searching = new SearchFeature(ctx);
  const exporting = new ExportFeature((id) => library.getReport(id));
  const trash = new TrashFeature(ctx);
  const bodies = new BodiesFeature(ctx);
  const cellsCache = new CellsCache(archive);
  ctx.writeListeners.push({ written: (reports) => cellsCache.written(reports), settled: () => cellsCache.settle() });
  const comparing = new CompareFeature(ctx, bodies, cellsCache, (id) => library.getReport(id), () => library.sortedCatalogue());
  const dataset = new DatasetFeature(ctx, library, bodies, cellsCache);

  if (opts.loadSample && wasEmpty) {
    const samples = await sampleFiles();
    if (samples.length > 0) {
      const outcomes = await importing.importPaths(samples.map((f) => path.join(SAMPLE_DIR, f)));
      sampleLoaded = outcomes.some((o) => o.status === 'imported');
    }
  }
  const gate = new IdleGate();
  if (!opts.lazySearch) {
    // The library's order and the search index, ready before they are asked for — but after the
    // requests made meanwhile, so the first thing a user opens is not kept waiting by them.
    void gate
      .idle(WARM_UP_QUIET_MS, WARM_UP_MAX_WAIT_MS)
      .then(() => {
        library.sortedCatalogue();
        return ctx.engine();
      })
      .catch(() => {});
  }

  return gate.tracking<ArchiveService>({
    archive,
    notices: () => [...archive.notices],
    close: () => ctx.close(),
    getStatus: () => library.getStatus(),
    listReports: (query) => library.listReports(query),
    getReport: (id) => library.getReport(id),
    getSource: (id) => library.getSource(id),
    listVersions: (id) => library.listVersions(id),
    editMetadata: (id, edit) => library.editMetadata(id, edit),
    removeReports: (ids) => library.removeReports(ids),
    undoRemove: (token) => library.undoRemove(token),
    listTrash: () => trash.listTrash(),
    restoreFromTrash: (selection) => trash.restoreFromTrash(selection),
    emptyTrash: (tokens) => trash.emptyTrash(tokens),
    getTrashSettings: () => trash.getTrashSettings(),
    setTrashSettings: (settings) => trash.setTrashSettings(settings),
    importFiles: (files) => importing.importFiles(files),
    importPaths: (paths, onProgress) => importing.importPaths(paths, onProgress),
    dismissFinding: (id, key, reason) => findings.dismissFinding(id, key, reason),
    undismissFinding: (id, key) => findings.undismissFinding(id, key),
    listFindings: (query) => findings.listFindings(query),
    search: (request) => searching.search(request),
    exportReport: (request) => exporting.exportReport(request),
    listBodies: () => bodies.listBodies(),
    suggestDuplicateBodies: () => bodies.suggestDuplicates(),
    mergeBodies: (from, into) => bodies.merge(from, into),
    renameBody: (body, name) => bodies.rename(body, name),
    setBodyParent: (body, parent) => bodies.setParent(body, parent),
    undoBodyChange: () => bodies.undo(),
    bodyTimeline: (body) => comparing.bodyTimeline(body),
    compareReports: (a, b) => comparing.compareReports(a, b),
    yearOverview: (request) => comparing.yearOverview(request),
    exportDataset: (request) => dataset.exportDataset(request),
    exportDatasetToFile: (request, file) => dataset.exportDatasetToFile(request, file),
    writeReportsZip: async (request, out, options) => {
      await ctx.refresh();
      return writeReportsZip(request, archive, out, options);
    },
    writeReportsZipFile: async (request, file, options) => {
      await ctx.refresh();
      return writeReportsZipFile((r, out, o) => writeReportsZip(r, archive, out, o), request, file, options);
    },
  });
}

export { ArchiveError, ImportError };
