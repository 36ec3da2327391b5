/** A search index closed while another program edited a report picks the edit up when it opens again. */
import { describe, expect, it } from 'vitest';
import { openArchiveService } from '../../core/service/index.ts';
import { SearchEngine } from '../../core/search/index.ts';
import { newReport, openArchive, parsedReport, tempDir } from '../archive/helpers.ts';
import { cli } from '../cli/helpers.ts';

const bodiesFound = async (service: Awaited<ReturnType<typeof openArchiveService>>, query: string) =>
  (await service.search({ query, pageSize: 50 })).results.map((r) => [r.id, r.body]);

describe('search index: edits by another program while it was closed', () => {
  it('program B re-indexes a report whose body program A edited (CLI edit) while B was closed', async () => {
    const dir = await tempDir('nianbao-reconcile-');
    const { results } = await (await openArchive(dir)).addReports([
      newReport(parsedReport('北山县人民政府', 2022), 'a', 'a.txt'),
      newReport(parsedReport('东湖区人民政府', 2022), 'b', 'b.txt'),
    ]);
    const [a, b] = results.map((r) => r.entry.id);

    // Program B builds its index, then closes (the index is written to disk).
    const first = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    expect(await bodiesFound(first, 'body:北山县')).toEqual([[a, '北山县人民政府']]);
    await first.close();

    // Program A (the CLI) renames the body of report a.
    const edit = await cli(['edit', a, '--body', '南河市人民政府', '--archive', dir]);
    expect(edit.code).toBe(0);

    // B opens again: the reopened index knows the new body and has forgotten the old one.
    const second = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    try {
      expect(await bodiesFound(second, 'body:南河市')).toEqual([[a, '南河市人民政府']]);
      expect(await bodiesFound(second, 'body:北山县')).toEqual([]);
      expect(await bodiesFound(second, 'body:东湖区')).toEqual([[b, '东湖区人民政府']]);
    } finally {
      await second.close();
    }

    // Nothing edited since: the next open re-reads no report (the stamp matches what is indexed).
    const archive = await openArchive(dir);
    const read: string[] = [];
    const engine = await SearchEngine.open(dir, () => archive.list(), (id) => (read.push(id), archive.readReport(id)));
    await engine.whenReady();
    expect(read).toEqual([]);
    expect(engine.status().reports).toBe(2);
    await engine.close();
  });
});
