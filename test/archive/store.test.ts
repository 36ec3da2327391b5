import { describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diffSnapshots, newReport, openArchive, parsedReport, snapshot, tempDir } from './helpers.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../core/archive/index.ts';
import { shardOf } from '../../core/archive/catalogue.ts';
import { writeFileAtomic } from '../../core/archive/atomic.ts';

async function archiveWith(n: number) {
  const dir = await tempDir();
  const archive = await openArchive(dir);
  const inputs = Array.from({ length: n }, (_, i) => newReport(parsedReport(`测试县${i}人民政府`, 2022), `report ${i}`, `r${i}.txt`));
  const { results } = await archive.addReports(inputs);
  return { dir, archive, ids: results.map((r) => r.entry.id) };
}

describe('archive store: sharded writes', () => {
  it('an import writes only its report, its source, one catalogue shard and the catalogue head', async () => {
    const { dir, archive } = await archiveWith(30);
    const before = await snapshot(dir);
    const { results } = await archive.addReports([newReport(parsedReport('新来县人民政府', 2022), 'a new one', 'new.txt')]);
    const added = results[0];
    expect(added.status).toBe('imported');
    const after = await snapshot(dir);
    const { changed, removed } = diffSnapshots(before, after);
    const id = added.entry.id;
    const shard = String(shardOf(added.entry)).padStart(2, '0');
    expect(removed).toEqual([]);
    expect(changed).toEqual(
      [`catalogue/${shard}.json`, 'catalogue.json', `reports/${id}.json`, `sources/${added.entry.sha256}.txt`].sort(),
    );
    // No temp files left behind.
    expect([...after.keys()].some((p) => p.endsWith('.tmp'))).toBe(false);
    // Bytes written: far below the whole archive.
    const written = changed.reduce((sum, p) => sum + after.get(p)!.size, 0);
    const total = [...after.values()].reduce((sum, s) => sum + s.size, 0);
    expect(written).toBeLessThan(total / 4);
  });

  it('a removal writes the catalogue shard and head and moves only that report to the trash', async () => {
    const { dir, archive, ids } = await archiveWith(20);
    const before = await snapshot(dir);
    const { token } = await archive.removeReports([ids[3]]);
    const { changed, removed } = diffSnapshots(before, await snapshot(dir));
    const entryShard = String(shardOf({ bodyNormalized: '测试县3人民政府', id: ids[3] })).padStart(2, '0');
    expect(removed).toHaveLength(2);
    expect(removed).toContain(`reports/${ids[3]}.json`);
    expect(removed.find((p) => p.startsWith('sources/'))).toBeDefined();
    expect(changed.filter((p) => !p.startsWith(`trash/${token}/`))).toEqual([`catalogue/${entryShard}.json`, 'catalogue.json'].sort());
  });
});

describe('archive store: atomic writes', () => {
  it('a reader always sees either the old or the new file while it is rewritten', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'f.json');
    const versions = Array.from({ length: 40 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(200_000 + i) }));
    await writeFileAtomic(file, versions[0]);
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const text = await readFile(file, 'utf8');
        expect(versions).toContain(text);
        reads++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (const v of versions.slice(1)) await writeFileAtomic(file, v);
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('the catalogue read by a second process-like reader is always complete while a writer imports', async () => {
    const { dir, archive } = await archiveWith(5);
    const reader = await openArchive(dir);
    let done = false;
    const counts: number[] = [];
    const reading = (async () => {
      while (!done) {
        await reader.refresh();
        counts.push(reader.list().length);
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 15; i++) await archive.addReports([newReport(parsedReport(`并发县${i}`, 2021), `concurrent ${i}`)]);
    done = true;
    await reading;
    await reader.refresh();
    expect(reader.list().length).toBe(20);
    // Never fewer rows than before a write started, never a broken file (refresh would have thrown).
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]);
  });
});

describe('archive store: catalogue rebuild', () => {
  it('rebuilds a deleted catalogue from the report files and says so', async () => {
    const { dir, archive } = await archiveWith(12);
    const rows = archive.list().sort((a, b) => a.id.localeCompare(b.id));
    await rm(path.join(dir, 'catalogue.json'));
    await rm(path.join(dir, 'catalogue'), { recursive: true });
    const reopened = await openArchive(dir);
    expect(reopened.list().sort((a, b) => a.id.localeCompare(b.id))).toEqual(rows);
    expect(reopened.notices.join('\n')).toMatch(/重建.*catalogue rebuilt/);
    // Opening only reads (readers never write); the next write saves it: then no rebuild is needed.
    expect(await readdir(dir)).not.toContain('catalogue.json');
    await reopened.addReports([newReport(parsedReport('重建后县', 2023), 'after rebuild')]);
    const third = await openArchive(dir);
    expect(third.notices).toEqual([]);
    expect(third.list()).toHaveLength(13);
  });

  it('rebuilds a corrupt catalogue shard or head', async () => {
    const { dir, archive } = await archiveWith(12);
    const entry = archive.list()[0];
    const shard = path.join(dir, 'catalogue', `${String(shardOf(entry)).padStart(2, '0')}.json`);
    await writeFile(shard, '{"schemaVersion":1,"entries":[{"id":"2022-');
    const reopened = await openArchive(dir);
    expect(reopened.list()).toHaveLength(12);
    expect(reopened.notices.join('\n')).toContain(shard);
    await writeFile(path.join(dir, 'catalogue.json'), 'garbage');
    const again = await openArchive(dir);
    expect(again.list()).toHaveLength(12);
    expect(again.notices.join('\n')).toMatch(/catalogue\.json 已损坏/);
  });

  it('a reader notices another writer through the catalogue head and reloads', async () => {
    const { dir, archive } = await archiveWith(3);
    const other = await openArchive(dir);
    expect(other.list()).toHaveLength(3);
    await archive.addReports([newReport(parsedReport('后来县', 2020), 'later')]);
    const diff = await other.refresh();
    expect(diff?.added).toHaveLength(1);
    expect(other.list()).toHaveLength(4);
    expect(await other.refresh()).toBeNull();
  });
});

describe('archive store: schema versions', () => {
  it('migrates a v0 archive with the numbered migrations', async () => {
    expect(MIGRATIONS.map((m) => m.to)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    const dir = await tempDir();
    await mkdir(path.join(dir, 'reports'), { recursive: true });
    await mkdir(path.join(dir, 'sources'), { recursive: true });
    await mkdir(path.join(dir, 'catalogue'), { recursive: true });
    const parsed = parsedReport('旧版县', 2019);
    // A v0 report: no schemaVersion, dismissals or version.
    const v0 = {
      ...parsed,
      id: '2019-00000000',
      source: { fileName: 'old.txt', mediaType: 'text/plain', sha256: '0'.repeat(64), size: 3, storedPath: `sources/${'0'.repeat(64)}.txt` },
      importedAt: '2020-01-01T00:00:00.000Z',
      parserVersion: '0.1',
      evaluations: [],
    } as Record<string, unknown>;
    await writeFile(path.join(dir, 'reports', '2019-00000000.json'), JSON.stringify(v0));
    await writeFile(path.join(dir, 'sources', `${'0'.repeat(64)}.txt`), 'old');
    await writeFile(path.join(dir, 'catalogue.json'), JSON.stringify({ schemaVersion: 0, shards: 64, generation: 1 }));
    const archive = await openArchive(dir);
    // Every migration runs in one go, to the current version (v2 added the canonical body id).
    expect(archive.notices.join('\n')).toMatch(new RegExp(`旧版本 0，已迁移到 ${SCHEMA_VERSION}`));
    const report = await archive.readReport('2019-00000000');
    expect(report.schemaVersion).toBe(SCHEMA_VERSION);
    expect(report.body.id).toBe(archive.list()[0].bodyId);
    expect(report.body.id).not.toBe('');
    expect(report.dismissals).toEqual([]);
    expect(report.version).toBe(1);
    const onDisk = JSON.parse(await readFile(path.join(dir, 'reports', '2019-00000000.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(SCHEMA_VERSION);
    expect(JSON.parse(await readFile(path.join(dir, 'catalogue.json'), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
    expect(archive.list().map((e) => [e.id, e.latest, e.version])).toEqual([['2019-00000000', true, 1]]);
  });

  it('refuses a catalogue or report written by a newer schema, naming the file', async () => {
    const { dir, ids } = await archiveWith(2);
    const reportFile = path.join(dir, 'reports', `${ids[0]}.json`);
    const data = JSON.parse(await readFile(reportFile, 'utf8'));
    await writeFile(reportFile, JSON.stringify({ ...data, schemaVersion: SCHEMA_VERSION + 1 }));
    const archive = await openArchive(dir);
    await expect(archive.readReport(ids[0])).rejects.toThrow(`档案文件 ${reportFile} 由更新版本的年报库写入`);
    const head = path.join(dir, 'catalogue.json');
    await writeFile(head, JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, shards: 64, generation: 9 }));
    await expect(openArchive(dir)).rejects.toThrow(new RegExp(`${head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*newer version of nianbao`));
  });
});

describe('archive store: versions, removal, edits', () => {
  it('identical bytes are a duplicate no-op with the existing id; the archive is untouched', async () => {
    const dir = await tempDir();
    const archive = await openArchive(dir);
    const input = newReport(parsedReport('重复县', 2022), 'same bytes');
    const first = await archive.addReports([input]);
    const before = await snapshot(dir);
    const second = await archive.addReports([newReport(parsedReport('重复县', 2022), 'same bytes', 'renamed.txt')]);
    expect(second.results[0]).toMatchObject({ status: 'duplicate', entry: { id: first.results[0].entry.id } });
    expect(diffSnapshots(before, await snapshot(dir))).toEqual({ changed: [], removed: [] });
  });

  it('a different file for the same body and year becomes the next version; latest flags follow', async () => {
    const dir = await tempDir();
    const archive = await openArchive(dir);
    const v1 = (await archive.addReports([newReport(parsedReport('版本县人民政府', 2022), 'first')])).results[0].entry;
    const v2 = (await archive.addReports([newReport(parsedReport('版本县 人民政府', 2022), 'second')])).results[0].entry;
    expect(v2.version).toBe(2);
    const byId = new Map(archive.list().map((e) => [e.id, e]));
    expect(byId.get(v1.id)).toMatchObject({ version: 1, latest: false });
    expect(byId.get(v2.id)).toMatchObject({ version: 2, latest: true });
    // Removing the latest makes the older one latest again; undo restores the order.
    const { token } = await archive.removeReports([v2.id]);
    expect(archive.entry(v1.id)?.latest).toBe(true);
    await archive.undoRemove(token);
    expect(archive.entry(v1.id)?.latest).toBe(false);
    expect(archive.entry(v2.id)?.latest).toBe(true);
  });

  it('remove + undo restores exactly the removed reports, byte for byte', async () => {
    const { dir, archive, ids } = await archiveWith(6);
    const keep = await readFile(path.join(dir, 'reports', `${ids[1]}.json`));
    const { removed, token } = await archive.removeReports([ids[1], ids[2]]);
    expect(removed).toEqual([ids[1], ids[2]]);
    expect(archive.list().map((e) => e.id)).not.toContain(ids[1]);
    await expect(archive.readReport(ids[1])).rejects.toThrow(`没有编号为 ${ids[1]} 的报告`);
    const reopened = await openArchive(dir); // another process sees the removal; its start keeps our live trash
    expect(reopened.list()).toHaveLength(4);
    const { restored } = await archive.undoRemove(token);
    expect(restored.sort()).toEqual([ids[1], ids[2]].sort());
    expect(await readFile(path.join(dir, 'reports', `${ids[1]}.json`))).toEqual(keep);
    expect(archive.list()).toHaveLength(6);
    expect(await readdir(path.join(dir, 'trash'))).toEqual([]);
    await expect(archive.undoRemove(token)).rejects.toThrow(/undo token expired/);
  });

  it('unknown ids are refused with a clear message naming the id', async () => {
    const { archive } = await archiveWith(1);
    await expect(archive.removeReports(['2022-nothere'])).rejects.toThrow('没有编号为 2022-nothere 的报告 (no report with id 2022-nothere)');
    await expect(archive.readReport('../../etc/passwd')).rejects.toThrow(/no report with id/);
  });

  it('an interrupted write (journal + unlisted report file) is rolled back by the next writer', async () => {
    const { dir, archive } = await archiveWith(2);
    const orphan = newReport(parsedReport('孤儿县', 2022), 'orphan');
    await writeFile(path.join(dir, 'reports', '2022-deadbeef.json'), JSON.stringify({ id: '2022-deadbeef' }));
    await writeFile(path.join(dir, 'sources', `${orphan.sha256}.txt`), 'orphan');
    await writeFile(
      path.join(dir, 'journal.json'),
      JSON.stringify({ op: 'import', pid: 1, at: '', newIds: ['2022-deadbeef'], newSources: [`sources/${orphan.sha256}.txt`], removedIds: [], bodies: ['孤儿县'] }),
    );
    const writer = await openArchive(dir);
    await writer.addReports([newReport(parsedReport('之后县', 2022), 'after')]);
    const names = await readdir(path.join(dir, 'reports'));
    expect(names).not.toContain('2022-deadbeef.json');
    expect(await readdir(path.join(dir, 'sources'))).not.toContain(`${orphan.sha256}.txt`);
    expect(await readdir(dir)).not.toContain('journal.json');
    expect(writer.notices.join('\n')).toMatch(/rolled back/);
    expect(archive.list()).toHaveLength(2);
  });
});

describe('archive store: cross-year rules', () => {
  it('a carry-over mismatch between consecutive years marks both; a corrected new version clears it', async () => {
    const dir = await tempDir();
    const archive = await openArchive(dir);
    const y2021 = (await archive.addReports([newReport(parsedReport('跨年县', 2021, { carriedForward: 3 }), '2021')])).results[0].entry;
    const y2022 = (await archive.addReports([newReport(parsedReport('跨年县', 2022, { carriedOver: 2 }), '2022 wrong')])).results[0].entry;
    const failing = async (id: string) =>
      (await archive.readReport(id)).evaluations.filter((e) => e.rule === 'crossYear.carryOver' && e.status === 'fail').map((e) => e.key);
    expect(await failing(y2021.id)).not.toEqual([]);
    expect(await failing(y2022.id)).not.toEqual([]);
    expect(archive.entry(y2021.id)!.findings).toBeGreaterThan(0);
    const fixed = (await archive.addReports([newReport(parsedReport('跨年县', 2022, { carriedOver: 3 }), '2022 fixed')])).results[0].entry;
    expect(fixed.version).toBe(2);
    expect(await failing(y2021.id)).toEqual([]);
    expect(await failing(fixed.id)).toEqual([]);
    // The superseded copy keeps its own (true) mismatch against 2021, as every copy of a year is
    // checked against its neighbours; 2021 itself hears only from the latest version.
    expect(await failing(y2022.id)).not.toEqual([]);
    const passing = (await archive.readReport(y2021.id)).evaluations.filter((e) => e.rule === 'crossYear.carryOver');
    expect(passing.length).toBeGreaterThan(0);
    expect(passing.every((e) => e.status === 'pass' && e.relatedReportId === fixed.id)).toBe(true);
  });

  it('removing a neighbour year drops the cross-year evaluations; undo brings them back', async () => {
    const dir = await tempDir();
    const archive = await openArchive(dir);
    const a = (await archive.addReports([newReport(parsedReport('邻年县', 2021, { carriedForward: 3 }), 'a')])).results[0].entry;
    const alone = archive.entry(a.id)!.findings;
    const b = (await archive.addReports([newReport(parsedReport('邻年县', 2022, { carriedOver: 1 }), 'b')])).results[0].entry;
    const cross = async (id: string) => (await archive.readReport(id)).evaluations.filter((e) => e.rule.startsWith('crossYear.'));
    expect((await cross(a.id)).some((e) => e.status === 'fail')).toBe(true);
    const { token } = await archive.removeReports([b.id]);
    expect(await cross(a.id)).toEqual([]);
    expect(archive.entry(a.id)!.findings).toBe(alone);
    await archive.undoRemove(token);
    expect((await cross(a.id)).some((e) => e.status === 'fail')).toBe(true);
  });
});
