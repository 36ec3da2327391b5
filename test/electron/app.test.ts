/** The composed main process (electron/app.ts) against the fake electron module. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, METHOD_NAMES, SHELL_CANCEL_EXPORT_CHANNEL, SHELL_CLIPBOARD_CHANNEL, SHELL_EVENT_CHANNEL, SHELL_EXPORT_REPORTS_CHANNEL, SHELL_PRINT_PDF_CHANNEL, SHELL_SAVE_CHANNEL, type ShellEvent } from '../../core/channels.ts';
import type { ImportOutcome } from '../../core/api.ts';
import { FakeBrowserWindow, resetFakeElectron } from '../support/fake-electron.ts';
import { createFakeApi } from '../support/fake-api.ts';

vi.mock('electron', async () => (await import('../support/fake-electron.ts')).electronModule());

const { runMain } = await import('../../electron/app.ts');

let dir: string;

function fakeService() {
  const api = createFakeApi();
  const imported: string[][] = [];
  const service = Object.assign(api, {
    async importPaths(paths: string[], onProgress?: (d: number, t: number, o: ImportOutcome) => void) {
      imported.push(paths);
      const outcomes = paths.map((file) => ({ file, status: 'failed' as const, reason: 'fake' }));
      outcomes.forEach((o, i) => onProgress?.(i + 1, paths.length, o));
      return outcomes;
    },
    writeReportsZipFile: async () => 0,
  });
  return { service, imported };
}

async function start(options: { lock?: boolean; argv?: string[] } = {}) {
  const f = resetFakeElectron();
  f.state.singleInstanceLock = options.lock ?? true;
  f.state.userData = dir;
  f.state.appPath = path.join(dir, 'app');
  const { service, imported } = fakeService();
  const openService = vi.fn(async (_options: unknown) => service);
  // Main reads process.argv after the page loads: it stays set until the test ends (afterEach).
  argvBefore ??= process.argv;
  process.argv = options.argv ?? ['/usr/bin/nianbao'];
  const started = runMain({ appRoot: path.join(dir, 'app'), preloadPath: '/app/dist-electron/preload.cjs', archiveDir: path.join(dir, 'archive'), openService });
  f.resolveReady();
  await vi.waitFor(() => {
    if (started && !FakeBrowserWindow.instances[0]?.loadedUrl) throw new Error('window not loaded yet');
  });
  return { f, started, service, imported, openService, win: FakeBrowserWindow.instances[0] };
}

const shellEvents = (win: FakeBrowserWindow) =>
  win.webContents.sent.filter((s) => s.channel === SHELL_EVENT_CHANNEL).map((s) => s.args[0] as ShellEvent);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nianbao-main-'));
});
let argvBefore: string[] | undefined;
afterEach(() => {
  if (argvBefore) process.argv = argvBefore;
  argvBefore = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('main process', () => {
  it('registers app:// as privileged and enables the sandbox before ready', async () => {
    const { f } = await start();
    expect(f.state.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(f.state.sandboxEnabled).toBe(true);
    expect(f.state.protocolHandlers.has('app')).toBe(true);
  });

  it('opens one secure window on app://nianbao/index.html', async () => {
    const { win } = await start();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.loadedUrl).toBe('app://nianbao/index.html');
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(win.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(win.options.show).toBe(false);
  });

  it('registers a handler for every channel plus save-as, and denies permissions', async () => {
    const { f } = await start();
    expect([...f.state.ipcHandlers.keys()].sort()).toEqual([...METHOD_NAMES.map((m) => CHANNELS[m].channel), SHELL_SAVE_CHANNEL, SHELL_CLIPBOARD_CHANNEL, SHELL_EXPORT_REPORTS_CHANNEL, SHELL_CANCEL_EXPORT_CHANNEL, SHELL_PRINT_PDF_CHANNEL].sort());
    const callback = vi.fn();
    f.state.permissionRequestHandler!(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    // No remote content: network requests of the session are cancelled.
    expect(f.state.blockedRequests!.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const cancel = vi.fn();
    f.state.blockedRequests!.listener({ url: 'https://example.com/x.js' }, cancel);
    expect(cancel).toHaveBeenCalledWith({ cancel: true });
  });

  it('guards every web contents created (navigation, window.open)', async () => {
    const { f } = await start();
    const contents = new (await import('../support/fake-electron.ts')).FakeWebContents();
    f.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const ev = { preventDefault: vi.fn() };
    contents.emit('will-navigate', ev, 'file:///etc/passwd');
    expect(ev.preventDefault).toHaveBeenCalled();
  });

  it('quits when another instance holds the lock, without a window', async () => {
    const { f, started } = await start({ lock: false });
    expect(started).toBe(false);
    expect(f.state.quitCalls).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(f.state.ipcHandlers.size).toBe(0);
  });

  it('a second launch focuses the window and imports the files it was given', async () => {
    const { f, win, imported } = await start();
    const file = path.join(dir, '年报.pdf');
    writeFileSync(file, 'x');
    win.minimized = true;
    f.app.emit('second-instance', {}, ['/usr/bin/nianbao', '--flag', '年报.pdf', 'missing.pdf'], dir);
    await vi.waitFor(() => expect(imported).toEqual([[file]]));
    expect(win.restored).toBe(1);
    expect(win.focused).toBeGreaterThan(0);
    await vi.waitFor(() => expect(shellEvents(win).map((e) => e.type)).toEqual(['importStarted', 'importProgress', 'importFinished']));
    expect(shellEvents(win)[2]).toEqual({ type: 'importFinished', outcomes: [{ file, status: 'failed', reason: 'fake' }] });
  });

  it('imports files given to the first launch once the page is loaded', async () => {
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'x');
    const { imported } = await start({ argv: ['/usr/bin/nianbao', file] });
    await vi.waitFor(() => expect(imported).toEqual([[file]]));
  });

  it('menu search sends a menu command to the page; Ctrl+O imports what the dialog returns', async () => {
    const { f, win, imported } = await start();
    type Item = { accelerator?: string; click?: () => void; submenu?: Item[] };
    const items = (f.state.menuTemplate as Item[]).flatMap((m) => m.submenu ?? []);
    items.find((i) => i.accelerator === 'CmdOrCtrl+K')!.click!();
    expect(shellEvents(win).at(-1)).toEqual({ type: 'menu', command: 'search' });
    f.state.openDialogResult = { canceled: false, filePaths: ['/data/a.pdf', '/data/folder'] };
    items.find((i) => i.accelerator === 'CmdOrCtrl+O')!.click!();
    await vi.waitFor(() => expect(imported).toEqual([['/data/a.pdf', '/data/folder']]));
  });

  it('导出 PDF: main asks where to save, prints the page with backgrounds and page numbers and writes the file; cancel writes nothing', async () => {
    const { f, win } = await start();
    const fromPage = { senderFrame: { parent: null, url: 'app://nianbao/index.html' }, sender: win.webContents };
    const printPdf = f.state.ipcHandlers.get(SHELL_PRINT_PDF_CHANNEL)!;
    const file = path.join(dir, '伊春市-2022.pdf');
    f.state.saveDialogResult = { canceled: false, filePath: file };
    expect(await printPdf(fromPage, { suggestedName: '伊春市 2022' })).toEqual({ status: 'saved', fileName: '伊春市-2022.pdf' });
    expect(readFileSync(file, 'latin1')).toBe('%PDF-1.4 fake');
    const [options] = win.webContents.printedToPdf;
    expect(options).toMatchObject({ printBackground: true, displayHeaderFooter: true });
    expect(options.footerTemplate).toMatch(/class="pageNumber".*class="totalPages"/);
    // The dialog proposes a .pdf name in the documents folder, with a PDF filter.
    const [[, dialogOptions]] = f.state.saveDialogs as [unknown, { defaultPath: string; filters: { extensions: string[] }[] }][];
    expect(path.basename(dialogOptions.defaultPath)).toBe('伊春市 2022.pdf');
    expect(dialogOptions.filters[0].extensions).toEqual(['pdf']);
    f.state.saveDialogResult = { canceled: true };
    expect(await printPdf(fromPage, { suggestedName: 'a.pdf' })).toEqual({ status: 'cancelled' });
    expect(win.webContents.printedToPdf).toHaveLength(1);
    // The page never names a path, and a stranger cannot print.
    await expect(printPdf(fromPage, { suggestedName: 'a.pdf', path: '/etc/x.pdf' })).rejects.toThrow(/invalid arguments/);
    await expect(printPdf(fromPage, { suggestedName: '../a.pdf' })).rejects.toThrow(/path separator/);
    await expect(printPdf({ ...fromPage, senderFrame: { parent: null, url: 'https://evil.example/' } }, { suggestedName: 'a.pdf' })).rejects.toThrow(/not the app's page/);
  });

  it('the File menu has 导出 PDF…, which asks the page to export', async () => {
    const { f, win } = await start();
    type Item = { id?: string; label?: string; click?: () => void; submenu?: Item[] };
    const item = (f.state.menuTemplate as Item[]).flatMap((m) => m.submenu ?? []).find((i) => i.id === 'export-pdf')!;
    expect(item.label).toBe('导出 PDF…');
    item.click!();
    expect(shellEvents(win).at(-1)).toEqual({ type: 'menu', command: 'exportPdf' });
  });

  it("writes the page's copies to the Electron clipboard itself (never through the service) and closes the service on quit", async () => {
    const { f, service } = await start();
    const fromPage = { senderFrame: { parent: null, url: 'app://nianbao/index.html' } };
    const callsBefore = service.calls.length;
    expect(await f.state.ipcHandlers.get(SHELL_CLIPBOARD_CHANNEL)!(fromPage, { text: 'a\tb', html: '<table></table>' })).toBe(true);
    expect(f.state.clipboardWrites).toEqual([[{ items: { 'text/plain': 'a\tb', 'text/html': '<table></table>' } }]]);
    expect(await f.state.ipcHandlers.get(SHELL_CLIPBOARD_CHANNEL)!(fromPage, { text: '纯文本' })).toBe(true);
    expect(f.state.clipboardWrites.at(-1)).toEqual([{ items: { 'text/plain': '纯文本' } }]);
    expect(service.calls.length).toBe(callsBefore);
    const quitsBefore = f.state.quitCalls;
    const event = { preventDefault: vi.fn() };
    f.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(f.state.quitCalls).toBe(quitsBefore + 1));
    expect(service.closed).toBe(true);
    const second = { preventDefault: vi.fn() };
    f.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('remembers the window size in userData', async () => {
    const { win } = await start();
    win.bounds = { x: 12, y: 34, width: 1111, height: 777 };
    win.emit('close');
    // Saved on close (temp file + rename): wait for the file rather than for a fixed time.
    await vi.waitFor(() => expect(JSON.parse(readFileSync(path.join(dir, 'window-state.json'), 'utf8'))).toMatchObject({ width: 1111 }));
    FakeBrowserWindow.instances = [];
    const again = await start();
    expect(again.win.options).toMatchObject({ x: 12, y: 34, width: 1111, height: 777 });
  });
});
