/**
 * Crash safety at exact steps: a real CLI process is killed (SIGKILL, by NIANBAO_KILL_AT_STEP,
 * core/service/step-hook.ts) at each step of a removal, an edit, an import and a search-index
 * compaction. Afterwards the archive opens, every committed report is listed with its complete
 * file and original bytes, nothing is lost (a committed removal is in the trash and restorable),
 * and the next write finishes or rolls back what was interrupted.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newReport, openArchive, parsedReport, tempDir } from '../archive/helpers.ts';
import { spawnCli } from './helpers.ts';
import { Archive } from '../../core/archive/index.ts';
import { ARCHIVE_RULES } from '../../core/service/rules.ts';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** An archive of three bodies over two years, written in-process (no parser needed). */
async function seeded(): Promise<{ dir: string; ids: string[] }> {
  const dir = await tempDir('nianbao-crash-steps-');
  const archive = await openArchive(dir);
  const inputs = ['甲县', '乙县', '丙县'].flatMap((body, b) => [2021, 2022].map((year) => newReport(parsedReport(`${body}人民政府`, year, { received: 10 + b }), `${body}${year}`, `${body}${year}.txt`)));
  const { results } = await archive.addReports(inputs);
  return { dir, ids: results.map((r) => r.entry.id) };
}

/** Runs the CLI with the kill hook and checks it died at that step (not finished, not failed). */
async function killedAt(step: string, argv: string[]): Promise<void> {
  const res = await spawnCli(argv, { NIANBAO_KILL_AT_STEP: `${step}:1`, NIANBAO_LOCK_WAIT_MS: '15000' }).done;
  expect(res.code, `killed at ${step} (stderr: ${res.stderr})`).toBe(-1);
}

/** Opens the archive like a reader: every listed report complete, with its original bytes; returns the listed ids. */
async function listedIntact(dir: string): Promise<string[]> {
  const archive = await openArchive(dir);
  for (const e of archive.list()) {
    const report = await archive.readReport(e.id);
    expect(report.source.sha256).toBe(e.sha256);
    expect(sha(await archive.readSource(report))).toBe(e.sha256);
  }
  return archive.list().map((e) => e.id).sort();
}

/** A write in a new process-like instance: recovers the interrupted write; afterwards no journal and no unlisted report files. */
async function nextWriteRecovers(dir: string) {
  const archive = await openArchive(dir);
  await archive.updateSettings({});
  expect(await stat(path.join(dir, 'journal.json')).catch(() => null)).toBeNull();
  const files = (await readdir(path.join(dir, 'reports'))).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
  expect(files.sort()).toEqual(archive.list().map((e) => e.id).sort());
  return archive;
}

describe('crash at exact steps (SIGKILL of the CLI)', () => {
  for (const step of ['remove:journal', 'remove:files', 'remove:shards']) {
    it(`a removal killed before its head commit (${step}): every report stays listed or goes to the trash, none is lost`, async () => {
      const { dir, ids } = await seeded();
      const removing = [ids[0], ids[3]];
      const kept = ids.filter((id) => !removing.includes(id)).sort();
      await killedAt(step, ['remove', ...removing, '--archive', dir]);
      // A reader may already see the shards written before the kill: the others are listed in any case.
      expect((await listedIntact(dir)).filter((id) => kept.includes(id))).toEqual(kept);
      const archive = await nextWriteRecovers(dir);
      const listed = new Set(archive.list().map((e) => e.id));
      const trashed = new Set((await archive.listTrash()).flatMap((b) => b.reports.map((r) => r.id)));
      for (const id of kept) expect(listed.has(id)).toBe(true);
      for (const id of removing) expect(listed.has(id) !== trashed.has(id), `${id}: listed or in the trash, once`).toBe(true);
      for (const [token] of (await archive.listTrash()).map((b) => [b.token])) await archive.undoRemove(token);
      expect(await listedIntact(dir)).toEqual([...ids].sort());
    });
  }

  it('a removal killed right after its commit (remove:committed) leaves the reports in the trash, restorable byte for byte', async () => {
    const { dir, ids } = await seeded();
    const before = await Promise.all([ids[0], ids[3]].map((id) => readFile(path.join(dir, 'reports', `${id}.json`))));
    await killedAt('remove:committed', ['remove', ids[0], ids[3], '--archive', dir]);
    const rest = ids.filter((id) => id !== ids[0] && id !== ids[3]).sort();
    expect(await listedIntact(dir)).toEqual(rest);
    const archive = await nextWriteRecovers(dir);
    const [batch] = await archive.listTrash();
    expect(batch.reports.map((r) => r.id).sort()).toEqual([ids[0], ids[3]].sort());
    expect((await archive.undoRemove(batch.token)).restored.sort()).toEqual([ids[0], ids[3]].sort());
    expect(await Promise.all([ids[0], ids[3]].map((id) => readFile(path.join(dir, 'reports', `${id}.json`))))).toEqual(before);
    expect(await listedIntact(dir)).toEqual([...ids].sort());
  });

  for (const step of ['undo:journal', 'undo:shards', 'undo:committed']) {
    it(`a restore from the trash stopped at ${step} keeps each report in the archive or in the trash, never neither`, async () => {
      // No CLI command restores: the write is abandoned in-process at the step (a throw from the
      // step hook leaves the journal exactly as a kill does), and a new instance recovers.
      const { dir, ids } = await seeded();
      const { token } = await (await openArchive(dir)).removeReports([ids[1]]);
      const stopping = await Archive.open(dir, {
        ...ARCHIVE_RULES,
        onStep: (s) => {
          if (s === step) throw new Error(`stopped at ${s}`);
        },
      });
      await expect(stopping.undoRemove(token)).rejects.toThrow(`stopped at ${step}`);
      const recovered = await nextWriteRecovers(dir);
      const listed = recovered.list().some((e) => e.id === ids[1]);
      const trashed = (await recovered.listTrash()).some((b) => b.reports.some((r) => r.id === ids[1]));
      expect(listed !== trashed, 'listed or restorable, and shown in one place only').toBe(true);
      expect(listed).toBe(step === 'undo:committed');
      if (trashed) expect((await recovered.undoRemove(token)).restored).toEqual([ids[1]]);
      expect(await listedIntact(dir)).toEqual([...ids].sort());
    });
  }

  for (const step of ['update:journal', 'update:shards', 'update:committed']) {
    it(`an edit killed at ${step} leaves the report listed, complete, with the old or the new body`, async () => {
      const { dir, ids } = await seeded();
      await killedAt(step, ['edit', ids[2], '--body', '丁县人民政府', '--archive', dir]);
      expect(await listedIntact(dir)).toEqual([...ids].sort());
      const archive = await nextWriteRecovers(dir);
      const body = (await archive.readReport(ids[2])).body.printed;
      expect(['乙县人民政府', '丁县人民政府']).toContain(body);
      if (step === 'update:committed') expect(body).toBe('丁县人民政府');
      if (step === 'update:journal') expect(body).toBe('乙县人民政府');
      expect(archive.list().find((e) => e.id === ids[2])!.body).toBe(body); // catalogue row and file agree
    });
  }

  for (const step of ['import:journal', 'import:files', 'import:shards', 'import:committed']) {
    it(`an import killed at ${step} lists the earlier reports, and the new one only once committed`, async () => {
      const { dir, ids } = await seeded();
      const src = path.join(await tempDir('nianbao-crash-steps-src-'), '戊县2022.txt');
      await writeFile(src, await readFile(path.join(process.cwd(), 'test', 'fixtures', 'seed', 'yichun-2022.txt')));
      await killedAt(step, ['import', src, '--archive', dir]);
      const listed = await listedIntact(dir);
      expect(listed.filter((id) => ids.includes(id))).toEqual([...ids].sort());
      expect(listed.length).toBe(step === 'import:committed' ? ids.length + 1 : ids.length);
      const archive = await nextWriteRecovers(dir);
      expect(archive.list().length).toBe(listed.length);
    });
  }

  for (const step of ['compact:texts', 'compact:index']) {
    it(`a search index compaction killed at ${step}: the archive is untouched and the next search finds the same`, async () => {
      const { dir, ids } = await seeded();
      const search = async (query: string) => {
        const res = await spawnCli(['search', query, '--json', '--archive', dir]).done;
        expect(res.code, res.stderr).toBe(0);
        return (JSON.parse(res.stdout).results as { id: string }[]).map((r) => r.id).sort();
      };
      expect(await search('政务公开')).toEqual([...ids].sort()); // builds and writes the index
      // A removal by a process without the index open: the next search drops it from the index and rewrites the snapshot on close.
      await (await openArchive(dir)).removeReports([ids[2]]);
      const rest = ids.filter((id) => id !== ids[2]).sort();
      await killedAt(step, ['search', '政务公开', '--json', '--archive', dir]);
      expect(await listedIntact(dir)).toEqual(rest);
      expect(await search('政务公开')).toEqual(rest);
      expect(await search('乙县')).toEqual(rest.filter((id) => ids.indexOf(id) === 3));
    });
  }
});
