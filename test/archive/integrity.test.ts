/**
 * The archive under damage and hostile files (issue #12): readers never write and never list
 * uncommitted rows, a lost shard is noticed and rebuilt, a crafted journal cannot reach outside
 * the archive, damaged report files are refused by name, a failed write removes its files.
 */
import { describe, expect, it, vi } from 'vitest';
import { open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Archive, ArchiveError } from '../../core/archive/index.ts';
import { shardOf } from '../../core/archive/catalogue.ts';
import { ARCHIVE_RULES } from '../../core/service/rules.ts';
import { diffSnapshots, newReport, openArchive, parsedReport, snapshot, tempDir } from './helpers.ts';

async function archiveWith(n: number, prefix = '完整县') {
  const dir = await tempDir();
  const archive = await openArchive(dir);
  const { results } = await archive.addReports(Array.from({ length: n }, (_, i) => newReport(parsedReport(`${prefix}${i}人民政府`, 2022), `${prefix} ${i}`, `r${i}.txt`)));
  return { dir, archive, ids: results.map((r) => r.entry.id) };
}

/** A writer that stops at `step` (the step hook awaits) until `go()`; `crash()` makes it fail there, as if killed. */
function stoppingAt(step: string) {
  let reached!: () => void;
  const atStep = new Promise<void>((r) => (reached = r));
  let release!: (crash: boolean) => void;
  const released = new Promise<boolean>((r) => (release = r));
  const onStep = async (name: string) => {
    if (name !== step) return;
    reached();
    if (await released) throw new Error(`killed at ${step}`);
  };
  return { onStep, atStep, go: () => release(false), crash: () => release(true) };
}

describe('archive integrity: readers', () => {
  it('a reader never lists rows a writer put in a shard before its head commit, and writes nothing', async () => {
    const { dir, ids } = await archiveWith(3);
    const stop = stoppingAt('import:shards');
    const writer = await Archive.open(dir, { ...ARCHIVE_RULES, onStep: stop.onStep });
    const writing = writer.addReports([newReport(parsedReport('完整县0人民政府', 2021), 'uncommitted'), newReport(parsedReport('无关县', 2020), 'uncommitted 2')]);
    await stop.atStep;
    const before = await snapshot(dir);
    const reader = await openArchive(dir);
    expect(reader.list().map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(diffSnapshots(before, await snapshot(dir))).toEqual({ changed: [], removed: [] });
    stop.go();
    await writing;
    await reader.refresh();
    expect(reader.list()).toHaveLength(5);
  });

  it('a writer killed between shards and head: readers list only what was committed; the next writer rolls it back', async () => {
    const { dir, ids } = await archiveWith(3);
    const stop = stoppingAt('import:shards');
    const writer = await Archive.open(dir, { ...ARCHIVE_RULES, onStep: stop.onStep });
    const writing = writer.addReports([newReport(parsedReport('完整县1人民政府', 2021), 'dies'), newReport(parsedReport('中断县', 2021), 'dies 2')]);
    await stop.atStep;
    stop.crash();
    await expect(writing).rejects.toThrow(/killed at import:shards/);
    const before = await snapshot(dir);
    const reader = await openArchive(dir);
    expect(reader.list().map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(reader.notices.join('\n')).not.toMatch(/rolled back/);
    expect(diffSnapshots(before, await snapshot(dir))).toEqual({ changed: [], removed: [] });
    const next = await openArchive(dir);
    await next.addReports([newReport(parsedReport('之后县', 2023), 'after')]);
    expect(next.list()).toHaveLength(4);
    const third = await openArchive(dir);
    expect(third.list()).toHaveLength(4);
    expect(third.notices).toEqual([]);
    expect((await readdir(path.join(dir, 'reports'))).filter((n) => n.endsWith('.json'))).toHaveLength(4);
  });

  it('a list after an interrupted first import shows nothing, says so, and writes nothing', async () => {
    const dir = await tempDir();
    const stop = stoppingAt('import:files');
    const writer = await Archive.open(dir, { ...ARCHIVE_RULES, onStep: stop.onStep });
    const writing = writer.addReports(Array.from({ length: 4 }, (_, i) => newReport(parsedReport(`首次县${i}`, 2022), `first ${i}`)));
    await stop.atStep;
    stop.crash();
    await expect(writing).rejects.toThrow();
    // The failed writer removed its files at once; put them back as a SIGKILL would have left them.
    const killedDir = await tempDir();
    const killed = stoppingAt('import:files');
    const victim = await Archive.open(killedDir, { ...ARCHIVE_RULES, onStep: killed.onStep });
    void victim.addReports(Array.from({ length: 4 }, (_, i) => newReport(parsedReport(`首次县${i}`, 2022), `first ${i}`))).catch(() => {});
    await killed.atStep; // never released: the "process" stays stopped here, files and journal on disk
    expect((await readdir(path.join(killedDir, 'reports'))).filter((n) => n.endsWith('.json'))).toHaveLength(4);
    const before = await snapshot(killedDir);
    const reader = await openArchive(killedDir);
    expect(reader.list()).toEqual([]);
    expect(reader.notices.join('\n')).toMatch(/未确认的报告不列出/);
    expect(reader.notices.join('\n')).not.toMatch(/was rolled back/);
    expect(diffSnapshots(before, await snapshot(killedDir))).toEqual({ changed: [], removed: [] });
  });
});

describe('archive integrity: damaged catalogue and report files', () => {
  it('a missing shard is noticed (its rows listed from the report files, named in a notice) and rebuilt at the next write', async () => {
    const { dir, archive } = await archiveWith(12);
    const entry = archive.list()[0];
    const shard = path.join(dir, 'catalogue', `${String(shardOf(entry)).padStart(2, '0')}.json`);
    await rm(shard);
    const reader = await openArchive(dir);
    expect(reader.list()).toHaveLength(12);
    expect(reader.notices.join('\n')).toContain(shard);
    await expect(stat(shard)).rejects.toThrow(); // the reader wrote nothing
    await reader.addReports([newReport(parsedReport('新县', 2024), 'new')]);
    await stat(shard);
    const after = await openArchive(dir);
    expect(after.list()).toHaveLength(13);
    expect(after.notices).toEqual([]);
  });

  it('a truncated shard (valid JSON, rows missing) is noticed too', async () => {
    const { dir, archive } = await archiveWith(12, '同体县');
    const entry = archive.list()[0];
    const shard = path.join(dir, 'catalogue', `${String(shardOf(entry)).padStart(2, '0')}.json`);
    const data = JSON.parse(await readFile(shard, 'utf8'));
    await writeFile(shard, JSON.stringify({ ...data, entries: data.entries.slice(1) }));
    const reader = await openArchive(dir);
    expect(reader.list()).toHaveLength(12);
    expect(reader.notices.join('\n')).toContain(shard);
  });

  it.each([
    ['{}', '{}'],
    ['null', 'null'],
    ['tables: null', 'TABLES_NULL'],
    ['source.storedPath outside', 'STORED_OUTSIDE'],
  ])('a damaged report file (%s) is refused with an ArchiveError naming it; a rebuild skips and names it', async (_what, content) => {
    const { dir, ids } = await archiveWith(3);
    const file = path.join(dir, 'reports', `${ids[0]}.json`);
    const good = JSON.parse(await readFile(file, 'utf8'));
    const text =
      content === 'TABLES_NULL'
        ? JSON.stringify({ ...good, tables: null })
        : content === 'STORED_OUTSIDE'
          ? JSON.stringify({ ...good, source: { ...good.source, storedPath: '../../etc/passwd' } })
          : content;
    await writeFile(file, text);
    const archive = await openArchive(dir);
    const err = await archive.readReport(ids[0]).catch((e) => e);
    expect(err).toBeInstanceOf(ArchiveError);
    expect(err.message).toContain(file);
    expect(err.message.split('\n')).toHaveLength(1);
    await rm(path.join(dir, 'catalogue.json'));
    const rebuilt = await openArchive(dir);
    expect(rebuilt.list().map((e) => e.id).sort()).toEqual(ids.slice(1).sort());
    expect(rebuilt.notices.join('\n')).toContain(file);
  });
});

describe('archive integrity: hostile journal', () => {
  it('a crafted journal naming ../ paths deletes nothing outside the archive', async () => {
    const outside = await tempDir('nianbao-outside-');
    const { dir, archive, ids } = await archiveWith(2);
    const victim = path.join(outside, 'victim.json');
    const victimSource = path.join(outside, 'victim.txt');
    await writeFile(victim, 'keep me');
    await writeFile(victimSource, 'keep me too');
    const up = path.relative(path.join(dir, 'reports'), path.join(outside, 'victim'));
    await writeFile(
      path.join(dir, 'journal.json'),
      JSON.stringify({ op: 'import', pid: 1, at: 'x', newIds: [up, ids[0]], newSources: [path.relative(dir, victimSource)], removedIds: [up], bodies: [] }),
    );
    await archive.addReports([newReport(parsedReport('后来县', 2023), 'later')]);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
    expect(await readFile(victimSource, 'utf8')).toBe('keep me too');
    expect(archive.notices.join('\n')).toMatch(/invalid journal ignored/);
    // Nothing the journal named was acted on: the listed report is still there.
    expect(archive.entry(ids[0])).toBeDefined();
    await readFile(path.join(dir, 'reports', `${ids[0]}.json`));
    await expect(readFile(path.join(dir, 'journal.json'))).rejects.toThrow();
  });

  it('ids from files and callers that would name a path outside the archive are refused', async () => {
    const { archive } = await archiveWith(1);
    for (const id of ['../../x', '..', 'a/b', 'a\\b', '.hidden']) await expect(archive.readReport(id)).rejects.toThrow(ArchiveError);
    await expect(archive.undoRemove('../x')).rejects.toThrow(/unknown undo token/);
  });
});

describe('archive integrity: leftovers and failed writes', () => {
  it('temp files of a killed writer are removed at the next write', async () => {
    const { dir } = await archiveWith(2);
    const leftovers = [
      path.join(dir, 'reports', '.2022-deadbeef.json.999.abcd.0.tmp'),
      path.join(dir, 'sources', `.${'a'.repeat(64)}.txt.999.abcd.1.tmp`),
      path.join(dir, 'catalogue', '.07.json.999.abcd.2.tmp'),
    ];
    for (const f of leftovers) await writeFile(f, 'partial');
    const next = await openArchive(dir);
    for (const f of leftovers) await stat(f); // opening is reading: nothing removed yet
    await next.addReports([newReport(parsedReport('清理县', 2023), 'cleanup')]);
    for (const f of leftovers) await expect(stat(f)).rejects.toThrow();
  });

  it('a write that fails removes its report and source files at once and leaves the archive as it was', async () => {
    const { dir, ids } = await archiveWith(2);
    const stop = stoppingAt('import:files');
    const writer = await Archive.open(dir, { ...ARCHIVE_RULES, onStep: stop.onStep });
    const before = await snapshot(dir);
    const writing = writer.addReports([newReport(parsedReport('失败县', 2023), 'fails')]);
    await stop.atStep;
    expect((await readdir(path.join(dir, 'reports'))).length).toBe(3);
    stop.crash();
    await expect(writing).rejects.toThrow();
    const after = await snapshot(dir);
    expect(diffSnapshots(before, after).removed).toEqual([]);
    expect([...after.keys()].filter((p) => p.startsWith('reports') || p.startsWith('sources')).sort()).toEqual(
      [...before.keys()].filter((p) => p.startsWith('reports') || p.startsWith('sources')).sort(),
    );
    expect(after.has('journal.json')).toBe(false);
    expect((await openArchive(dir)).list().map((e) => e.id).sort()).toEqual([...ids].sort());
  });
});

describe('archive integrity: fsync of every file of a commit', () => {
  it('an import fsyncs its report, source, journal, catalogue shard and head, and the folders naming them', async () => {
    const { dir, archive } = await archiveWith(1);
    const probe = await open(path.join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const sync = vi.spyOn(proto, 'sync');
    try {
      await archive.addReports([newReport(parsedReport('落盘县', 2023), 'durable')]);
      // report + source + journal + shard + head = 5 files; reports/, catalogue/ and the archive folder = 3 folders.
      expect(sync.mock.calls.length).toBeGreaterThanOrEqual(8);
    } finally {
      sync.mockRestore();
    }
  });
});
