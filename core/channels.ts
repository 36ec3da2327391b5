/**
 * The channel table: for every ArchiveApi method, its IPC channel (Electron), its HTTP route
 * (browser host) and the zod schema its arguments must pass before the service sees them.
 * Electron's ipcMain handlers, the preload bridge, the browser host and the renderer's HTTP
 * client are all built from this one table; `satisfies` makes a new ArchiveApi method without
 * an entry here a type error, and test/contract checks the four stay in step.
 *
 * Also the small Electron-only shell bridge (menu commands, import progress pushed from the
 * main process, "save as" dialog) that sits beside ArchiveApi — see ShellBridge below.
 *
 * Pure module (zod only): the renderer imports it too.
 */
import { z } from 'zod';
import { DATASET_FORMATS, type ArchiveApi } from './api.ts';
import { RULE_IDS, TABLE_IDS } from './spec.ts';
import { EXPORT_FORMATS } from './export/formats.ts';

// ---- limits -------------------------------------------------------------------------------

export const LIMITS = {
  /** Largest single imported file (bytes); the importer's own limit (core/import MAX_IMPORT_BYTES). */
  fileBytes: 50 * 1024 * 1024,
  /** Largest total of one importFiles call; the renderer batches bigger drops/folders. */
  importBatchBytes: 192 * 1024 * 1024,
  /** Most files in one importFiles call. */
  importBatchFiles: 500,
  /** Most ids in one removeReports call. */
  removeIds: 20_000,
  fileName: 512,
  query: 1_000,
  bodyName: 200,
  reason: 2_000,
  clipboardChars: 32 * 1024 * 1024,
  /** HTTP body limit for every method but importFiles (JSON, before validation). */
  smallBodyBytes: 8 * 1024 * 1024,
} as const;

/** HTTP body limit for importFiles: base64 grows bytes by 4/3, plus JSON framing. */
const IMPORT_BODY_BYTES = Math.ceil((LIMITS.importBatchBytes * 4) / 3) + 1024 * 1024;

// ---- argument schemas ---------------------------------------------------------------------

/** Report ids and undo tokens: short, URL- and file-name-safe. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const id = z
  .string()
  .regex(ID_PATTERN, 'id must be 1–128 characters of A–Z a–z 0–9 _ . - (not starting with . or -)')
  .refine((s) => !s.includes('..'), 'id must not contain ".."');

/** Finding keys: rule id + scope, e.g. "applications.balance:natural". */
const findingKey = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9_.:+/-]+$/, 'finding key may contain only A–Z a–z 0–9 _ . : + / -');

/** Free text typed by a user: bounded, no control characters except tab/newline. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const text = (max: number) =>
  z
    .string()
    .max(max, `text longer than ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'text must not contain control characters');

const year = z.number().int().min(1900).max(2200);

const fileName = z
  .string()
  .min(1, 'file name is empty')
  .max(LIMITS.fileName)
  .refine((s) => !CONTROL.test(s), 'file name must not contain control characters');

const bytes = z
  .instanceof(Uint8Array, { message: 'bytes must be binary data (Uint8Array)' })
  .refine((b) => b.byteLength <= LIMITS.fileBytes, `file larger than ${LIMITS.fileBytes / 1024 / 1024} MB`);

const importFile = z.strictObject({ name: fileName, bytes });

const importFiles = z
  .array(importFile)
  .min(1, 'no files to import')
  .max(LIMITS.importBatchFiles, `more than ${LIMITS.importBatchFiles} files in one call`)
  .refine(
    (files) => files.reduce((sum, f) => sum + f.bytes.byteLength, 0) <= LIMITS.importBatchBytes,
    `files larger than ${LIMITS.importBatchBytes / 1024 / 1024} MB in one call`,
  );

const listQuery = z.strictObject({
  year: year.optional(),
  body: text(LIMITS.bodyName).optional(),
  allVersions: z.boolean().optional(),
});

const metadataEdit = z.strictObject({
  body: text(LIMITS.bodyName).min(1, 'body is empty').optional(),
  year: year.optional(),
});

const exportRequest = z.strictObject({
  id,
  format: z.enum(EXPORT_FORMATS),
  chapter: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'chapter must be a chapter key such as "applications" or "extra-1"')
    .optional(),
  table: z.enum(TABLE_IDS).optional(),
});

const searchRequest = z.strictObject({
  query: text(LIMITS.query),
  page: z.number().int().min(0).max(100_000).optional(),
  pageSize: z.number().int().min(1).max(500).optional(),
  hitsPerResult: z.number().int().min(1).max(10_000).optional(),
  reportId: id.optional(),
});

const findingQuery = z.strictObject({
  rule: z.enum(RULE_IDS).optional(),
  severity: z.enum(['error', 'warning']).optional(),
  includeDismissed: z.boolean().optional(),
});

/** A body by canonical id or name as printed. */
const bodyRef = text(LIMITS.bodyName).min(1, 'body is empty');

const datasetRequest = z.strictObject({
  format: z.enum(DATASET_FORMATS),
  all: z.boolean().optional(),
  year: year.optional(),
  body: bodyRef.optional(),
  query: text(LIMITS.query).optional(),
  ids: z.array(id).max(LIMITS.removeIds).optional(),
  allVersions: z.boolean().optional(),
});

const trashSelection = z
  .strictObject({ tokens: z.array(id).max(LIMITS.removeIds).optional(), ids: z.array(id).max(LIMITS.removeIds).optional() })
  .refine((s) => (s.tokens?.length ?? 0) + (s.ids?.length ?? 0) > 0, 'name at least one removal (tokens) or report (ids)');

const yearOverviewRequest = z.strictObject({
  year,
  bodies: z.array(bodyRef).max(20_000).optional(),
  parent: bodyRef.optional(),
});

// ---- the table ----------------------------------------------------------------------------

export type MethodName = keyof ArchiveApi;

export interface ChannelSpec<K extends MethodName> {
  /** ipcMain.handle / ipcRenderer.invoke channel. */
  channel: `archive:${K}`;
  /** POST route on the browser host; body {"args": [...]}, response {"result": ...}. */
  route: `/api/${K}`;
  /** Validates the argument list (a tuple) exactly as the method declares it. */
  args: z.ZodType<Parameters<ArchiveApi[K]>, unknown>;
  /** Largest accepted HTTP request body. */
  maxBodyBytes: number;
}

const entry = <K extends MethodName>(
  name: K,
  args: z.ZodType<Parameters<ArchiveApi[K]>, unknown>,
  maxBodyBytes: number = LIMITS.smallBodyBytes,
): ChannelSpec<K> => ({ channel: `archive:${name}`, route: `/api/${name}`, args, maxBodyBytes });

export const CHANNELS = {
  getStatus: entry('getStatus', z.tuple([])),
  listReports: entry('listReports', z.tuple([listQuery])),
  getReport: entry('getReport', z.tuple([id])),
  listVersions: entry('listVersions', z.tuple([id])),
  getSource: entry('getSource', z.tuple([id])),
  importFiles: entry('importFiles', z.tuple([importFiles]), IMPORT_BODY_BYTES),
  removeReports: entry('removeReports', z.tuple([z.array(id).min(1).max(LIMITS.removeIds)])),
  undoRemove: entry('undoRemove', z.tuple([id])),
  listTrash: entry('listTrash', z.tuple([])),
  restoreFromTrash: entry('restoreFromTrash', z.tuple([trashSelection])),
  emptyTrash: entry('emptyTrash', z.tuple([z.array(id).min(1).max(LIMITS.removeIds).nullable()])),
  getTrashSettings: entry('getTrashSettings', z.tuple([])),
  setTrashSettings: entry('setTrashSettings', z.tuple([z.strictObject({ retentionDays: z.number().int().min(1).max(3650) })])),
  editMetadata: entry('editMetadata', z.tuple([id, metadataEdit])),
  dismissFinding: entry('dismissFinding', z.tuple([id, findingKey, text(LIMITS.reason).min(1, 'a reason is required')])),
  undismissFinding: entry('undismissFinding', z.tuple([id, findingKey])),
  listFindings: entry('listFindings', z.tuple([findingQuery])),
  search: entry('search', z.tuple([searchRequest])),
  exportReport: entry('exportReport', z.tuple([exportRequest])),
  listBodies: entry('listBodies', z.tuple([])),
  suggestDuplicateBodies: entry('suggestDuplicateBodies', z.tuple([])),
  mergeBodies: entry('mergeBodies', z.tuple([bodyRef, bodyRef])),
  renameBody: entry('renameBody', z.tuple([bodyRef, bodyRef])),
  setBodyParent: entry('setBodyParent', z.tuple([bodyRef, bodyRef.nullable()])),
  undoBodyChange: entry('undoBodyChange', z.tuple([])),
  bodyTimeline: entry('bodyTimeline', z.tuple([bodyRef])),
  compareReports: entry('compareReports', z.tuple([id, id])),
  yearOverview: entry('yearOverview', z.tuple([yearOverviewRequest])),
  exportDataset: entry('exportDataset', z.tuple([datasetRequest])),
} as const satisfies { [K in MethodName]: ChannelSpec<K> };

/** Every ArchiveApi method, in table order. */
export const METHOD_NAMES = Object.keys(CHANNELS) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(CHANNELS, name);
}

export type ArgsCheck<K extends MethodName> =
  | { ok: true; args: Parameters<ArchiveApi[K]> }
  | { ok: false; message: string };

/** Validates an argument list for a method; the message names the method and each bad path. */
export function checkArgs<K extends MethodName>(name: K, args: unknown): ArgsCheck<K> {
  if (!Array.isArray(args)) return { ok: false, message: `${name}: args must be an array` };
  const schema: z.ZodType<unknown> = CHANNELS[name].args;
  const parsed = schema.safeParse(args);
  if (parsed.success) return { ok: true, args: parsed.data as Parameters<ArchiveApi[K]> };
  const problems = parsed.error.issues.map((i) => {
    const where = i.path.length ? `args[${i.path.map(String).join('].')}${i.path.length > 1 ? '' : ']'}` : 'args';
    return `${where}: ${i.message}`;
  });
  return { ok: false, message: `${name}: invalid arguments — ${problems.join('; ')}` };
}

// ---- the shell bridge (Electron only) -----------------------------------------------------
//
// Why a second bridge beside ArchiveApi: the menu, native dialogs and imports started by the
// main process (Ctrl+O dialog, files given to a second launch) originate in the main process,
// so they need a push from main to renderer, which ArchiveApi (request/response) cannot carry.
// Kept tiny and typed; ArchiveApi stays exactly the archive interface. In the browser host the
// renderer gets a fallback ShellBridge (keyboard shortcuts handled in the page, downloads,
// navigator.clipboard). The clipboard is a shell matter, not an archive one: the page builds the
// payload from the report it holds and only the writing needs the host.

// ---- many reports as one zip (Library "导出所选") ---------------------------------------
//
// One streamed export instead of one request per report: the browser host answers a POST to
// REPORTS_ZIP_ROUTE with the zip (its report count in REPORTS_COUNT_HEADER, so the page can show
// "N / M"); in Electron, main asks for the path in its own save dialog (the page never sends a
// path) and the service worker writes the zip there, progress pushed as 'exportProgress' events.

export const REPORTS_ZIP_ROUTE = '/download/reports';
export const REPORTS_COUNT_HEADER = 'X-Nianbao-Reports';

export const reportsZipRequestSchema = z.strictObject({
  ids: z.array(id).min(1, 'no reports selected').max(LIMITS.removeIds),
  format: z.enum(EXPORT_FORMATS),
});
export type ReportsZipRequest = z.infer<typeof reportsZipRequestSchema>;

/** `nianbao-2011-markdown.zip`: the suggested name of a zip of `count` reports. */
export const reportsZipFileName = (count: number, format: string) => `nianbao-${count}-${format}.zip`;

/** What an export of many reports ended with: saved (the file's name, no folder) or cancelled by the user. */
export type ReportsExportOutcome = { status: 'saved'; fileName: string } | { status: 'cancelled' };

export const MENU_COMMANDS = ['search', 'back', 'export', 'findings', 'library', 'exportPdf'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type ShellEvent =
  | { type: 'menu'; command: MenuCommand }
  /** The main process started importing files chosen in its dialog or given on the command line. */
  | { type: 'importStarted'; total: number }
  | { type: 'importProgress'; done: number; total: number; file: string }
  | { type: 'importFinished'; outcomes: import('./api.ts').ImportOutcome[] }
  /** Reports written so far by the running exportReports (Electron). */
  | { type: 'exportProgress'; done: number; total: number };

export interface SaveFileRequest {
  /** Suggested file name, e.g. "伊春市-2022.md". */
  suggestedName: string;
  text: string;
  /** A binary file (an XLSX dataset): written instead of `text` when given. */
  bytes?: Uint8Array;
}

/** What one copy puts on the system clipboard: text/plain, and text/html when there is a rich form. */
export interface ClipboardPayload {
  text: string;
  html?: string;
}

export interface ShellBridge {
  /** Subscribes to menu commands and main-process imports; returns the unsubscribe function. */
  onShellEvent(listener: (event: ShellEvent) => void): () => void;
  /** Shows a native "save as" dialog and writes the text; false when the user cancelled. */
  saveTextFile(request: SaveFileRequest): Promise<boolean>;
  /** Writes text/plain and text/html together; false when the clipboard refused. */
  writeClipboard(payload: ClipboardPayload): Promise<boolean>;
  /**
   * Electron: asks where to save, then writes the selected reports as one zip there (progress
   * as 'exportProgress' events). Absent in the browser host, which downloads the zip instead.
   */
  exportReports?(request: ReportsZipRequest): Promise<ReportsExportOutcome>;
  /** Electron: stops the running exportReports (it then resolves 'cancelled', no file left). */
  cancelExport?(): Promise<void>;
  /**
   * Electron: asks where to save (main's dialog; the page sends only a suggested name), then
   * prints the page to that PDF with page numbers. Absent in the browser host: window.print().
   */
  printToPdf?(request: PrintPdfRequest): Promise<PrintPdfOutcome>;
}

export interface PrintPdfRequest {
  /** Suggested file name, e.g. "伊春市-2022.pdf". */
  suggestedName: string;
}
/** What a PDF export ended with: saved (the file's name, no folder) or cancelled by the user. */
export type PrintPdfOutcome = { status: 'saved'; fileName: string } | { status: 'cancelled' };

/** One-way main → renderer channel carrying ShellEvent. */
export const SHELL_EVENT_CHANNEL = 'shell:event';
/** renderer → main invoke channel for saveTextFile. */
export const SHELL_SAVE_CHANNEL = 'shell:saveTextFile';
/** renderer → main invoke channel for writeClipboard. */
export const SHELL_CLIPBOARD_CHANNEL = 'shell:writeClipboard';
/** renderer → main invoke channels for exportReports and cancelExport. */
export const SHELL_EXPORT_REPORTS_CHANNEL = 'shell:exportReports';
export const SHELL_CANCEL_EXPORT_CHANNEL = 'shell:cancelExport';
/** renderer → main invoke channel for printToPdf. */
export const SHELL_PRINT_PDF_CHANNEL = 'shell:printToPdf';

export const clipboardPayloadSchema = z.strictObject({
  text: z.string().max(LIMITS.clipboardChars, `text longer than ${LIMITS.clipboardChars} characters`),
  html: z.string().max(LIMITS.clipboardChars, `html longer than ${LIMITS.clipboardChars} characters`).optional(),
});

export const saveFileRequestSchema = z.strictObject({
  suggestedName: fileName.refine((s) => !/[\\/]/.test(s), 'suggested name must not contain a path separator'),
  text: z.string().max(LIMITS.clipboardChars * 2),
  bytes: z
    .instanceof(Uint8Array)
    .refine((b) => b.byteLength <= LIMITS.clipboardChars * 8, `bytes longer than ${LIMITS.clipboardChars * 8}`)
    .optional(),
});

export const printPdfRequestSchema = z.strictObject({
  suggestedName: fileName.refine((s) => !/[\\/]/.test(s), 'suggested name must not contain a path separator'),
});

const outcomeSchema = z.union([
  z.object({ file: z.string(), status: z.literal('imported'), id: z.string(), body: z.string(), year: z.number().nullable(), version: z.number(), findings: z.number(), uncertain: z.array(z.string()) }),
  z.object({ file: z.string(), status: z.literal('duplicate'), id: z.string(), body: z.string(), year: z.number().nullable() }),
  z.object({ file: z.string(), status: z.literal('failed'), reason: z.string() }),
]);

/** The preload checks pushed events too, so the page only ever sees well-formed events. */
export const shellEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('menu'), command: z.enum(MENU_COMMANDS) }),
  z.strictObject({ type: z.literal('importStarted'), total: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('importProgress'), done: z.number().int().min(0), total: z.number().int().min(0), file: z.string() }),
  z.strictObject({ type: z.literal('importFinished'), outcomes: z.array(outcomeSchema) }),
  z.strictObject({ type: z.literal('exportProgress'), done: z.number().int().min(0), total: z.number().int().min(0) }),
]);
