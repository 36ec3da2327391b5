/** The service's library listing and archive-wide findings stay current although both are kept in memory. */
import { describe, expect, it } from 'vitest';
import { newReport, openArchive, parsedReport, tempDir } from './helpers.ts';
import { openArchiveService } from '../../core/service/index.ts';

describe('listing and findings kept in memory', () => {
  it('follows writes made through the service and by another process (a second service on the same folder)', async () => {
    const dir = await tempDir();
    const archive = await openArchive(dir);
    const { results } = await archive.addReports([
      newReport(parsedReport('戊县', 2021, { carriedForward: 2 }), 'x', 'x.txt'),
      newReport(parsedReport('戊县', 2022, { carriedOver: 0 }), 'y', 'y.txt'),
      newReport(parsedReport('甲市', 2022), 'z', 'z.txt'),
    ]);
    const ids = results.map((r) => r.entry.id);
    const service = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    const other = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });

    // Year descending, then body in Chinese collation (甲 jiǎ before 戊 wù).
    expect((await service.listReports({})).map((e) => e.id)).toEqual([ids[2], ids[1], ids[0]]);
    const carry = async () => (await service.listFindings({ rule: 'crossYear.carryOver' })).map((r) => r.reportId);
    const before = await carry();
    expect(before).toContain(ids[1]);
    expect(await carry()).toEqual(before); // from memory, the same answer

    // Another process renames a body (甲 jiǎ → 张 zhāng, now after 戊 wù): order and findings follow on the next call.
    await other.editMetadata(ids[2], { body: '张市' });
    expect((await service.listReports({})).map((e) => [e.id, e.body])).toEqual([
      [ids[1], '戊县'],
      [ids[2], '张市'],
      [ids[0], '戊县'],
    ]);
    // This process dismisses: the findings list drops the dismissed finding, unless asked for dismissed ones.
    await service.dismissFinding(ids[1], 'crossYear.carryOver', '口径不同');
    expect(await carry()).not.toContain(ids[1]);
    expect((await service.listFindings({ rule: 'crossYear.carryOver', includeDismissed: true })).some((r) => r.reportId === ids[1] && r.dismissed)).toBe(true);
    // Removed reports leave both lists.
    await other.removeReports([ids[1]]);
    expect((await service.listReports({})).map((e) => e.id)).toEqual([ids[2], ids[0]]);
    expect((await service.listFindings({ includeDismissed: true })).some((r) => r.reportId === ids[1])).toBe(false);
    // Callers get their own array.
    const list = await service.listReports({});
    list.reverse();
    expect((await service.listReports({})).map((e) => e.id)).toEqual([ids[2], ids[0]]);
    await service.close();
    await other.close();
  });
});
