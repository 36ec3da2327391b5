/**
 * ArchiveApi: the one interface through which every UI (Electron renderer, browser host,
 * tests) talks to the backend. Every argument and result is plain JSON-serialisable data
 * (Uint8Array is carried as base64 over HTTP). Implemented in core/service.ts; exposed by
 * electron/preload.ts (IPC) and core/host/ (HTTP on 127.0.0.1), both built from
 * core/channels.ts.
 */
import type { CatalogueEntry, Finding, Report } from './model.ts';
import type { ExportFormatId } from './export/formats.ts';
import type { ReportFormat, RuleId, TableId } from './spec.ts';
import type { BodyTimelineData } from './compare/timeline.ts';
import type { YearOverviewData } from './compare/overview.ts';
import type { ReportComparison } from './compare/side-by-side.ts';
import type { DuplicateSuggestion } from './common/body-duplicates.ts';

export type { BodyTimelineData, TimelineYear, TimelineVersion } from './compare/timeline.ts';
export type { YearOverviewData, OverviewColumns, OverviewRow, Outlier, ParentTotals } from './compare/overview.ts';
export type { ReportComparison, CellComparison, ReportRef } from './compare/side-by-side.ts';
export type { ChapterDiff, TextPart, Repetition } from './compare/text-diff.ts';
export type { RateValue } from './compare/figures.ts';
export type { DuplicateSuggestion } from './common/body-duplicates.ts';

export interface ListQuery {
  year?: number;
  /** Substring / fuzzy match on the body name. */
  body?: string;
  /** Include older versions of the same body+year (default: latest only). */
  allVersions?: boolean;
}

export interface ImportFile {
  name: string;
  /** The file's bytes. */
  bytes: Uint8Array;
}

export type ImportOutcome =
  | { file: string; status: 'imported'; id: string; body: string; year: number | null; version: number; findings: number; uncertain: string[] }
  | { file: string; status: 'duplicate'; id: string; body: string; year: number | null }
  | { file: string; status: 'failed'; reason: string };

export interface RemoveResult {
  removed: string[];
  /** Pass to undoRemove (or restoreFromTrash) to restore exactly these reports; valid while they are in the trash. */
  undoToken: string;
}

/** A removed report as the trash view lists it. */
export interface TrashedReport {
  id: string;
  body: string;
  year: number | null;
  title: string;
}

/** One removal (one click of 删除) in the trash. */
export interface TrashBatch {
  /** The removal's undo token. */
  token: string;
  removedAt: string;
  /** When it is deleted for good (ISO), by the trash retention setting. */
  expiresAt: string;
  reports: TrashedReport[];
}

export interface TrashListing {
  /** Newest removal first. */
  batches: TrashBatch[];
  retentionDays: number;
}

/** Whole removals by token and/or single reports by id. */
export interface TrashSelection {
  tokens?: string[];
  ids?: string[];
}

export interface RestoreResult {
  restored: string[];
  /** Already back in the archive (the same file imported again): dropped from the trash. */
  skipped: string[];
}

export interface TrashSettings {
  /** Removed reports stay restorable this many days (1–3650; default 30). */
  retentionDays: number;
}

export interface MetadataEdit {
  body?: string;
  year?: number;
}

export type ExportFormat = ExportFormatId;

export interface ExportRequest {
  id: string;
  format: ExportFormat;
  /** A chapter key (spec chapter id or extra-N); omitted = whole report. */
  chapter?: string;
  /** Only this statistical table. */
  table?: TableId;
}

export interface SearchRequest {
  query: string;
  page?: number;
  pageSize?: number;
  /** Snippets per result (default 3): a large number lists every hit of a report. */
  hitsPerResult?: number;
  /** Only this report (the reader or "show all hits" of one result). */
  reportId?: string;
}

export interface SearchHit {
  /** 'meta' | 'chapter:<key>:<paragraphIndex>' | 'table:<tableId>:<rowId>:<columnId>' | 'narrative:<tableId>:<sentenceIndex>' | 'finding:<key>' */
  where: string;
  snippet: string;
  /** [start, end) offsets into snippet of each match. */
  ranges: [number, number][];
  /** A figure filter's value summed from the row's printed columns because its 总计 was blank. */
  computed?: boolean;
}

export interface SearchResult {
  id: string;
  body: string;
  year: number | null;
  title: string;
  score: number;
  hitCount: number;
  hits: SearchHit[];
  /** An older version of a re-imported body+year (only with `version:all`). */
  olderVersion?: boolean;
}

export interface SearchResponse {
  total: number;
  page: number;
  pageSize: number;
  results: SearchResult[];
  /** Query parse errors, unknown filters …, shown to the user. */
  warnings: string[];
  /** 'ready' | 'building' (brute-force scan meanwhile). */
  index: 'ready' | 'building';
  tookMs: number;
}

export interface FindingQuery {
  rule?: RuleId;
  severity?: 'error' | 'warning';
  includeDismissed?: boolean;
}

export interface FindingRow extends Finding {
  reportId: string;
  body: string;
  year: number | null;
}

export interface ArchiveStatus {
  archivePath: string;
  reports: number;
  /** True when this run loaded the bundled sample archive into an empty archive. */
  sampleLoaded: boolean;
  appVersion: string;
  host: 'electron' | 'browser';
}

export interface SourceText {
  fileName: string;
  mediaType: string;
  /** Text of the original (decoded HTML source as text, never rendered). */
  text: string;
}

/** A body: its canonical id, the name shown, every name printed on its reports, its parent. */
export interface BodySummary {
  id: string;
  name: string;
  /** Names as printed on its reports. */
  names: string[];
  parent: string | null;
  /** Reports (latest version of each year). */
  reports: number;
  /** Every stored version, older ones included. */
  versions: number;
  years: number[];
}

export interface BodyChangeResult {
  /** 合并 沐阳县 → 沭阳县 */
  description: string;
  /** Reports moved to another body. */
  moved: string[];
}

export interface BodyTimeline extends BodyTimelineData {
  body: BodySummary;
}

export interface YearOverviewRequest {
  year: number;
  /** Only these bodies (ids or names). */
  bodies?: string[];
  /** Only this parent's subordinates (and the parent itself). */
  parent?: string;
}

export interface YearOverview extends YearOverviewData {
  year: number;
}

export const DATASET_FORMATS = ['csv', 'xlsx', 'jsonl'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** Which reports a dataset holds: everything, a year, a body, or a search query (any combination narrows). */
export interface DatasetSelection {
  all?: boolean;
  year?: number;
  body?: string;
  query?: string;
  /** Report ids picked in the library. */
  ids?: string[];
  /** Older versions too (default: latest only). */
  allVersions?: boolean;
}

export interface DatasetRequest extends DatasetSelection {
  format: DatasetFormat;
}

export interface DatasetFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  reports: number;
}

export interface ArchiveApi {
  /** Archive location, report count, whether the sample archive was just loaded. */
  getStatus(): Promise<ArchiveStatus>;
  /** Catalogue rows for the library, latest version per body+year unless allVersions. */
  listReports(query: ListQuery): Promise<CatalogueEntry[]>;
  /** The full stored report. Rejects with a clear message for an unknown id. */
  getReport(id: string): Promise<Report>;
  /**
   * Every stored version of this report's body+year (this one included), newest version first.
   * A report without a body or a year is its own only version. Rejects for an unknown id.
   */
  listVersions(id: string): Promise<CatalogueEntry[]>;
  /** The original imported file as text, for the "view source" panel. */
  getSource(id: string): Promise<SourceText>;
  /** Imports files given as bytes (file input, drag & drop). One outcome per file, never throws for a bad file. */
  importFiles(files: ImportFile[]): Promise<ImportOutcome[]>;
  /** Removes reports; returns a token that undoes exactly this removal. */
  removeReports(ids: string[]): Promise<RemoveResult>;
  /** Restores the reports removed under this token. */
  undoRemove(undoToken: string): Promise<string[]>;
  /** Removals in the trash (kept across restarts until emptied or past the retention), newest first. */
  listTrash(): Promise<TrashListing>;
  /** Restores whole removals and/or single reports from the trash in one write. */
  restoreFromTrash(selection: TrashSelection): Promise<RestoreResult>;
  /** Deletes removals from the trash for good (every one when tokens is null); returns the number of reports deleted. */
  emptyTrash(tokens: string[] | null): Promise<number>;
  /** How long the trash keeps removed reports. */
  getTrashSettings(): Promise<TrashSettings>;
  /** Changes the retention; removals already past the new retention are deleted at once. */
  setTrashSettings(settings: TrashSettings): Promise<TrashSettings>;
  /** Corrects body and/or year of a report; re-runs its validation and cross-year rules. */
  editMetadata(id: string, edit: MetadataEdit): Promise<Report>;
  /** Dismisses a finding (by its key) with a reason; kept with the report. */
  dismissFinding(id: string, key: string, reason: string): Promise<Report>;
  /** Takes a dismissal back. */
  undismissFinding(id: string, key: string): Promise<Report>;
  /** Archive-wide findings, filterable by rule and severity. */
  listFindings(query: FindingQuery): Promise<FindingRow[]>;
  /** Full-text + filter search (query language in README). */
  search(request: SearchRequest): Promise<SearchResponse>;
  /** A report, chapter or table rendered in an export format. */
  exportReport(request: ExportRequest): Promise<string>;
  /** Every body (canonical id, names as printed, parent, report count), by name. */
  listBodies(): Promise<BodySummary[]>;
  /** Likely duplicate bodies (same name after folding, one character apart, same pinyin). */
  suggestDuplicateBodies(): Promise<DuplicateSuggestion[]>;
  /** Merges body `from` into `into` (ids or names): every report of `from` moves, cross-year rules re-run. Undoable. */
  mergeBodies(from: string, into: string): Promise<BodyChangeResult>;
  /** Renames a body (a name that is another body's merges into it); cross-year rules re-run. Undoable. */
  renameBody(body: string, name: string): Promise<BodyChangeResult>;
  /** Sets (or with null clears to "none") the parent of a body. Undoable. */
  setBodyParent(body: string, parent: string | null): Promise<BodyChangeResult>;
  /** Undoes the latest merge, rename or parent change; null when there is nothing to undo. */
  undoBodyChange(): Promise<BodyChangeResult | null>;
  /** One body over its years: cells, key figures, year-on-year change, rates, cross-year findings, chapter 五 repetition. */
  bodyTimeline(body: string): Promise<BodyTimeline>;
  /** Two reports side by side: every canonical cell of both, and the chapters' text diff. */
  compareReports(a: string, b: string): Promise<ReportComparison>;
  /** Every body of a year (or a selection, or a parent's subordinates): figures, rates, parent totals, outliers. */
  yearOverview(request: YearOverviewRequest): Promise<YearOverview>;
  /** One row per report of a selection as CSV, XLSX or JSON Lines (Chinese header row, then the ids). */
  exportDataset(request: DatasetRequest): Promise<DatasetFile>;
}

export type { CatalogueEntry, Finding, Report, ReportFormat };
