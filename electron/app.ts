/**
 * The main process, composed from the small modules beside it: single instance, app://
 * protocol, hardened window and session, IPC handlers relaying to the archive service (a worker
 * thread in the app, see service-relay.ts), menu, native dialogs, clipboard, window state,
 * imports from the command line.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, ClipboardItem, Menu, app, clipboard, dialog, ipcMain, protocol, screen, session, shell } from 'electron';
import type { ImportOutcome } from '../core/api.ts';
import { SHELL_EVENT_CHANNEL, type ShellEvent } from '../core/channels.ts';
import { pathsFromArgv } from './argv.ts';
import type { ArchiveBackend } from './service-messages.ts';
import { createImportQueue } from './imports.ts';
import { registerArchiveHandlers, registerShellHandlers } from './ipc.ts';
import { registerExportHandlers } from './export-ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { registerPrintPdfHandler } from './print-pdf.ts';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol.ts';
import { blockRemoteRequests, denyAllPermissions, guardWebContents, type ExternalLinkDeps } from './security.ts';
import { createMainWindow } from './window.ts';
import { loadWindowState, trackWindowState, type StateFs } from './window-state.ts';

/** The archive service as main uses it (ArchiveApi, importPaths, close). */
export type MainService = ArchiveBackend;

export interface MainOptions {
  /** Folder holding dist/renderer, resources/ (app.getAppPath() when packaged or run as `electron .`). */
  appRoot: string;
  /** The bundled preload script. */
  preloadPath: string;
  archiveDir: string;
  openService(options: { archiveDir: string }): Promise<MainService>;
}

const stateFs: StateFs = {
  readFile: (f) => readFile(f, 'utf8'),
  writeFile: (f, t) => writeFile(f, t, 'utf8'),
  rename,
};

export const IMPORT_FILTERS = [
  { name: '年报（txt、html、docx、pdf）', extensions: ['txt', 'html', 'htm', 'docx', 'pdf'] },
  { name: '所有文件', extensions: ['*'] },
];

/** Starts the app; returns false when another instance already runs (this one quits). */
export function runMain(options: MainOptions): boolean {
  // Before ready: the app:// scheme gets a real origin; every renderer is sandboxed.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }

  let win: BrowserWindow | null = null;
  let pageReady = false;
  const queued: ShellEvent[] = [];
  const send = (event: ShellEvent) => {
    if (win && !win.isDestroyed() && pageReady) win.webContents.send(SHELL_EVENT_CHANNEL, event);
    else queued.push(event);
  };
  let service: MainService | null = null;
  let importPaths: ((paths: string[]) => Promise<ImportOutcome[]>) | null = null;
  const pendingPaths: string[] = [];
  const argvPaths = (argv: string[], cwd: string) =>
    pathsFromArgv(argv, { cwd, ignore: [process.execPath, app.getAppPath()], exists: existsSync });
  const importOrQueue = (paths: string[]) => {
    if (!paths.length) return;
    if (importPaths) void importPaths(paths);
    else pendingPaths.push(...paths);
  };

  const links: ExternalLinkDeps = {
    async confirm(url) {
      const options = { type: 'question' as const, buttons: ['在浏览器中打开', '取消'], defaultId: 1, cancelId: 1, message: '打开外部链接？', detail: url };
      const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return response === 0;
    },
    openExternal: (url) => shell.openExternal(url),
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
    importOrQueue(argvPaths(argv, workingDirectory));
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, links));
  app.on('window-all-closed', () => app.quit());
  // Close the archive (search index, write lock) before the process exits.
  let serviceClosed = false;
  app.on('before-quit', (event) => {
    if (!service || serviceClosed) return;
    event.preventDefault();
    serviceClosed = true;
    service
      .close()
      .catch((error: unknown) => console.error('closing the archive failed:', error))
      .finally(() => app.quit());
  });

  const chooseAndImport = async (kind: 'files' | 'folder') => {
    const dialogOptions: Electron.OpenDialogOptions =
      kind === 'files'
        ? { title: '导入年报文件', properties: ['openFile', 'multiSelections'], filters: IMPORT_FILTERS }
        : { title: '导入文件夹', properties: ['openDirectory', 'multiSelections'] };
    const result = win ? await dialog.showOpenDialog(win, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
    if (!result.canceled) importOrQueue(result.filePaths);
  };

  void app.whenReady().then(async () => {
    const rendererDir = path.join(options.appRoot, 'dist', 'renderer');
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, { readFile: (f) => readFile(f) }));
    denyAllPermissions(session.defaultSession);
    blockRemoteRequests(session.defaultSession);

    service = await options.openService({ archiveDir: options.archiveDir });
    registerArchiveHandlers(ipcMain, service);
    registerShellHandlers(ipcMain, {
      async chooseSavePath(suggestedName) {
        const saveOptions = { title: '导出', defaultPath: path.join(app.getPath('documents'), suggestedName) };
        const result = win ? await dialog.showSaveDialog(win, saveOptions) : await dialog.showSaveDialog(saveOptions);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      writeFile: (file, text) => writeFile(file, text, 'utf8'),
      async writeClipboard(payload) {
        const item: Record<string, string> = { 'text/plain': payload.text };
        if (payload.html !== undefined) item['text/html'] = payload.html;
        await clipboard.write([new ClipboardItem(item)]);
      },
    });
    const archiveService = service;
    registerExportHandlers(ipcMain, {
      async chooseSavePath(suggestedName) {
        const saveOptions = { title: '导出所选报告', defaultPath: path.join(app.getPath('documents'), suggestedName), filters: [{ name: 'Zip', extensions: ['zip'] }] };
        const result = win ? await dialog.showSaveDialog(win, saveOptions) : await dialog.showSaveDialog(saveOptions);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      writeReportsZip: (request, file, zipOptions) => archiveService.writeReportsZipFile(request, file, zipOptions),
      sendEvent: send,
    });
    registerPrintPdfHandler(ipcMain, {
      async chooseSavePath(suggestedName) {
        const saveOptions = { title: '导出 PDF', defaultPath: path.join(app.getPath('documents'), suggestedName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
        const result = win ? await dialog.showSaveDialog(win, saveOptions) : await dialog.showSaveDialog(saveOptions);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      writeFile: (file, data) => writeFile(file, data),
    });
    importPaths = createImportQueue(service, send);

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate(
          {
            send: (command) => send({ type: 'menu', command }),
            importFiles: () => void chooseAndImport('files'),
            importFolder: () => void chooseAndImport('folder'),
            about: () => void dialog.showMessageBox({ type: 'info', message: '年报库', detail: `版本 ${app.getVersion()}\n政府信息公开工作年度报告离线档案库` }),
          },
          { isMac: process.platform === 'darwin', dev: !app.isPackaged },
        ),
      ),
    );

    const stateFile = path.join(app.getPath('userData'), 'window-state.json');
    const state = await loadWindowState(stateFile, stateFs, screen.getAllDisplays().map((d) => d.workArea));
    const { maximized, ...bounds } = state;
    win = createMainWindow(options.preloadPath, bounds, path.join(options.appRoot, 'resources', 'icons', 'icon.png'));
    trackWindowState(win, stateFile, stateFs);
    win.webContents.on('did-finish-load', () => {
      pageReady = true;
      for (const event of queued.splice(0)) win?.webContents.send(SHELL_EVENT_CHANNEL, event);
    });
    win.webContents.on('did-start-loading', () => {
      pageReady = false;
    });
    win.once('ready-to-show', () => {
      if (maximized) win?.maximize();
      win?.show();
    });
    win.on('closed', () => {
      win = null;
    });
    await win.loadURL(APP_ENTRY_URL);

    importOrQueue(argvPaths(process.argv, process.cwd()));
    if (pendingPaths.length) void importPaths(pendingPaths.splice(0));
  });
  return true;
}
