/**
 * The archive service in a worker thread (electron/service-relay.ts ↔ service-serve.ts): every
 * channel relays by name and answers, errors keep their message, import bytes are transferred,
 * main keeps answering while the worker is busy, and a worker that dies fails its requests
 * clearly and is replaced. The worker runs the TypeScript sources under tsx here (the app runs
 * the esbuild bundle, tested in bundle.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, SHELL_CLIPBOARD_CHANNEL, SHELL_EVENT_CHANNEL, SHELL_SAVE_CHANNEL, type MethodName } from '../../core/channels.ts';
import { SERVICE_CLOSED_MESSAGE, SERVICE_STOPPED_MESSAGE, startServiceWorker, type RelayedService } from '../../electron/service-relay.ts';
import { VALID_ARGS } from '../contract/examples.ts';
import { createFakeApi } from '../support/fake-api.ts';
import { FakeBrowserWindow, resetFakeElectron } from '../support/fake-electron.ts';
import { readFixture } from '../support/fixtures.ts';
import { createGate } from './fixtures/gate.ts';

vi.mock('electron', async () => (await import('../support/fake-electron.ts')).electronModule());

const TS_WORKER = new URL('./fixtures/ts-worker.mjs', import.meta.url);
const REAL_ENTRY = new URL('../../electron/service-worker.ts', import.meta.url).href;
const GATED_ENTRY = new URL('./fixtures/gated-service-worker.ts', import.meta.url).href;
const fromPage = { senderFrame: { parent: null, url: 'app://nianbao/index.html' } };

function startGated(gate = createGate()) {
  const exits: number[] = [];
  const service = startServiceWorker({ entry: TS_WORKER, workerData: { tsEntry: GATED_ENTRY, gate: gate.buffer }, onUnexpectedExit: ({ code }) => exits.push(code) });
  return { service, gate, exits };
}

describe('archive service in a worker thread (real service)', () => {
  let dir: string;
  let service: RelayedService;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-relay-'));
    service = startServiceWorker({ entry: TS_WORKER, workerData: { tsEntry: REAL_ENTRY, archiveDir: path.join(dir, 'archive'), loadSample: false } });
  });
  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers requests relayed by channel name, import bytes transferred rather than copied', async () => {
    expect(await service.getStatus()).toMatchObject({ reports: 0, host: 'electron', archivePath: path.join(dir, 'archive') });
    const bytes = readFixture('seed', 'yichun-2022.txt');
    const size = bytes.byteLength;
    const [outcome] = await service.importFiles([{ name: 'yichun-2022.txt', bytes }]);
    expect(outcome).toMatchObject({ status: 'imported', year: 2022 });
    // The buffer moved to the worker: main's copy is detached (0 bytes), not duplicated.
    expect(size).toBeGreaterThan(1000);
    expect(bytes.byteLength).toBe(0);
    const id = (outcome as { id: string }).id;
    const report = await service.getReport(id);
    expect(report.tables.applications?.cells.received.natural.value).toBe(134);
    expect((await service.listReports({})).map((r) => r.id)).toEqual([id]);
    expect((await service.search({ query: '行政复议' })).results.map((r) => r.id)).toContain(id);
  }, 60_000);

  it('rejects with the service’s own message (what the page shows), as in-process', async () => {
    const { openArchiveService } = await import('../../core/service/index.ts');
    const local = await openArchiveService({ archiveDir: path.join(dir, 'local'), host: 'electron', lazySearch: true });
    const expected = (await local.getReport('2099-missing').catch((e: Error) => e)) as Error;
    await local.close();
    const relayed = (await service.getReport('2099-missing').catch((e: Error) => e)) as Error;
    expect(relayed).toBeInstanceOf(Error);
    expect(relayed.message).toBe(expected.message);
    expect(relayed.message).toContain('2099-missing');
    expect(relayed.name).toBe(expected.name);
  }, 30_000);

  it('imports paths with progress flowing back from the worker', async () => {
    const folder = path.join(dir, 'drop');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.html'), readFixture('office', 'songling-2022.html'));
    writeFileSync(path.join(folder, 'b.txt'), '');
    const progress: [number, number, string][] = [];
    const outcomes = await service.importPaths([folder], (done, total, outcome) => progress.push([done, total, outcome.status]));
    expect(outcomes.map((o) => [path.basename(o.file), o.status])).toEqual([
      ['a.html', 'imported'],
      ['b.txt', 'failed'],
    ]);
    expect(progress).toEqual([
      [1, 2, 'imported'],
      [2, 2, 'failed'],
    ]);
  }, 60_000);
});

describe('archive service in a worker thread (gated fake service)', () => {
  it('relays every method of the channel table with its arguments intact', async () => {
    const { service } = startGated();
    try {
      const local = createFakeApi();
      // Every method with a contract example (the contract test keeps those equal to the table).
      for (const m of Object.keys(VALID_ARGS) as MethodName[]) {
        const call = (api: unknown) => (api as Record<MethodName, (...a: unknown[]) => Promise<unknown>>)[m](...structuredClone(VALID_ARGS[m]));
        const settle = (p: Promise<unknown>) => p.then((value) => ({ value }), (e: Error) => ({ error: e.message }));
        const expected = await settle(call(local));
        // The gated worker names itself in getStatus; everything else is the fake's own answer.
        if (m === 'getStatus') Object.assign((expected as { value: object }).value, { archivePath: 'worker-1' });
        expect(await settle(call(service)), m).toEqual(expected);
      }
    } finally {
      await service.close();
    }
  }, 30_000);

  it('a worker that dies fails its pending requests clearly, and the next request works', async () => {
    const { service, exits } = startGated();
    try {
      expect((await service.getStatus()).archivePath).toBe('worker-1');
      const held = service.search({ query: 'hang' });
      const crashing = service.search({ query: 'crash' });
      await expect(held).rejects.toThrow(SERVICE_STOPPED_MESSAGE);
      await expect(crashing).rejects.toThrow(SERVICE_STOPPED_MESSAGE);
      expect(exits).toEqual([7]);
      expect((await service.getStatus()).archivePath).toBe('worker-2');
      expect(service.restarts).toBe(1);
    } finally {
      await service.close();
    }
  }, 30_000);

  it('after close, requests fail with a clear message', async () => {
    const { service } = startGated();
    await service.getStatus();
    await service.close();
    await expect(service.getStatus()).rejects.toThrow(SERVICE_CLOSED_MESSAGE);
  }, 30_000);
});

describe('main process with the service in a worker', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-main-relay-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers menus, dialogs and the clipboard while the worker is held inside a search', async () => {
    const f = resetFakeElectron();
    f.state.userData = dir;
    const { runMain } = await import('../../electron/app.ts');
    const gate = createGate();
    let service: RelayedService | null = null;
    runMain({
      appRoot: path.join(dir, 'app'),
      preloadPath: '/app/dist-electron/preload.cjs',
      archiveDir: path.join(dir, 'archive'),
      openService: async () => (service = startGated(gate).service),
    });
    f.resolveReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances[0]?.loadedUrl).toBe('app://nianbao/index.html'));
    const win = FakeBrowserWindow.instances[0];
    const invoke = (channel: string, ...args: unknown[]) => f.state.ipcHandlers.get(channel)!(fromPage, ...args) as Promise<unknown>;
    try {
      let searched = false;
      const search = invoke(CHANNELS.search.channel, { query: 'block' }).then((r) => ((searched = true), r));
      // The worker thread is now stuck (synchronously) in the service…
      await vi.waitFor(() => expect(gate.blocked()).toBe(true), { timeout: 20_000 });
      const status = invoke(CHANNELS.getStatus.channel);
      // …and main still answers: clipboard, save dialog, menu commands.
      expect(await invoke(SHELL_CLIPBOARD_CHANNEL, { text: 'a\tb', html: '<table></table>' })).toBe(true);
      expect(f.state.clipboardWrites).toHaveLength(1);
      expect(await invoke(SHELL_SAVE_CHANNEL, { suggestedName: 'a.md', text: '# x' })).toBe(false);
      type Item = { accelerator?: string; click?: () => void; submenu?: Item[] };
      (f.state.menuTemplate as Item[]).flatMap((m) => m.submenu ?? []).find((i) => i.accelerator === 'CmdOrCtrl+K')!.click!();
      expect(win.webContents.sent.filter((s) => s.channel === SHELL_EVENT_CHANNEL).at(-1)?.args[0]).toEqual({ type: 'menu', command: 'search' });
      expect(searched).toBe(false);
      gate.release();
      expect(await search).toMatchObject({ total: 0, results: [] });
      expect(await status).toMatchObject({ archivePath: 'worker-1' });
    } finally {
      gate.release();
      await (service as RelayedService | null)?.close();
    }
  }, 30_000);

  it('closes the worker on quit', async () => {
    const f = resetFakeElectron();
    f.state.userData = dir;
    const { runMain } = await import('../../electron/app.ts');
    let service: RelayedService | null = null;
    runMain({
      appRoot: path.join(dir, 'app'),
      preloadPath: '/app/dist-electron/preload.cjs',
      archiveDir: path.join(dir, 'archive'),
      openService: async () => (service = startGated().service),
    });
    f.resolveReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances.at(-1)?.loadedUrl).toBe('app://nianbao/index.html'));
    const relay = service as unknown as RelayedService;
    expect((await relay.getStatus()).archivePath).toBe('worker-1');
    const quitsBefore = f.state.quitCalls;
    f.app.emit('before-quit', { preventDefault: () => {} });
    await vi.waitFor(() => expect(f.state.quitCalls).toBe(quitsBefore + 1), { timeout: 20_000 });
    await expect(relay.getStatus()).rejects.toThrow(SERVICE_CLOSED_MESSAGE);
  }, 30_000);
});
