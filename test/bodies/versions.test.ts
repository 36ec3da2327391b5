/**
 * listVersions (issue #10): every stored version of a report's body+year, newest first, so the
 * reader can list, open and compare them; an edit that moves one version to another body leaves
 * each in its own group, none hidden.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchiveService, type ArchiveService } from '../../core/service/index.ts';
import { fixturePath } from '../support/fixtures.ts';

const SEED = fixturePath('seed', 'yichun-2022.txt');
const COPIES = ['yichun-2023.html', 'yichun-2023.docx'].map((f) => fixturePath('office', f));

let service: ArchiveService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

async function open(): Promise<ArchiveService> {
  service = await openArchiveService({ archiveDir: await mkdtemp(path.join(tmpdir(), 'nianbao-versions-')), host: 'browser', lazySearch: true });
  return service;
}

describe('listVersions', () => {
  it('lists every version of the body+year, newest first, from any of them', async () => {
    const s = await open();
    await s.importPaths([SEED, ...COPIES]);
    const rows = await s.listReports({ allVersions: true });
    const y2023 = rows.filter((r) => r.year === 2023).sort((a, b) => b.version - a.version);
    for (const r of y2023) {
      expect((await s.listVersions(r.id)).map((v) => [v.id, v.version, v.latest])).toEqual(y2023.map((v) => [v.id, v.version, v.latest]));
    }
    const y2022 = rows.find((r) => r.year === 2022)!;
    expect((await s.listVersions(y2022.id)).map((v) => v.id)).toEqual([y2022.id]);
    await expect(s.listVersions('2022-ffffffff')).rejects.toThrow(/没有编号为 2022-ffffffff 的报告/);
  });

  it('after one version moves to another body, each lists only its own group', async () => {
    const s = await open();
    await s.importPaths([SEED, ...COPIES]);
    const [latest, older] = (await s.listReports({ allVersions: true })).filter((r) => r.year === 2023).sort((a, b) => b.version - a.version);
    await s.editMetadata(latest.id, { body: '伊春市人民政府办公室' });
    expect((await s.listVersions(older.id)).map((v) => [v.id, v.latest])).toEqual([[older.id, true]]);
    expect((await s.listVersions(latest.id)).map((v) => [v.id, v.latest])).toEqual([[latest.id, true]]);
  });
});
