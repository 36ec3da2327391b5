/**
 * The trash (回收站): a removal stays restorable across restarts until it is emptied or older
 * than the retention in settings.json; reports come back one by one or a whole removal at once;
 * thousands of reports go in one write.
 */
import { describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newReport, openArchive, parsedReport, tempDir } from './helpers.ts';
import { openArchiveService, type ArchiveService } from '../../core/service/index.ts';

async function serviceWith(count: number, bodies = count) {
  const dir = await tempDir('nianbao-trash-');
  const archive = await openArchive(dir);
  const inputs = Array.from({ length: count }, (_, i) => newReport(parsedReport(`第${i % bodies}县人民政府`, 2000 + Math.floor(i / bodies), { received: i }), `report ${i}`, `r${i}.txt`));
  const { results } = await archive.addReports(inputs);
  const service = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
  return { dir, service, ids: results.map((r) => r.entry.id) };
}

const listedIds = async (service: ArchiveService) => (await service.listReports({ allVersions: true })).map((e) => e.id).sort();

/** Pretends a removal happened `days` ago (the owner file's date is what the purge reads). */
async function backdate(dir: string, token: string, days: number): Promise<void> {
  const file = path.join(dir, 'trash', token, 'owner.json');
  const owner = JSON.parse(await readFile(file, 'utf8'));
  await writeFile(file, JSON.stringify({ ...owner, at: new Date(Date.now() - days * 86_400_000).toISOString() }));
}

describe('trash', () => {
  it('keeps a removal across restarts and restores single reports, then the rest of the batch, byte for byte', async () => {
    const { dir, service, ids } = await serviceWith(4);
    const before = await Promise.all(ids.map((id) => readFile(path.join(dir, 'reports', `${id}.json`))));
    const { undoToken } = await service.removeReports(ids.slice(0, 3));
    await service.close();

    // Another run of the program (the old behaviour emptied the trash of an ended process here).
    const again = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    await again.setTrashSettings({ retentionDays: 30 }); // a write: the purge runs
    const listing = await again.listTrash();
    expect(listing.retentionDays).toBe(30);
    expect(listing.batches).toHaveLength(1);
    expect(listing.batches[0]).toMatchObject({ token: undoToken });
    expect(listing.batches[0].reports.map((r) => r.id).sort()).toEqual(ids.slice(0, 3).sort());
    expect(listing.batches[0].reports.find((r) => r.id === ids[0])).toEqual({ id: ids[0], body: '第0县人民政府', year: 2000, title: '第0县人民政府2000年政府信息公开工作年度报告' });

    expect(await again.restoreFromTrash({ ids: [ids[1]] })).toEqual({ restored: [ids[1]], skipped: [] });
    expect(await listedIds(again)).toEqual([ids[1], ids[3]].sort());
    expect((await again.listTrash()).batches[0].reports.map((r) => r.id).sort()).toEqual([ids[0], ids[2]].sort());

    expect((await again.restoreFromTrash({ tokens: [undoToken] })).restored.sort()).toEqual([ids[0], ids[2]].sort());
    expect(await listedIds(again)).toEqual([...ids].sort());
    expect((await again.listTrash()).batches).toEqual([]);
    expect(await readdir(path.join(dir, 'trash'))).toEqual([]);
    const after = await Promise.all(ids.map((id) => readFile(path.join(dir, 'reports', `${id}.json`))));
    expect(after).toEqual(before);
    await again.close();
  });

  it('empties one removal or all of them for good', async () => {
    const { dir, service, ids } = await serviceWith(3);
    const first = await service.removeReports([ids[0]]);
    const second = await service.removeReports([ids[1], ids[2]]);
    expect((await service.listTrash()).batches.map((b) => b.token)).toEqual([second.undoToken, first.undoToken]);
    expect(await service.emptyTrash([first.undoToken])).toBe(1);
    expect((await service.listTrash()).batches.map((b) => b.token)).toEqual([second.undoToken]);
    await expect(service.undoRemove(first.undoToken)).rejects.toThrow(/undo token expired/);
    expect(await service.emptyTrash(null)).toBe(2);
    expect(await readdir(path.join(dir, 'trash'))).toEqual([]);
    expect(await listedIds(service)).toEqual([]);
    await service.close();
  });

  it('purges removals older than the retention at the next write; a shorter retention purges at once', async () => {
    const { dir, service, ids } = await serviceWith(3);
    const old = await service.removeReports([ids[0]]);
    const recent = await service.removeReports([ids[1]]);
    await backdate(dir, old.undoToken, 31);
    await backdate(dir, recent.undoToken, 10);
    await service.close();

    const again = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    expect((await again.listTrash()).batches).toHaveLength(2); // opening only reads
    await again.removeReports([ids[2]]); // the first write of this run purges past 30 days
    expect((await again.listTrash()).batches.map((b) => b.token)).not.toContain(old.undoToken);
    expect((await again.listTrash()).batches.map((b) => b.token)).toContain(recent.undoToken);

    expect(await again.setTrashSettings({ retentionDays: 7 })).toEqual({ retentionDays: 7 });
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ trashRetentionDays: 7 });
    expect((await again.listTrash()).batches.map((b) => b.token)).not.toContain(recent.undoToken);
    expect((await again.listTrash()).batches).toHaveLength(1);
    expect(await again.getTrashSettings()).toEqual({ retentionDays: 7 });
    await expect(again.setTrashSettings({ retentionDays: 0 })).rejects.toThrow(/回收站保留天数 0 无效/);
    await again.close();
  });

  it('a report imported again since its removal is skipped on restore, not duplicated', async () => {
    const dir = await tempDir('nianbao-trash-');
    const archive = await openArchive(dir);
    const input = newReport(parsedReport('戊县人民政府', 2022), 'same bytes', 'a.txt');
    const { results } = await archive.addReports([input]);
    const { token } = await archive.removeReports([results[0].entry.id]);
    await archive.addReports([input]);
    expect(await archive.restoreFromTrash({ tokens: [token] })).toMatchObject({ restored: [], skipped: [results[0].entry.id] });
    expect(archive.list()).toHaveLength(1);
    expect(await archive.listTrash()).toEqual([]);
  });

  it('a removal and its undo keep search, cross-year findings and the timeline in step (reports re-read one by one)', async () => {
    const dir = await tempDir('nianbao-trash-');
    const archive = await openArchive(dir);
    // 2022's 上年结转 (5) disagrees with 2021's 结转下年 (2): a carry-over finding on both while both are in the archive.
    const { results } = await archive.addReports([
      newReport(parsedReport('己县人民政府', 2021, { carriedForward: 2 }), 'a', 'a.txt'),
      newReport(parsedReport('己县人民政府', 2022, { carriedOver: 5 }), 'b', 'b.txt'),
      newReport(parsedReport('庚县人民政府', 2022), 'c', 'c.txt'),
    ]);
    const [y2021, y2022] = results.map((r) => r.entry.id);
    const service = await openArchiveService({ archiveDir: dir, host: 'browser' });
    const found = async (query: string) => (await service.search({ query, pageSize: 50 })).results.map((r) => r.id).sort();
    const carryOver = async () => [...new Set((await service.listFindings({ rule: 'crossYear.carryOver' })).map((r) => r.reportId))].sort();
    const years = async () => (await service.bodyTimeline('己县')).years.map((y) => y.year);
    expect(await carryOver()).toEqual([y2021, y2022].sort());
    expect(await found('己县人民政府推进政务公开')).toEqual([y2021, y2022].sort());
    expect(await years()).toEqual([2021, 2022]);

    const { undoToken } = await service.removeReports([y2021]);
    expect(await found('己县人民政府推进政务公开')).toEqual([y2022]);
    expect(await carryOver()).toEqual([]); // no previous year left to disagree with
    expect(await found('rule:crossYear.carryOver')).toEqual([]);
    expect(await years()).toEqual([2022]);

    expect((await service.undoRemove(undoToken))).toHaveLength(1);
    expect(await found('己县人民政府推进政务公开')).toEqual([y2021, y2022].sort());
    expect(await carryOver()).toEqual([y2021, y2022].sort());
    expect(await found('rule:crossYear.carryOver')).toEqual([y2021, y2022].sort());
    expect(await years()).toEqual([2021, 2022]);
    await service.close();
  });

  it('removes 2,000 reports in one write and restores them in one write', async () => {
    const { dir, service, ids } = await serviceWith(2000, 400);
    const head = async () => JSON.parse(await readFile(path.join(dir, 'catalogue.json'), 'utf8')).generation as number;
    const generation = await head();
    const started = performance.now();
    const { removed, undoToken } = await service.removeReports(ids);
    const removeMs = performance.now() - started;
    expect(removed).toHaveLength(2000);
    expect(await head()).toBe(generation + 1); // one commit
    expect(await service.listReports({})).toEqual([]);
    expect((await service.listTrash()).batches[0].reports).toHaveLength(2000);
    const restoreStarted = performance.now();
    expect((await service.restoreFromTrash({ tokens: [undoToken] })).restored).toHaveLength(2000);
    const restoreMs = performance.now() - restoreStarted;
    expect(await head()).toBe(generation + 2);
    expect(await listedIds(service)).toEqual([...ids].sort());
    console.log(`2,000 reports: removed in ${Math.round(removeMs)} ms, restored in ${Math.round(restoreMs)} ms`);
    await service.close();
  }, 120_000);
});
