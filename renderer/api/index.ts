/**
 * The renderer's way to the backend. getApi() returns the preload's IPC bridge in Electron
 * (window.nianbao) and otherwise an HTTP client to the browser host, authenticated with the
 * token from the URL fragment. getShell() returns the Electron shell bridge (menu commands,
 * main-process imports, native save dialog) or the browser fallback.
 */
import type { ArchiveApi } from '../../core/api.ts';
import type { ShellBridge } from '../../core/channels.ts';
import { createHttpApi } from './http.ts';
import { createBrowserShell } from './shell.ts';
import { takeHostToken } from './token.ts';
import { exportReportsZip as exportZipVia, type ReportsExportOptions, type ReportsExportOutcome, type ReportsZipRequest } from './reports-export.ts';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts: exactly ArchiveApi. */
    nianbao?: ArchiveApi;
    /** Exposed by electron/preload.ts: menu commands, main-process imports, save dialog. */
    nianbaoShell?: ShellBridge;
  }
}

let api: ArchiveApi | undefined;
let shell: ShellBridge | undefined;
/** The browser host's token, kept for requests outside the ArchiveApi client (the zip download). */
let hostToken: string | null = null;

/** 'electron' when running inside the desktop app, 'browser' against the browser host. */
export function hostKind(): 'electron' | 'browser' {
  return typeof window !== 'undefined' && window.nianbao ? 'electron' : 'browser';
}

export function getApi(): ArchiveApi {
  if (api) return api;
  if (typeof window !== 'undefined' && window.nianbao) {
    api = window.nianbao;
  } else {
    const token = takeHostToken();
    hostToken = token;
    // Without a token every call fails with a clear 401 message the UI can show.
    api = createHttpApi({ token: token ?? '' });
  }
  return api;
}

export function getShell(): ShellBridge {
  if (!shell) shell = typeof window !== 'undefined' && window.nianbaoShell ? window.nianbaoShell : createBrowserShell();
  return shell;
}

/** Many reports as one zip: saved through Electron's main process, or downloaded from the browser host (see reports-export.ts). */
export function exportReportsZip(request: ReportsZipRequest, options?: ReportsExportOptions): Promise<ReportsExportOutcome> {
  return exportZipVia(request, { shell: getShell(), token: () => hostToken ?? takeHostToken() }, options);
}

/** Tests: replace the api (e.g. with a fake) or reset the cache with undefined. */
export function setApiForTesting(next: ArchiveApi | undefined, nextShell?: ShellBridge): void {
  api = next;
  shell = nextShell;
}

export { ApiError, TOKEN_HEADER, createHttpApi } from './http.ts';
export { filesFromDataTransfer, filesFromInput, importPending, type PendingFile, type ImportProgress } from './drop.ts';
export type { MenuCommand, ShellBridge, ShellEvent } from '../../core/channels.ts';
export type { ReportsExportOptions, ReportsExportOutcome, ReportsExportProgress, ReportsZipRequest } from './reports-export.ts';
