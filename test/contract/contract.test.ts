/**
 * Channel table, ipcMain handlers, preload bridge and HTTP routes stay in step: every
 * ArchiveApi method has exactly one channel, one handler, one preload method and one route,
 * and nothing else is exposed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ArchiveApi } from '../../core/api.ts';
import { CHANNELS, METHOD_NAMES, SHELL_EVENT_CHANNEL, checkArgs, type MethodName } from '../../core/channels.ts';
import { registerArchiveHandlers } from '../../electron/ipc.ts';
import { startBrowserHost, type BrowserHost } from '../../core/host/index.ts';
import { createHttpApi } from '../../renderer/api/http.ts';
import { createFakeApi, type FakeApi } from '../support/fake-api.ts';
import { fake } from '../support/fake-electron.ts';
import { VALID_ARGS } from './examples.ts';

vi.mock('electron', async () => (await import('../support/fake-electron.ts')).electronModule());

// Compile-time: the table's keys are exactly ArchiveApi's (npm run typecheck fails otherwise).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const tableMatchesApi: Equal<keyof typeof CHANNELS, keyof ArchiveApi> = true;

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('channel table', () => {
  it('has one entry per ArchiveApi method, with unique channel names and routes', () => {
    expect(tableMatchesApi).toBe(true);
    expect(sorted(Object.keys(VALID_ARGS))).toEqual(sorted(METHOD_NAMES));
    const channels = METHOD_NAMES.map((m) => CHANNELS[m].channel);
    const routes = METHOD_NAMES.map((m) => CHANNELS[m].route);
    expect(new Set(channels).size).toBe(METHOD_NAMES.length);
    expect(new Set(routes).size).toBe(METHOD_NAMES.length);
    for (const m of METHOD_NAMES) {
      expect(CHANNELS[m].channel).toBe(`archive:${m}`);
      expect(CHANNELS[m].route).toBe(`/api/${m}`);
    }
  });

  it('accepts the example arguments of every method', () => {
    for (const m of METHOD_NAMES) expect(checkArgs(m, VALID_ARGS[m]), m).toMatchObject({ ok: true });
  });

  it('covers every ArchiveApi method the real service implements', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-contract-'));
    try {
      const { openArchiveService } = await import('../../core/service/index.ts');
      const service = await openArchiveService({ archiveDir: dir, host: 'browser', loadSample: false, lazySearch: true });
      try {
        for (const m of METHOD_NAMES) expect(typeof service[m], m).toBe('function');
      } finally {
        await service.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ipcMain handlers', () => {
  it('one per method, each reaching the same method of the service', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
    const api = createFakeApi();
    registerArchiveHandlers({ handle: (c: string, h: never) => void handlers.set(c, h), removeHandler: () => {} } as never, api);
    expect(sorted(handlers.keys())).toEqual(sorted(METHOD_NAMES.map((m) => CHANNELS[m].channel)));
    const event = { senderFrame: { url: 'app://nianbao/index.html', parent: null } };
    for (const m of METHOD_NAMES) {
      await handlers.get(CHANNELS[m].channel)!(event, ...VALID_ARGS[m]).catch(() => {});
      expect(api.calls.at(-1), m).toEqual({ method: m, args: VALID_ARGS[m] });
    }
  });
});

describe('preload bridge', () => {
  let exposed: Map<string, unknown>;
  beforeAll(async () => {
    await import('../../electron/preload.ts');
    exposed = fake().state.exposed;
  });

  it('exposes exactly window.nianbao (ArchiveApi) and window.nianbaoShell', () => {
    expect(sorted(exposed.keys())).toEqual(['nianbao', 'nianbaoShell']);
  });

  it('window.nianbao has exactly the ArchiveApi methods — nothing more (no generic invoke)', () => {
    const bridge = exposed.get('nianbao') as Record<string, unknown>;
    const keys = Object.keys(bridge);
    const notInApi = keys.filter((k) => !(METHOD_NAMES as string[]).includes(k));
    expect(notInApi, 'preload exposes something that is not an ArchiveApi method').toEqual([]);
    expect(sorted(keys)).toEqual(sorted(METHOD_NAMES));
    for (const k of keys) expect(typeof bridge[k], k).toBe('function');
  });

  it('each method invokes its own channel with the arguments unchanged', async () => {
    const bridge = exposed.get('nianbao') as Record<MethodName, (...a: unknown[]) => Promise<unknown>>;
    for (const m of METHOD_NAMES) {
      await bridge[m](...VALID_ARGS[m]);
      expect(fake().state.invoked.at(-1), m).toEqual({ channel: CHANNELS[m].channel, args: VALID_ARGS[m] });
    }
  });

  it('window.nianbaoShell has exactly onShellEvent, saveTextFile, writeClipboard, exportReports, cancelExport and printToPdf, and passes only well-formed events', () => {
    const shell = exposed.get('nianbaoShell') as { onShellEvent(l: (e: unknown) => void): () => void };
    expect(sorted(Object.keys(shell))).toEqual(['cancelExport', 'exportReports', 'onShellEvent', 'printToPdf', 'saveTextFile', 'writeClipboard']);
    const seen: unknown[] = [];
    const off = shell.onShellEvent((e) => seen.push(e));
    const [listener] = fake().state.rendererListeners.get(SHELL_EVENT_CHANNEL)!;
    listener({}, { type: 'menu', command: 'search' });
    listener({}, { type: 'menu', command: 'rm -rf' });
    listener({}, { type: 'eval', code: 'x' });
    listener({}, { type: 'exportProgress', done: 2, total: 5 });
    listener({}, { type: 'exportProgress', done: -1, total: 5 });
    expect(seen).toEqual([{ type: 'menu', command: 'search' }, { type: 'exportProgress', done: 2, total: 5 }]);
    off();
    expect(fake().state.rendererListeners.get(SHELL_EVENT_CHANNEL)).toEqual([]);
  });

  it('the bundled preload (as in dist-electron/preload.cjs) runs with only require("electron") and exposes the same', async () => {
    const { buildElectron } = await import('../../scripts/build-electron.js');
    const out = mkdtempSync(path.join(tmpdir(), 'nianbao-preload-'));
    await buildElectron({ log: () => {}, outDir: out, only: ['preload'] });
    const code = readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    rmSync(out, { recursive: true, force: true });
    const exposedHere = new Map<string, Record<string, unknown>>();
    const sandboxRequire = (id: string) => {
      if (id !== 'electron') throw new Error(`sandboxed preload cannot require ${id}`);
      return {
        contextBridge: { exposeInMainWorld: (k: string, v: Record<string, unknown>) => exposedHere.set(k, v) },
        ipcRenderer: { invoke: async () => null, on: () => {}, removeListener: () => {} },
      };
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
    expect(sorted(exposedHere.keys())).toEqual(['nianbao', 'nianbaoShell']);
    expect(sorted(Object.keys(exposedHere.get('nianbao')!))).toEqual(sorted(METHOD_NAMES));
  }, 60_000);
});

describe('HTTP routes', () => {
  let host: BrowserHost;
  let api: FakeApi;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-contract-http-'));
    api = createFakeApi();
    host = await startBrowserHost({ archiveDir: dir, staticDir: dir, api, logError: () => {} });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one route per method, each reaching the same method with the arguments intact (bytes included)', async () => {
    const client = createHttpApi({ token: host.token, baseUrl: `http://127.0.0.1:${host.port}` }) as unknown as Record<MethodName, (...a: unknown[]) => Promise<unknown>>;
    expect(sorted(Object.keys(client))).toEqual(sorted(METHOD_NAMES));
    for (const m of METHOD_NAMES) {
      const before = api.calls.length;
      await client[m](...VALID_ARGS[m]).catch(() => {});
      expect(api.calls.length, m).toBe(before + 1);
      expect(api.calls.at(-1), m).toEqual({ method: m, args: VALID_ARGS[m] });
    }
  });

  it('no route outside the table (importPaths; writeClipboard, which the page does itself)', async () => {
    for (const [route, args] of [
      ['/api/importPaths', [['/etc']]],
      ['/api/writeClipboard', [{ text: 'a' }]],
    ] as const) {
      const res = await fetch(`http://127.0.0.1:${host.port}${route}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nianbao-Token': host.token },
        body: JSON.stringify({ args }),
      });
      expect(res.status, route).toBe(404);
    }
  });
});
