/**
 * The shell bridge's exportReports / cancelExport handlers: many reports as one zip. Main asks
 * where to save in its own dialog (the page never names a path), the archive service writes the
 * file (in its worker) and the progress goes to the page as 'exportProgress' events. One export
 * at a time; a cancel stops it between two reports and leaves no file.
 */
import path from 'node:path';
import type { IpcMain } from 'electron';
import {
  SHELL_CANCEL_EXPORT_CHANNEL,
  SHELL_EXPORT_REPORTS_CHANNEL,
  reportsZipFileName,
  reportsZipRequestSchema,
  type ReportsExportOutcome,
  type ReportsZipRequest,
  type ShellEvent,
} from '../core/channels.ts';
import { IpcRefused, isTrustedSender, issuesOf } from './ipc.ts';

type HandleOnly = Pick<IpcMain, 'handle' | 'removeHandler'>;

export interface ExportDeps {
  /** Shows the save dialog; the chosen path or null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Writes the reports as one zip to `file` (the archive service). */
  writeReportsZip(request: ReportsZipRequest, file: string, options: { onProgress(done: number, total: number): void; signal: AbortSignal }): Promise<number>;
  /** Pushes a ShellEvent to the page. */
  sendEvent(event: ShellEvent): void;
}

export const EXPORT_RUNNING_MESSAGE = '已有一个导出正在进行，请等它完成或取消（an export is already running）';

export function registerExportHandlers(ipcMain: HandleOnly, deps: ExportDeps, trusted = isTrustedSender): () => void {
  let exporting: AbortController | null = null;
  ipcMain.handle(SHELL_EXPORT_REPORTS_CHANNEL, async (event, request: unknown): Promise<ReportsExportOutcome> => {
    if (!trusted(event)) throw new IpcRefused('exportReports: refused, the caller is not the app\'s page');
    const parsed = reportsZipRequestSchema.safeParse(request);
    if (!parsed.success) throw new IpcRefused(`exportReports: invalid arguments — ${issuesOf(parsed.error)}`);
    if (exporting) throw new IpcRefused(EXPORT_RUNNING_MESSAGE);
    const abort = new AbortController();
    exporting = abort;
    try {
      const { ids, format } = parsed.data;
      const file = await deps.chooseSavePath(reportsZipFileName(new Set(ids).size, format));
      if (!file || abort.signal.aborted) return { status: 'cancelled' };
      await deps.writeReportsZip(parsed.data, file, { signal: abort.signal, onProgress: (done, total) => deps.sendEvent({ type: 'exportProgress', done, total }) });
      return { status: 'saved', fileName: path.basename(file) };
    } catch (error) {
      if (abort.signal.aborted) return { status: 'cancelled' };
      throw error;
    } finally {
      exporting = null;
    }
  });
  ipcMain.handle(SHELL_CANCEL_EXPORT_CHANNEL, async (event) => {
    if (!trusted(event)) throw new IpcRefused('cancelExport: refused, the caller is not the app\'s page');
    exporting?.abort();
  });
  return () => {
    ipcMain.removeHandler(SHELL_EXPORT_REPORTS_CHANNEL);
    ipcMain.removeHandler(SHELL_CANCEL_EXPORT_CHANNEL);
  };
}
