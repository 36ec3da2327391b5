/**
 * The bridge between the sandboxed page and the main process. Exposes exactly ArchiveApi as
 * window.nianbao (one ipcRenderer.invoke per method, from the channel table — no generic
 * invoke) and the small ShellBridge as window.nianbaoShell (menu commands, save dialog,
 * clipboard, many reports saved as one zip; see core/channels.ts for why).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ArchiveApi } from '../core/api.ts';
import {
  CHANNELS,
  SHELL_CANCEL_EXPORT_CHANNEL,
  SHELL_CLIPBOARD_CHANNEL,
  SHELL_EVENT_CHANNEL,
  SHELL_EXPORT_REPORTS_CHANNEL,
  SHELL_PRINT_PDF_CHANNEL,
  SHELL_SAVE_CHANNEL,
  shellEventSchema,
  type ClipboardPayload,
  type MethodName,
  type PrintPdfOutcome,
  type PrintPdfRequest,
  type ReportsExportOutcome,
  type ReportsZipRequest,
  type SaveFileRequest,
  type ShellBridge,
  type ShellEvent,
} from '../core/channels.ts';

/** "Error invoking remote method 'archive:getReport': IpcRefused: msg" → "msg". */
export function cleanIpcError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.replace(/^Error invoking remote method '[^']*': (?:\w*Error|IpcRefused): /, ''));
}

function invoker<K extends MethodName>(name: K): ArchiveApi[K] {
  const channel = CHANNELS[name].channel;
  return ((...args: unknown[]) =>
    ipcRenderer.invoke(channel, ...args).catch((error: unknown) => {
      throw cleanIpcError(error);
    })) as ArchiveApi[K];
}

export const archiveBridge = {
  getStatus: invoker('getStatus'),
  listReports: invoker('listReports'),
  getReport: invoker('getReport'),
  getSource: invoker('getSource'),
  listVersions: invoker('listVersions'),
  importFiles: invoker('importFiles'),
  removeReports: invoker('removeReports'),
  undoRemove: invoker('undoRemove'),
  listTrash: invoker('listTrash'),
  restoreFromTrash: invoker('restoreFromTrash'),
  emptyTrash: invoker('emptyTrash'),
  getTrashSettings: invoker('getTrashSettings'),
  setTrashSettings: invoker('setTrashSettings'),
  editMetadata: invoker('editMetadata'),
  dismissFinding: invoker('dismissFinding'),
  undismissFinding: invoker('undismissFinding'),
  listFindings: invoker('listFindings'),
  search: invoker('search'),
  exportReport: invoker('exportReport'),
  listBodies: invoker('listBodies'),
  suggestDuplicateBodies: invoker('suggestDuplicateBodies'),
  mergeBodies: invoker('mergeBodies'),
  renameBody: invoker('renameBody'),
  setBodyParent: invoker('setBodyParent'),
  undoBodyChange: invoker('undoBodyChange'),
  bodyTimeline: invoker('bodyTimeline'),
  compareReports: invoker('compareReports'),
  yearOverview: invoker('yearOverview'),
  exportDataset: invoker('exportDataset'),
} satisfies ArchiveApi;

export const shellBridge = {
  onShellEvent(listener: (event: ShellEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onShellEvent needs a function');
    const handler = (_event: IpcRendererEvent, payload: unknown) => {
      const parsed = shellEventSchema.safeParse(payload);
      if (parsed.success) listener(parsed.data as ShellEvent);
    };
    ipcRenderer.on(SHELL_EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(SHELL_EVENT_CHANNEL, handler);
  },
  saveTextFile(request: SaveFileRequest): Promise<boolean> {
    return ipcRenderer.invoke(SHELL_SAVE_CHANNEL, request).catch((error: unknown) => {
      throw cleanIpcError(error);
    });
  },
  writeClipboard(payload: ClipboardPayload): Promise<boolean> {
    return ipcRenderer.invoke(SHELL_CLIPBOARD_CHANNEL, payload).catch((error: unknown) => {
      throw cleanIpcError(error);
    });
  },
  exportReports(request: ReportsZipRequest): Promise<ReportsExportOutcome> {
    return ipcRenderer.invoke(SHELL_EXPORT_REPORTS_CHANNEL, request).catch((error: unknown) => {
      throw cleanIpcError(error);
    });
  },
  cancelExport(): Promise<void> {
    return ipcRenderer.invoke(SHELL_CANCEL_EXPORT_CHANNEL).catch((error: unknown) => {
      throw cleanIpcError(error);
    });
  },
  printToPdf(request: PrintPdfRequest): Promise<PrintPdfOutcome> {
    return ipcRenderer.invoke(SHELL_PRINT_PDF_CHANNEL, request).catch((error: unknown) => {
      throw cleanIpcError(error);
    });
  },
} satisfies ShellBridge;

contextBridge.exposeInMainWorld('nianbao', archiveBridge);
contextBridge.exposeInMainWorld('nianbaoShell', shellBridge);
