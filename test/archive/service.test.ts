import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { folderHash, newReport, openArchive, parsedReport, tempDir } from './helpers.ts';
import { openArchiveService } from '../../core/service/index.ts';
import { defaultArchiveDir, resolveArchiveDir } from '../../core/archive/index.ts';

async function serviceWith(reports: { body: string; year: number; text: string; figures?: Parameters<typeof parsedReport>[2] }[]) {
  const dir = await tempDir();
  const archive = await openArchive(dir);
  const { results } = await archive.addReports(reports.map((r) => newReport(parsedReport(r.body, r.year, r.figures), r.text, `${r.text}.txt`)));
  const service = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
  return { dir, service, ids: results.map((r) => r.entry.id) };
}

describe('archive service', () => {
  it('lists latest versions by default, filters by year and body, and all versions on request', async () => {
    const { service, ids } = await serviceWith([
      { body: '甲县人民政府', year: 2021, text: 'a' },
      { body: '甲县人民政府', year: 2022, text: 'b' },
      { body: '乙市人民政府', year: 2022, text: 'c' },
      { body: '乙市人民政府', year: 2022, text: 'c2' },
    ]);
    expect((await service.listReports({})).map((e) => e.id)).toEqual([ids[1], ids[3], ids[0]]);
    expect((await service.listReports({ year: 2022 })).map((e) => e.id).sort()).toEqual([ids[1], ids[3]].sort());
    expect((await service.listReports({ body: '乙市' })).map((e) => e.id)).toEqual([ids[3]]);
    expect((await service.listReports({ body: '乙市', allVersions: true })).map((e) => [e.id, e.version, e.latest])).toEqual([
      [ids[3], 2, true],
      [ids[2], 1, false],
    ]);
    const status = await service.getStatus();
    expect(status).toMatchObject({ reports: 4, sampleLoaded: false, host: 'browser' });
    await expect(service.getReport('2099-ffffffff')).rejects.toThrow('没有编号为 2099-ffffffff 的报告');
    await service.close();
  });

  it('edits body and year: re-validates, moves the report, re-runs cross-year for old and new neighbours, persists', async () => {
    const { dir, service, ids } = await serviceWith([
      { body: '丙县人民政府', year: 2021, text: 'p', figures: { carriedForward: 3 } },
      { body: '丙县人民政府', year: 2023, text: 'q', figures: { carriedOver: 1 } },
    ]);
    const cross = async (id: string) => (await service.getReport(id)).evaluations.filter((e) => e.rule === 'crossYear.carryOver');
    expect(await cross(ids[0])).toEqual([]); // 2021 and 2023 are not consecutive
    const edited = await service.editMetadata(ids[1], { year: 2022 });
    expect(edited).toMatchObject({ id: ids[1], year: 2022, metadataConfidence: { year: 'user' } });
    expect((await cross(ids[0])).some((e) => e.status === 'fail' && e.relatedReportId === ids[1])).toBe(true);
    expect((await cross(ids[1])).some((e) => e.status === 'fail')).toBe(true);
    const renamed = await service.editMetadata(ids[1], { body: '丁县人民政府' });
    // The canonical body id follows the new name (丁县人民政府 = 丁县), so timelines group it with 丁县.
    expect(renamed.body).toEqual({ printed: '丁县人民政府', normalized: '丁县人民政府', id: '丁县' });
    expect(await cross(ids[0])).toEqual([]);
    expect(await cross(ids[1])).toEqual([]);
    // Persisted: a fresh service sees the edit in catalogue and report.
    const again = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    expect((await again.listReports({ body: '丁县' })).map((e) => [e.id, e.year])).toEqual([[ids[1], 2022]]);
    await expect(service.editMetadata(ids[1], { year: 1800 })).rejects.toThrow(/invalid year/);
    await expect(service.editMetadata(ids[1], { body: '  ' })).rejects.toThrow(/body must not be empty/);
    await service.close();
    await again.close();
  });

  it('dismisses a finding by key or by rule, with a reason kept with the report; undismiss takes it back', async () => {
    const { dir, service, ids } = await serviceWith([
      { body: '戊县', year: 2021, text: 'x', figures: { carriedForward: 2 } },
      { body: '戊县', year: 2022, text: 'y', figures: { carriedOver: 0 } },
    ]);
    const before = (await service.listReports({})).find((e) => e.id === ids[1])!.findings;
    const failing = (await service.getReport(ids[1])).evaluations.filter((e) => e.status === 'fail' && e.rule === 'crossYear.carryOver');
    expect(failing.length).toBeGreaterThan(0);
    const report = await service.dismissFinding(ids[1], failing[0].key, '上年数据口径不同');
    expect(report.dismissals).toEqual([{ key: failing[0].key, reason: '上年数据口径不同', at: expect.any(String) }]);
    expect((await service.listReports({})).find((e) => e.id === ids[1])!.findings).toBe(before - 1);
    const rows = await service.listFindings({ rule: 'crossYear.carryOver' });
    expect(rows.every((r) => !r.dismissed)).toBe(true);
    expect((await service.listFindings({ rule: 'crossYear.carryOver', includeDismissed: true })).some((r) => r.dismissed?.reason === '上年数据口径不同')).toBe(true);
    const byRule = await service.dismissFinding(ids[1], 'crossYear.carryOver', '全部忽略');
    expect(byRule.dismissals.map((d) => d.key).sort()).toEqual(failing.map((f) => f.key).sort());
    const stored = JSON.parse(await readFile(path.join(dir, 'reports', `${ids[1]}.json`), 'utf8'));
    expect(stored.dismissals).toHaveLength(failing.length);
    await expect(service.dismissFinding(ids[1], 'no.such:key', 'x')).rejects.toThrow(`报告 ${ids[1]} 没有键为 no.such:key 的问题`);
    await expect(service.dismissFinding(ids[1], failing[0].key, ' ')).rejects.toThrow(/reason is required/);
    const back = await service.undismissFinding(ids[1], 'crossYear.carryOver');
    expect(back.dismissals).toEqual([]);
    await service.close();
  });

  it('returns the original text of a source', async () => {
    const { service, ids } = await serviceWith([{ body: '己县', year: 2022, text: '原文：己县 2022 年报告' }]);
    expect(await service.getSource(ids[0])).toEqual({ fileName: '原文：己县 2022 年报告.txt', mediaType: 'text/plain', text: '原文：己县 2022 年报告' });
    await service.close();
  });

  it('bad files given as bytes yield failed outcomes with a reason and leave the archive untouched', async () => {
    const { dir, service } = await serviceWith([{ body: '庚县', year: 2022, text: 'keep' }]);
    const before = await folderHash(dir);
    const outcomes = await service.importFiles([
      { name: 'empty.txt', bytes: new Uint8Array() },
      { name: 'garbage.bin', bytes: new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)) },
    ]);
    expect(outcomes).toEqual([
      { file: 'empty.txt', status: 'failed', reason: '文件为空 (empty file)' },
      { file: 'garbage.bin', status: 'failed', reason: expect.any(String) },
    ]);
    expect(await folderHash(dir)).toBe(before);
    await service.close();
  });
});

describe('archive location', () => {
  it('defaults to the OS user-data folder; NIANBAO_ARCHIVE and --archive override it', () => {
    expect(defaultArchiveDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/nianbao/archive');
    expect(defaultArchiveDir({}, 'linux')).toMatch(/\.config\/nianbao\/archive$/);
    expect(defaultArchiveDir({}, 'darwin')).toMatch(/Library\/Application Support\/nianbao\/archive$/);
    expect(defaultArchiveDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain(path.join('nianbao', 'archive'));
    expect(resolveArchiveDir(undefined, { NIANBAO_ARCHIVE: '/env/archive' })).toBe('/env/archive');
    expect(resolveArchiveDir('/flag/archive', { NIANBAO_ARCHIVE: '/env/archive' })).toBe('/flag/archive');
  });
});

describe('sample archive', () => {
  it('loads resources/sample into an empty archive on first open, and only then', async () => {
    const dir = await tempDir('nianbao-sample-');
    const service = await openArchiveService({ archiveDir: dir, host: 'browser', loadSample: true, lazySearch: true });
    const status = await service.getStatus();
    expect(status.sampleLoaded).toBe(true);
    const { readdir } = await import('node:fs/promises');
    const { SAMPLE_DIR } = await import('../../core/service/index.ts');
    const files = (await readdir(SAMPLE_DIR)).filter((n) => !/^readme/i.test(n));
    expect(status.reports).toBe(files.length);
    await service.close();
    const again = await openArchiveService({ archiveDir: dir, host: 'browser', loadSample: true, lazySearch: true });
    expect(await again.getStatus()).toMatchObject({ sampleLoaded: false, reports: files.length });
    await again.close();
  }, 120_000);
});
