/**
 * ipcMain handlers for ArchiveApi, one per channel of core/channels.ts: the sender must be our
 * app:// main frame, the arguments must pass the channel's schema, then the service is called.
 * Plus the shell bridge's "save as", clipboard and many-reports-as-one-zip handlers.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ArchiveApi } from '../core/api.ts';
import path from 'node:path';
import {
  CHANNELS,
  METHOD_NAMES,
  SHELL_CANCEL_EXPORT_CHANNEL,
  SHELL_CLIPBOARD_CHANNEL,
  SHELL_EXPORT_REPORTS_CHANNEL,
  SHELL_SAVE_CHANNEL,
  checkArgs,
  clipboardPayloadSchema,
  reportsZipFileName,
  reportsZipRequestSchema,
  saveFileRequestSchema,
  type ClipboardPayload,
  type MethodName,
  type ReportsExportOutcome,
  type ReportsZipRequest,
  type SaveFileRequest,
  type ShellEvent,
} from '../core/channels.ts';
import { isAppUrl } from './protocol.ts';

type HandleOnly = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** Only the top frame of a page loaded from app:// may call the archive. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url);
}

export class IpcRefused extends Error {
  override name = 'IpcRefused';
}

export function archiveHandler(api: ArchiveApi, name: MethodName, trusted = isTrustedSender) {
  return async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> => {
    if (!trusted(event)) throw new IpcRefused(`${name}: refused, the caller is not the app's page`);
    const checked = checkArgs(name, args);
    if (!checked.ok) throw new IpcRefused(checked.message);
    const method = api[name] as (...a: unknown[]) => Promise<unknown>;
    return method.apply(api, checked.args);
  };
}

/** Registers one handler per ArchiveApi method; returns a function removing them all. */
export function registerArchiveHandlers(ipcMain: HandleOnly, api: ArchiveApi, trusted = isTrustedSender): () => void {
  for (const name of METHOD_NAMES) ipcMain.handle(CHANNELS[name].channel, archiveHandler(api, name, trusted));
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(CHANNELS[name].channel);
  };
}

export interface SaveDeps {
  /** Shows the save dialog; the chosen path or null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  writeFile(file: string, data: string | Uint8Array): Promise<void>;
  /** Writes text/plain (+ text/html) to the system clipboard. */
  writeClipboard(payload: ClipboardPayload): Promise<void>;
  /** Writes the reports as one zip to `file` (the archive service); without it exportReports is not offered. */
  writeReportsZip?(request: ReportsZipRequest, file: string, options: { onProgress(done: number, total: number): void; signal: AbortSignal }): Promise<number>;
  /** Pushes a ShellEvent to the page (the export's progress). */
  sendEvent?(event: ShellEvent): void;
}

export const EXPORT_RUNNING_MESSAGE = '已有一个导出正在进行，请等它完成或取消（an export is already running）';

const issuesOf = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');

export function registerShellHandlers(ipcMain: HandleOnly, deps: SaveDeps, trusted = isTrustedSender): () => void {
  ipcMain.handle(SHELL_SAVE_CHANNEL, async (event, request: unknown) => {
    if (!trusted(event)) throw new IpcRefused('saveTextFile: refused, the caller is not the app\'s page');
    const parsed = saveFileRequestSchema.safeParse(request);
    if (!parsed.success) throw new IpcRefused(`saveTextFile: invalid arguments — ${issuesOf(parsed.error)}`);
    const { suggestedName, text, bytes }: SaveFileRequest = parsed.data;
    const file = await deps.chooseSavePath(suggestedName);
    if (!file) return false;
    await deps.writeFile(file, bytes ?? text);
    return true;
  });
  ipcMain.handle(SHELL_CLIPBOARD_CHANNEL, async (event, payload: unknown) => {
    if (!trusted(event)) throw new IpcRefused('writeClipboard: refused, the caller is not the app\'s page');
    const parsed = clipboardPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new IpcRefused(`writeClipboard: invalid arguments — ${issuesOf(parsed.error)}`);
    await deps.writeClipboard(parsed.data);
    return true;
  });
  // Many reports as one zip: main asks where (the page never names a path), the service writes.
  let exporting: AbortController | null = null;
  ipcMain.handle(SHELL_EXPORT_REPORTS_CHANNEL, async (event, request: unknown): Promise<ReportsExportOutcome> => {
    if (!trusted(event)) throw new IpcRefused('exportReports: refused, the caller is not the app\'s page');
    const parsed = reportsZipRequestSchema.safeParse(request);
    if (!parsed.success) throw new IpcRefused(`exportReports: invalid arguments — ${issuesOf(parsed.error)}`);
    if (!deps.writeReportsZip) throw new IpcRefused('exportReports: not available');
    if (exporting) throw new IpcRefused(EXPORT_RUNNING_MESSAGE);
    const abort = new AbortController();
    exporting = abort;
    try {
      const { ids, format } = parsed.data;
      const file = await deps.chooseSavePath(reportsZipFileName(new Set(ids).size, format));
      if (!file || abort.signal.aborted) return { status: 'cancelled' };
      await deps.writeReportsZip(parsed.data, file, { signal: abort.signal, onProgress: (done, total) => deps.sendEvent?.({ type: 'exportProgress', done, total }) });
      return { status: 'saved', fileName: path.basename(file) };
    } catch (error) {
      if (abort.signal.aborted) return { status: 'cancelled' };
      throw error;
    } finally {
      exporting = null;
    }
  });
  ipcMain.handle(SHELL_CANCEL_EXPORT_CHANNEL, (event) => {
    if (!trusted(event)) throw new IpcRefused('cancelExport: refused, the caller is not the app\'s page');
    exporting?.abort();
  });
  return () => {
    ipcMain.removeHandler(SHELL_SAVE_CHANNEL);
    ipcMain.removeHandler(SHELL_CLIPBOARD_CHANNEL);
    ipcMain.removeHandler(SHELL_EXPORT_REPORTS_CHANNEL);
    ipcMain.removeHandler(SHELL_CANCEL_EXPORT_CHANNEL);
  };
}
