/**
 * One body across years and copies (issue #10): the 伊春 2023 report in three copies lands as
 * three versions of one report on the body of the 2022 seed, every copy gets the carry-over
 * finding, merges/renames/undo re-run the cross-year rules, and versions stay reachable.
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openArchiveService, type ArchiveService } from '../../core/service/index.ts';
import { findingsOf, type Report } from '../../core/model.ts';
import { cellValues } from '../../core/compare/cells.ts';
import { CELLS_DIR } from '../../core/archive/cells-file.ts';
import { overviewRows } from '../../core/compare/overview.ts';
import { fixturePath } from '../support/fixtures.ts';

const SEED = fixturePath('seed', 'yichun-2022.txt');
const COPIES = ['yichun-2023.html', 'yichun-2023.docx', 'yichun-2023.pdf'].map((f) => fixturePath('office', f));

let service: ArchiveService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

async function open(): Promise<ArchiveService> {
  service = await openArchiveService({ archiveDir: await mkdtemp(path.join(tmpdir(), 'nianbao-bodies-')), host: 'browser', lazySearch: true });
  return service;
}

const carryOver = (r: Report) => findingsOf(r).filter((f) => f.rule === 'crossYear.carryOver');

describe('body identity in the archive', () => {
  it('the three copies of 伊春 2023 are three versions on the 2022 seed body, each with the carry-over finding', async () => {
    const s = await open();
    const outcomes = await s.importPaths([SEED, ...COPIES]);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    const rows = await s.listReports({ allVersions: true });
    expect(new Set(rows.map((r) => r.bodyId))).toEqual(new Set(['伊春市']));
    const y2023 = rows.filter((r) => r.year === 2023);
    expect(y2023.map((r) => r.version).sort()).toEqual([1, 2, 3]);
    expect(y2023.filter((r) => r.latest)).toHaveLength(1);
    for (const row of y2023) {
      const report = await s.getReport(row.id);
      // 2023 上年结转 5 (natural persons) against 2022 结转下年 0.
      expect(carryOver(report).map((f) => f.key).sort(), `${row.fileName}`).toEqual(['crossYear.carryOver:2022-2023:natural', 'crossYear.carryOver:2022-2023:total']);
      expect(carryOver(report).every((f) => f.relatedReportId === rows.find((r) => r.year === 2022)!.id)).toBe(true);
    }
    const bodies = await s.listBodies();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ id: '伊春市', reports: 2, versions: 4, years: [2022, 2023] });
    expect(bodies[0].names).toEqual(expect.arrayContaining(['伊春市', '伊春市人民政府']));
  });

  it('editing one version’s body never hides the other versions', async () => {
    const s = await open();
    await s.importPaths([SEED, COPIES[0], COPIES[1]]);
    const before = (await s.listReports({ allVersions: true })).filter((r) => r.year === 2023);
    const latest = before.find((r) => r.latest)!;
    const older = before.find((r) => !r.latest)!;
    await s.editMetadata(latest.id, { body: '伊春市人民政府办公室' });
    const after = await s.listReports({});
    // Both 2023 reports are listed now: the edited one on the office, the other back as the city's latest.
    expect(after.find((r) => r.id === latest.id)).toMatchObject({ bodyId: '伊春市人民政府办公室', latest: true });
    expect(after.find((r) => r.id === older.id)).toMatchObject({ bodyId: '伊春市', latest: true });
    expect((await s.getReport(older.id)).id).toBe(older.id);
    // The city's 2023 report is still related to 2022; the office has no 2022.
    expect(carryOver(await s.getReport(older.id))).toHaveLength(2);
    expect(carryOver(await s.getReport(latest.id))).toHaveLength(0);
  });

  it('merge, rename and undo move every report of a body and re-run the cross-year rules', async () => {
    const s = await open();
    await s.importPaths([SEED, COPIES[0]]);
    const y2023 = (await s.listReports({})).find((r) => r.year === 2023)!;
    await s.editMetadata(y2023.id, { body: '沐春市' }); // a typo: no longer related to 2022
    expect(carryOver(await s.getReport(y2023.id))).toHaveLength(0);
    expect(await s.suggestDuplicateBodies()).toContainEqual(expect.objectContaining({ a: '伊春市', b: '沐春市' }));

    const merged = await s.mergeBodies('沐春市', '伊春市');
    expect(merged.moved).toEqual([y2023.id]);
    expect((await s.listReports({})).map((r) => r.bodyId)).toEqual(['伊春市', '伊春市']);
    expect(carryOver(await s.getReport(y2023.id))).toHaveLength(2);
    // The printed name stays as printed; the body is the canonical one.
    expect((await s.getReport(y2023.id)).body).toMatchObject({ printed: '沐春市', id: '伊春市' });

    await s.undoBodyChange();
    expect((await s.getReport(y2023.id)).body.id).toBe('沐春市');
    expect(carryOver(await s.getReport(y2023.id))).toHaveLength(0);

    const renamed = await s.renameBody('沐春市', '伊春市人民政府');
    expect(renamed.moved).toEqual([y2023.id]);
    expect(carryOver(await s.getReport(y2023.id))).toHaveLength(2);
    expect(await s.undoBodyChange()).not.toBeNull();
    expect(await s.undoBodyChange()).toBeNull();

    // A merge is remembered: a later import of the typo lands on the merged body.
    await s.mergeBodies('沐春市', '伊春市');
    expect((await s.bodyTimeline('沐春市')).body.id).toBe('伊春市');
  });

  it('a parent is read from the name and can be corrected', async () => {
    const s = await open();
    await s.importPaths([SEED, COPIES[0]]);
    await s.editMetadata((await s.listReports({ year: 2023 }))[0].id, { body: '伊春市发展和改革委员会' });
    expect((await s.listBodies()).find((b) => b.id === '伊春市发展和改革委员会')?.parent).toBe('伊春市');
    await s.setBodyParent('伊春市', '黑龙江省');
    expect((await s.listBodies()).find((b) => b.id === '伊春市')?.parent).toBe('黑龙江省');
    await s.undoBodyChange();
    expect((await s.listBodies()).find((b) => b.id === '伊春市')?.parent).toBeNull();
  });

  it('a parent set by hand goes with the body when it is renamed', async () => {
    const s = await open();
    await s.importPaths([SEED]);
    await s.setBodyParent('伊春市', '黑龙江省');
    await s.renameBody('伊春市', '林都市');
    expect((await s.listBodies()).find((b) => b.id === '林都市')?.parent).toBe('黑龙江省');
  });
});

describe('the compact cells files', () => {
  it('a year overview after reopening the archive reads no report file, and its figures equal the cells', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-cells-'));
    service = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    await service.importPaths([SEED, COPIES[0]]);
    const id2023 = (await service.listReports({ year: 2023 }))[0].id;
    const cells = cellValues(await service.getReport(id2023));
    await service.close();

    service = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    const read = vi.spyOn(service.archive, 'readReport');
    const overview = await service.yearOverview({ year: 2023 });
    expect(read).not.toHaveBeenCalled();
    expect(overviewRows(overview)[0].figures).toMatchObject({ received: cells['applications.received.total'], carriedOver: cells['applications.carriedOver.total'] });
    await service.close();

    // Damaged cells files are ignored: the report files are read instead, the figures are the same.
    for (const file of await readdir(path.join(dir, CELLS_DIR))) await writeFile(path.join(dir, CELLS_DIR, file), '{"format":1,"columns":[],"rows":{"x":');
    service = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    const again = await service.yearOverview({ year: 2023 });
    expect(overviewRows(again)[0].figures).toEqual(overviewRows(overview)[0].figures);
  });
});
