/** Electron's "导出所选" of many reports: main's save dialog, the service writes, progress to the page, cancel, one at a time. */
import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { SHELL_CANCEL_EXPORT_CHANNEL, SHELL_EXPORT_REPORTS_CHANNEL, type ReportsZipRequest, type ShellEvent } from '../../core/channels.ts';
import { EXPORT_RUNNING_MESSAGE, registerExportHandlers } from '../../electron/export-ipc.ts';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
const appEvent = { senderFrame: { url: 'app://nianbao/index.html', parent: null } } as unknown as IpcMainInvokeEvent;
const strangerEvent = { senderFrame: { url: 'https://evil.example/', parent: null } } as unknown as IpcMainInvokeEvent;
const request: ReportsZipRequest = { ids: ['2022-00000001', '2022-00000002', '2022-00000003'], format: 'markdown' };

function setup(choice: string | null = '/home/u/Documents/年报.zip') {
  const handlers = new Map<string, Handler>();
  const ipc = { handle: (c: string, h: Handler) => void handlers.set(c, h), removeHandler: (c: string) => void handlers.delete(c) };
  const events: ShellEvent[] = [];
  const asked: string[] = [];
  const written: { request: ReportsZipRequest; file: string }[] = [];
  let release: () => void = () => {};
  let hold = false;
  const dispose = registerExportHandlers(ipc, {
    chooseSavePath: async (name) => (asked.push(name), choice),
    async writeReportsZip(req, file, { onProgress, signal }) {
      onProgress(1, req.ids.length);
      if (hold) await new Promise<void>((resolve) => {
        release = resolve;
        signal.addEventListener('abort', () => resolve());
      });
      if (signal.aborted) throw Object.assign(new Error('导出已取消 (export cancelled)'), { name: 'ArchiveError' });
      onProgress(req.ids.length, req.ids.length);
      written.push({ request: req, file });
      return req.ids.length;
    },
    sendEvent: (e) => events.push(e),
  });
  return { handlers, events, asked, written, dispose, holdNext: () => (hold = true), release: () => release() };
}

describe('exportReports (Electron shell bridge)', () => {
  it('asks main for the path with a suggested zip name, writes there, pushes progress, answers with the file name', async () => {
    const s = setup();
    const outcome = await s.handlers.get(SHELL_EXPORT_REPORTS_CHANNEL)!(appEvent, request);
    expect(outcome).toEqual({ status: 'saved', fileName: '年报.zip' });
    expect(s.asked).toEqual(['nianbao-3-markdown.zip']);
    expect(s.written).toEqual([{ request, file: '/home/u/Documents/年报.zip' }]);
    expect(s.events).toEqual([
      { type: 'exportProgress', done: 1, total: 3 },
      { type: 'exportProgress', done: 3, total: 3 },
    ]);
    s.dispose();
    expect(s.handlers.size).toBe(0);
  });

  it('a dialog closed without a choice writes nothing', async () => {
    const s = setup(null);
    expect(await s.handlers.get(SHELL_EXPORT_REPORTS_CHANNEL)!(appEvent, request)).toEqual({ status: 'cancelled' });
    expect(s.written).toEqual([]);
  });

  it('cancelExport stops the running export (answered "cancelled"); a second export meanwhile is refused', async () => {
    const s = setup();
    s.holdNext();
    const running = s.handlers.get(SHELL_EXPORT_REPORTS_CHANNEL)!(appEvent, request);
    await expect.poll(() => s.events.length).toBe(1);
    await expect(s.handlers.get(SHELL_EXPORT_REPORTS_CHANNEL)!(appEvent, request)).rejects.toThrow(EXPORT_RUNNING_MESSAGE);
    await s.handlers.get(SHELL_CANCEL_EXPORT_CHANNEL)!(appEvent);
    await expect(running).resolves.toEqual({ status: 'cancelled' });
    expect(s.written).toEqual([]);
  });

  it('refuses strangers, a path sent by the page and bad ids', async () => {
    const s = setup();
    const exportReports = s.handlers.get(SHELL_EXPORT_REPORTS_CHANNEL)!;
    await expect(exportReports(strangerEvent, request)).rejects.toThrow(/not the app's page/);
    await expect(exportReports(appEvent, { ...request, file: '/etc/passwd' })).rejects.toThrow(/invalid arguments/);
    await expect(exportReports(appEvent, { ids: ['../x'], format: 'markdown' })).rejects.toThrow(/invalid arguments/);
    await expect(exportReports(appEvent, { ids: [], format: 'markdown' })).rejects.toThrow(/no reports selected/);
    await expect(s.handlers.get(SHELL_CANCEL_EXPORT_CHANNEL)!(strangerEvent)).rejects.toThrow(/not the app's page/);
    expect(s.asked).toEqual([]);
  });
});
