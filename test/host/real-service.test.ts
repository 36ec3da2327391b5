/** The browser host over the real archive service: what `npm run serve` gives the UI. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../support/fixtures.ts';
import { startBrowserHost, type BrowserHost } from '../../core/host/index.ts';
import { createHttpApi } from '../../renderer/api/http.ts';
import type { ArchiveApi } from '../../core/api.ts';

const seed = readFixture('seed', 'yichun-2022.txt');

let dir: string;
let host: BrowserHost;
let api: ArchiveApi;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'nianbao-host-real-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>年报库</title>');
  host = await startBrowserHost({ archiveDir: path.join(dir, 'archive'), staticDir: dir, loadSample: false });
  api = createHttpApi({ token: host.token, baseUrl: `http://127.0.0.1:${host.port}` });
}, 60_000);

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser host with the archive service', () => {
  it('reports the archive as the browser host', async () => {
    expect(await api.getStatus()).toMatchObject({ archivePath: path.join(dir, 'archive'), reports: 0, host: 'browser', sampleLoaded: false });
    expect(host.sampleLoaded).toBe(false);
  });

  it('imports the seed report over HTTP and serves it back', async () => {
    const [outcome] = await api.importFiles([{ name: 'yichun-2022.txt', bytes: seed }]);
    expect(outcome).toMatchObject({ file: 'yichun-2022.txt', status: 'imported', year: 2022 });
    const rows = await api.listReports({});
    expect(rows).toHaveLength(1);
    const report = await api.getReport(rows[0].id);
    expect(report.tables.applications?.cells.received.natural.value).toBe(134);
    expect(report.tables.applications?.cells.received.total.value).toBe(138);
  }, 60_000);

  it('rejects an unknown id with the service’s message', async () => {
    const error = (await api.getReport('2099-doesnotexist').catch((e: unknown) => e)) as { status: number; message: string };
    expect(error.status).toBe(422);
    expect(error.message).toContain('2099-doesnotexist');
  });
});
