/**
 * Electron's export of many reports as one zip, in the service's worker thread (the real
 * service, relayed as the app does): the zip is written to the path main chose, progress per
 * report flows back, and a cancel leaves no file, neither under the chosen name nor half-written.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceWorker, type RelayedService } from '../../electron/service-relay.ts';
import { newReport, openArchive, parsedReport } from '../archive/helpers.ts';

const TS_WORKER = new URL('./fixtures/ts-worker.mjs', import.meta.url);
const REAL_ENTRY = new URL('../../electron/service-worker.ts', import.meta.url).href;

describe('many reports as one zip, written by the service worker', () => {
  let dir: string;
  let ids: string[];
  let service: RelayedService;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-export-relay-'));
    const archive = await openArchive(path.join(dir, 'archive'));
    const { results } = await archive.addReports(Array.from({ length: 40 }, (_, i) => newReport(parsedReport(`第${i}县人民政府`, 2022), `r${i}`, `r${i}.txt`)));
    ids = results.map((r) => r.entry.id);
    service = startServiceWorker({ entry: TS_WORKER, workerData: { tsEntry: REAL_ENTRY, archiveDir: path.join(dir, 'archive'), loadSample: false } });
  });
  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one file per report to the chosen path, with progress per report', async () => {
    const file = path.join(dir, 'out', '年报.zip');
    mkdirSync(path.dirname(file));
    const progress: [number, number][] = [];
    expect(await service.writeReportsZipFile({ ids, format: 'markdown' }, file, { onProgress: (done, total) => progress.push([done, total]) })).toBe(40);
    expect(progress).toHaveLength(40);
    expect(progress.at(-1)).toEqual([40, 40]);
    const zip = await JSZip.loadAsync(readFileSync(file));
    expect(Object.keys(zip.files)).toHaveLength(40);
    expect(readdirSync(path.dirname(file))).toEqual(['年报.zip']);
  }, 60_000);

  it('a cancel stops it and leaves no file', async () => {
    const file = path.join(dir, 'cancelled', '年报.zip');
    mkdirSync(path.dirname(file));
    const abort = new AbortController();
    const writing = service.writeReportsZipFile({ ids, format: 'json' }, file, { signal: abort.signal, onProgress: (done) => done === 3 && abort.abort() });
    await expect(writing).rejects.toThrow(/取消|cancel|abort/i);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(path.dirname(file))).toEqual([]);
  }, 60_000);
});
