/**
 * ipcMain handlers for ArchiveApi, one per channel of core/channels.ts: the sender must be our
 * app:// main frame, the arguments must pass the channel's schema, then the service is called.
 * Plus the shell bridge's "save as" and clipboard handlers (exporting many reports: export-ipc.ts).
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ArchiveApi } from '../core/api.ts';
import {
  CHANNELS,
  METHOD_NAMES,
  SHELL_CLIPBOARD_CHANNEL,
  SHELL_SAVE_CHANNEL,
  checkArgs,
  clipboardPayloadSchema,
  saveFileRequestSchema,
  type ClipboardPayload,
  type MethodName,
  type SaveFileRequest,
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
}

export const issuesOf = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
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
  return () => {
    ipcMain.removeHandler(SHELL_SAVE_CHANNEL);
    ipcMain.removeHandler(SHELL_CLIPBOARD_CHANNEL);
  };
}
