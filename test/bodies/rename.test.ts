/**
 * Renaming a body lands on exactly the name typed (issue #10): full-width brackets and all, both
 * as the body's id and the name shown; a report printing that name later joins it; undo takes it
 * back. A name that is another body's still merges into that body.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchiveService, type ArchiveService } from '../../core/service/index.ts';
import { fixturePath } from '../support/fixtures.ts';

const SEED = fixturePath('seed', 'yichun-2022.txt');
const COPY_2023 = fixturePath('office', 'yichun-2023.html');

let service: ArchiveService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

async function open(): Promise<ArchiveService> {
  service = await openArchiveService({ archiveDir: await mkdtemp(path.join(tmpdir(), 'nianbao-rename-')), host: 'browser', lazySearch: true });
  return service;
}

describe('renaming a body', () => {
  it('lands on exactly the name typed, full-width brackets kept, and a report printing it joins the body', async () => {
    const s = await open();
    await s.importPaths([SEED, COPY_2023]);
    const [r2022, r2023] = (await s.listReports({})).sort((a, b) => a.year! - b.year!);
    const result = await s.renameBody('伊春市', ' 伊春市（测试） ');
    expect(result.description).toBe('更名 伊春市 → 伊春市（测试）');
    expect(result.moved.sort()).toEqual([r2022.id, r2023.id].sort());
    expect((await s.listReports({ allVersions: true })).map((r) => r.bodyId)).toEqual(['伊春市（测试）', '伊春市（测试）']);
    expect((await s.listBodies()).map((b) => [b.id, b.name])).toEqual([['伊春市（测试）', '伊春市（测试）']]);
    expect((await s.bodyTimeline('伊春市（测试）')).years.map((y) => y.year)).toEqual([2022, 2023]);

    // A report printing the new name (here by a metadata edit) lands on the renamed body.
    await s.renameBody('伊春市（测试）', '伊春市（测试）'); // the same name again: nothing moves
    await s.editMetadata(r2023.id, { body: '伊春市（测试）' });
    expect((await s.getReport(r2023.id)).body.id).toBe('伊春市（测试）');

    // Undo takes every report it moved back to 伊春市 and forgets the name.
    while (await s.undoBodyChange());
    expect((await s.listReports({})).map((r) => r.bodyId)).toEqual(['伊春市', '伊春市']);
    expect((await s.listBodies()).map((b) => [b.id, b.name])).toEqual([['伊春市', '伊春市']]);
  });

  it('a name that derives to another body merges into it', async () => {
    const s = await open();
    await s.importPaths([SEED, COPY_2023]);
    const r2023 = (await s.listReports({ year: 2023 }))[0];
    await s.editMetadata(r2023.id, { body: '沐春市' });
    const merged = await s.renameBody('沐春市', '伊春市人民政府');
    expect(merged.moved).toEqual([r2023.id]);
    expect((await s.listBodies()).map((b) => [b.id, b.name])).toEqual([['伊春市', '伊春市人民政府']]);
  });
});
