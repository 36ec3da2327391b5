/**
 * ArchiveApi: the one interface through which every UI (Electron renderer, browser host,
 * tests) talks to the backend. Every argument and result is plain JSON-serialisable data
 * (Uint8Array is carried as base64 over HTTP). Implemented in core/service.ts; exposed by
 * electron/preload.ts (IPC) and core/host/ (HTTP on 127.0.0.1), both built from
 * core/channels.ts.
 */
import type { CatalogueEntry, Finding, Report } from './model.ts';
import type { ReportFormat, RuleId, TableId } from './spec.ts';

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
  /** Pass to undoRemove to restore exactly these reports. Valid until the app closes. */
  undoToken: string;
}

export interface MetadataEdit {
  body?: string;
  year?: number;
}

export type ExportFormat = 'text' | 'html' | 'tsv' | 'markdown' | 'json';

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
}

export interface SearchHit {
  /** 'meta' | 'chapter:<key>:<paragraphIndex>' | 'table:<tableId>:<rowId>:<columnId>' | 'narrative:<tableId>:<sentenceIndex>' | 'finding:<key>' */
  where: string;
  snippet: string;
  /** [start, end) offsets into snippet of each match. */
  ranges: [number, number][];
}

export interface SearchResult {
  id: string;
  body: string;
  year: number | null;
  title: string;
  score: number;
  hitCount: number;
  hits: SearchHit[];
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

export interface ClipboardPayload {
  text: string;
  html?: string;
}

export interface ArchiveApi {
  /** Archive location, report count, whether the sample archive was just loaded. */
  getStatus(): Promise<ArchiveStatus>;
  /** Catalogue rows for the library, latest version per body+year unless allVersions. */
  listReports(query: ListQuery): Promise<CatalogueEntry[]>;
  /** The full stored report. Rejects with a clear message for an unknown id. */
  getReport(id: string): Promise<Report>;
  /** The original imported file as text, for the "view source" panel. */
  getSource(id: string): Promise<SourceText>;
  /** Imports files given as bytes (file input, drag & drop). One outcome per file, never throws for a bad file. */
  importFiles(files: ImportFile[]): Promise<ImportOutcome[]>;
  /** Removes reports; returns a token that undoes exactly this removal. */
  removeReports(ids: string[]): Promise<RemoveResult>;
  /** Restores the reports removed under this token. */
  undoRemove(undoToken: string): Promise<string[]>;
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
  /**
   * Writes text/plain and text/html to the system clipboard. Returns false where the host
   * cannot (browser host): the renderer then uses navigator.clipboard itself.
   */
  writeClipboard(payload: ClipboardPayload): Promise<boolean>;
}

export type { CatalogueEntry, Finding, Report, ReportFormat };
