import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { CHANNELS, METHOD_NAMES, SHELL_CLIPBOARD_CHANNEL, SHELL_SAVE_CHANNEL, type ClipboardPayload } from '../../core/channels.ts';
import { isTrustedSender, registerArchiveHandlers, registerShellHandlers } from '../../electron/ipc.ts';
import { createFakeApi } from '../support/fake-api.ts';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, h: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, h);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const frameEvent = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;
const appEvent = frameEvent('app://nianbao/index.html#/reader/r1');

describe('ipcMain handlers', () => {
  it('registers exactly one handler per ArchiveApi channel, and removes them', () => {
    const ipc = fakeIpcMain();
    const dispose = registerArchiveHandlers(ipc, createFakeApi());
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => CHANNELS[m].channel).sort());
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('calls the service with validated arguments for the app page', async () => {
    const ipc = fakeIpcMain();
    const api = createFakeApi();
    registerArchiveHandlers(ipc, api);
    expect(await ipc.handlers.get('archive:exportReport')!(appEvent, { id: '2022-abc', format: 'tsv', table: 'applications' })).toBe('export:2022-abc:tsv');
    const bytes = new Uint8Array([1, 2, 3]);
    await ipc.handlers.get('archive:importFiles')!(appEvent, [{ name: 'a.txt', bytes }]);
    expect(api.calls.at(-1)).toEqual({ method: 'importFiles', args: [[{ name: 'a.txt', bytes }]] });
  });

  it('rejects invalid arguments with the schema message, before the service', async () => {
    const ipc = fakeIpcMain();
    const api = createFakeApi();
    registerArchiveHandlers(ipc, api);
    const bad: [string, unknown[], RegExp][] = [
      ['archive:getReport', ['../../../etc/passwd'], /getReport: invalid arguments/],
      ['archive:getReport', [], /getReport: invalid arguments/],
      ['archive:getReport', [{ toString: 'x' }], /getReport: invalid arguments/],
      ['archive:listReports', [{ year: 1e9 }], /listReports: invalid arguments — args\[0\]\.year/],
      ['archive:exportReport', [{ id: 'a', format: 'exe' }], /format/],
      ['archive:importFiles', [[{ name: 'a.txt', bytes: 'AAAA' }]], /bytes must be binary data/],
      ['archive:importFiles', [[{ name: 'a\u0000.txt', bytes: new Uint8Array(1) }]], /control characters/],
      ['archive:search', [{ query: 'x'.repeat(1001) }], /search: invalid arguments/],
    ];
    for (const [channel, args, message] of bad) {
      await expect(ipc.handlers.get(channel)!(appEvent, ...args), `${channel} ${JSON.stringify(args).slice(0, 50)}`).rejects.toThrow(message);
    }
    expect(api.calls).toEqual([]);
  });

  it('refuses senders other than the app:// main frame', async () => {
    const ipc = fakeIpcMain();
    const api = createFakeApi();
    registerArchiveHandlers(ipc, api);
    const untrusted = [
      frameEvent('https://evil.example/'),
      frameEvent('file:///tmp/x.html'),
      frameEvent('app://evil/index.html'),
      frameEvent('http://127.0.0.1:5173/'),
      frameEvent('app://nianbao/index.html', { url: 'app://nianbao/index.html' }),
      { senderFrame: null } as unknown as IpcMainInvokeEvent,
    ];
    for (const event of untrusted) {
      await expect(ipc.handlers.get('archive:getStatus')!(event)).rejects.toThrow(/not the app's page/);
    }
    expect(api.calls).toEqual([]);
    expect(isTrustedSender(appEvent)).toBe(true);
  });

  it('passes service errors through', async () => {
    const ipc = fakeIpcMain();
    registerArchiveHandlers(ipc, createFakeApi());
    await expect(ipc.handlers.get('archive:getReport')!(appEvent, 'nope')).rejects.toThrow('未找到报告 nope');
  });
});

describe('save-as handler', () => {
  it('writes the text where the user chose, false when cancelled, refuses bad input and strangers', async () => {
    const ipc = fakeIpcMain();
    const written: [string, string | Uint8Array][] = [];
    let choice: string | null = '/home/u/Documents/report.md';
    registerShellHandlers(ipc, { chooseSavePath: async () => choice, writeFile: async (f, t) => void written.push([f, t]), writeClipboard: async () => {} });
    const save = ipc.handlers.get(SHELL_SAVE_CHANNEL)!;
    expect(await save(appEvent, { suggestedName: '伊春市-2022.md', text: '# 年报' })).toBe(true);
    expect(written).toEqual([['/home/u/Documents/report.md', '# 年报']]);
    choice = null;
    expect(await save(appEvent, { suggestedName: 'a.md', text: 'x' })).toBe(false);
    await expect(save(appEvent, { suggestedName: '../../.bashrc', text: 'x' })).rejects.toThrow(/path separator/);
    await expect(save(appEvent, { suggestedName: 'a.md', text: 'x', path: '/etc/passwd' })).rejects.toThrow(/invalid arguments/);
    await expect(save(frameEvent('https://evil.example/'), { suggestedName: 'a.md', text: 'x' })).rejects.toThrow(/not the app's page/);
    expect(written).toHaveLength(1);
    // A binary file (an XLSX dataset) is written as its bytes.
    choice = '/home/u/Documents/2023.xlsx';
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4]);
    expect(await save(appEvent, { suggestedName: '2023.xlsx', text: '', bytes })).toBe(true);
    expect(written[1]).toEqual(['/home/u/Documents/2023.xlsx', bytes]);
  });
});

describe('clipboard handler (shell bridge)', () => {
  it('writes text/plain and text/html for the app page; refuses extra fields, oversized text and strangers', async () => {
    const ipc = fakeIpcMain();
    const copied: ClipboardPayload[] = [];
    registerShellHandlers(ipc, { chooseSavePath: async () => null, writeFile: async () => {}, writeClipboard: async (p) => void copied.push(p) });
    const write = ipc.handlers.get(SHELL_CLIPBOARD_CHANNEL)!;
    expect(await write(appEvent, { text: '一\t二', html: '<table><tr><td>一</td></tr></table>' })).toBe(true);
    expect(copied).toEqual([{ text: '一\t二', html: '<table><tr><td>一</td></tr></table>' }]);
    await expect(write(appEvent, { text: 'x', script: 'y' })).rejects.toThrow(/writeClipboard: invalid arguments/);
    await expect(write(appEvent, { html: '<b>x</b>' })).rejects.toThrow(/writeClipboard: invalid arguments/);
    await expect(write(appEvent, { text: 'x'.repeat(32 * 1024 * 1024 + 1) })).rejects.toThrow(/longer than/);
    await expect(write(frameEvent('https://evil.example/'), { text: 'x' })).rejects.toThrow(/not the app's page/);
    expect(copied).toHaveLength(1);
  });

  it('is removed with the other shell handlers', () => {
    const ipc = fakeIpcMain();
    const dispose = registerShellHandlers(ipc, { chooseSavePath: async () => null, writeFile: async () => {}, writeClipboard: async () => {} });
    expect([...ipc.handlers.keys()].sort()).toEqual([SHELL_CLIPBOARD_CHANNEL, SHELL_SAVE_CHANNEL].sort());
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});
