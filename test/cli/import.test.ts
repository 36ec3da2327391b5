import { describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FIXTURES, folderHash, tempDir } from '../archive/helpers.ts';
import { openArchiveService } from '../../core/service/index.ts';
import { cli } from './helpers.ts';

const fixture = (name: string) => path.join(FIXTURES, name);

async function findingsOf(dir: string, id: string): Promise<{ rule: string; key: string; relatedReportId?: string }[]> {
  return JSON.parse((await cli(['show', id, '--json', '--archive', dir])).stdout).findings;
}

describe('nianbao import (end to end, through the parser)', () => {
  it('cross-year: a carry-over mismatch shows on both years; a corrected re-import (new version) clears it', async () => {
    const dir = await tempDir('nianbao-cross-');
    const first = await cli(['import', fixture('lanxi-2021.txt'), fixture('lanxi-2022.txt'), '--archive', dir]);
    expect(first.code).toBe(0);
    const lines = first.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^imported 2021-[0-9a-f]{8} 岚溪县人民政府 2021 \S*lanxi-2021\.txt$/);
    expect(lines[1]).toMatch(/^imported 2022-[0-9a-f]{8} 岚溪县人民政府 2022 \S*lanxi-2022\.txt$/);
    const [id2021, id2022] = lines.map((l) => l.split(' ')[1]);
    const carry = (fs: { rule: string; relatedReportId?: string }[]) => fs.filter((f) => f.rule === 'crossYear.carryOver');
    expect(carry(await findingsOf(dir, id2021)).map((f) => f.relatedReportId)).toEqual([id2022, id2022]);
    expect(carry(await findingsOf(dir, id2022)).map((f) => f.relatedReportId)).toEqual([id2021, id2021]);
    // Nothing else fails in these hand-written reports.
    expect((await findingsOf(dir, id2021)).filter((f) => f.rule !== 'crossYear.carryOver')).toEqual([]);

    const fixed = await cli(['import', fixture('lanxi-2022-corrected.txt'), '--archive', dir]);
    expect(fixed.code).toBe(0);
    const idFixed = fixed.stdout.split(' ')[1];
    expect(fixed.stderr).toContain('version 2');
    expect(await findingsOf(dir, id2021)).toEqual([]);
    expect(await findingsOf(dir, idFixed)).toEqual([]);
    const listed = JSON.parse((await cli(['list', '--json', '--archive', dir])).stdout);
    expect(listed.map((r: { id: string; findings: number }) => [r.id, r.findings])).toEqual([
      [idFixed, 0],
      [id2021, 0],
    ]);
    const all = JSON.parse((await cli(['list', '--json', '--all-versions', '--archive', dir])).stdout);
    expect(all).toHaveLength(3);
    expect(all.find((r: { id: string }) => r.id === id2022)).toMatchObject({ version: 1, latest: false });
  });

  it('re-importing identical bytes says duplicate with the existing id and changes nothing', async () => {
    const dir = await tempDir('nianbao-dup-');
    const first = await cli(['import', fixture('lanxi-2021.txt'), '--archive', dir]);
    const id = first.stdout.split(' ')[1];
    const before = await folderHash(dir);
    const copy = path.join(await tempDir(), 'renamed-copy.txt');
    await copyFile(fixture('lanxi-2021.txt'), copy);
    const again = await cli(['import', copy, '--archive', dir]);
    expect(again).toMatchObject({ code: 0, stdout: `duplicate ${id} ${copy}` });
    expect(await folderHash(dir)).toBe(before);
  });

  it('imports folders recursively, skipping hidden entries, one line per file', async () => {
    const src = await tempDir('nianbao-src-');
    await mkdir(path.join(src, 'nested', 'deeper'), { recursive: true });
    await mkdir(path.join(src, '.hidden'), { recursive: true });
    await copyFile(fixture('lanxi-2021.txt'), path.join(src, 'a.txt'));
    await copyFile(fixture('lanxi-2022.txt'), path.join(src, 'nested', 'deeper', 'b.txt'));
    await copyFile(fixture('lanxi-2022-corrected.txt'), path.join(src, '.hidden', 'c.txt'));
    await writeFile(path.join(src, '.DS_Store'), 'junk');
    const dir = await tempDir();
    const res = await cli(['import', src, '--archive', dir]);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n').map((l) => l.split(' ')[0])).toEqual(['imported', 'imported']);
    expect(res.stderr).toBe('');
  });

  it('an HTML page with <script>, onerror and javascript: links imports its text and keeps none of them', async () => {
    const dir = await tempDir('nianbao-html-');
    const res = await cli(['import', fixture('lanxi-2021-script.html'), '--archive', dir]);
    expect(res.code).toBe(0);
    const id = res.stdout.split(' ')[1];
    const shown = await cli(['show', id, '--json', '--archive', dir]);
    const json = JSON.parse(shown.stdout);
    expect(json.tables.applications.received.total).toBe(42);
    expect(json.tables.reviewLitigation.review.total).toBe(2);
    expect(json.findings).toEqual([]);
    const stored = await readFile(path.join(dir, 'reports', `${id}.json`), 'utf8');
    const withoutFileName = stored.replaceAll('lanxi-2021-script.html', '');
    for (const bad of ['<script', 'script>', 'onerror', 'onload', 'onclick', 'javascript:', 'alert(', 'SCRIPTTEXT', 'ONERRORTEXT', 'JSLINKTEXT', 'INLINESCRIPT', 'evil.example', '<a ', '<img']) {
      expect(withoutFileName.toLowerCase()).not.toContain(bad.toLowerCase());
    }
    // The original stays available as text for "view source", never as rendered markup.
    const service = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    const source = await service.getSource(id);
    expect(source.mediaType).toMatch(/html/);
    expect(source.text).toContain('<script>');
    await service.close();
  });

  it('the sources folder keeps the original bytes under their sha256', async () => {
    const dir = await tempDir();
    await cli(['import', fixture('lanxi-2021.txt'), '--archive', dir]);
    const [name] = await readdir(path.join(dir, 'sources'));
    const bytes = await readFile(path.join(dir, 'sources', name));
    expect(bytes).toEqual(await readFile(fixture('lanxi-2021.txt')));
    const { createHash } = await import('node:crypto');
    expect(name).toBe(`${createHash('sha256').update(bytes).digest('hex')}.txt`);
  });
});

describe('nianbao search and export (end to end)', () => {
  it('search finds imported reports and prints the JSON shape; the index follows removals', async () => {
    const dir = await tempDir('nianbao-search-');
    const imported = await cli(['import', fixture('lanxi-2021.txt'), '--archive', dir]);
    const id = imported.stdout.split(' ')[1];
    const res = await cli(['search', '岚溪县', '--json', '--archive', dir]);
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout);
    expect(json.total).toBeGreaterThanOrEqual(1);
    expect(json.results[0]).toMatchObject({ id, body: '岚溪县人民政府', year: 2021, title: expect.any(String), score: expect.any(Number) });
    expect(json.results[0].hits[0]).toEqual({ where: expect.any(String), snippet: expect.any(String), ranges: expect.any(Array) });
    await cli(['remove', id, '--archive', dir]);
    const after = JSON.parse((await cli(['search', '岚溪县', '--json', '--archive', dir])).stdout);
    expect(after.total).toBe(0);
  });

  it('export writes a report, a chapter or a table in the chosen format, to stdout or --out', async () => {
    const dir = await tempDir('nianbao-export-');
    const id = (await cli(['import', fixture('lanxi-2021.txt'), '--archive', dir])).stdout.split(' ')[1];
    const text = await cli(['export', id, '--format', 'text', '--archive', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('岚溪县人民政府2021年政府信息公开工作年度报告');
    const json = JSON.parse((await cli(['export', id, '--format', 'json', '--archive', dir])).stdout);
    expect(JSON.stringify(json)).toContain('岚溪县');
    const tsv = await cli(['export', id, '--format', 'tsv', '--table', 'applications', '--archive', dir]);
    expect(tsv.stdout).toContain('\t');
    expect(tsv.stdout).toContain('42');
    const out = path.join(await tempDir(), 'overview.md');
    const chapter = await cli(['export', id, '--format', 'markdown', '--chapter', 'overview', '--out', out, '--archive', dir]);
    expect(chapter.code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('总体情况');
    const bad = await cli(['export', id, '--format', 'text', '--chapter', 'nosuch', '--archive', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`报告 ${id} 没有章节 nosuch`);
    expect((await cli(['export', id, '--archive', dir])).code).toBe(2);
  });
});
