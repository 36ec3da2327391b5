import { describe, expect, it } from 'vitest';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FIXTURES, tempDir } from '../archive/helpers.ts';
import { iterateReports } from '../../bench/generator.ts';
import { importPool } from '../../core/ingest/pool.ts';
import { cli } from './helpers.ts';

/** Enough files for the pool to run two in flight and take results out of order of completion. */
const BULK_FILES = 16;

const fixture = (name: string) => path.join(FIXTURES, name);

/** The stored report as `show --json` prints it, without the import time (the only thing two imports may differ in). */
async function shown(dir: string, id: string): Promise<unknown> {
  const res = await cli(['show', id, '--json', '--archive', dir]);
  expect(res.code).toBe(0);
  const report = JSON.parse(res.stdout);
  delete report.importedAt;
  return report;
}

describe('nianbao import of folders', () => {
  it('inside folders imports only report files (not README.md, scripts or data); a file named explicitly is always tried', async () => {
    const src = await tempDir('nianbao-src-');
    await mkdir(path.join(src, 'tools'), { recursive: true });
    await copyFile(fixture('lanxi-2021.txt'), path.join(src, 'a.txt'));
    await copyFile(fixture('lanxi-2022.txt'), path.join(src, 'b.TXT'));
    await writeFile(path.join(src, 'README.md'), '# 年度报告样例\n\n一、总体情况\n\n本文件夹收录样例年度报告。\n');
    await writeFile(path.join(src, 'tools', 'make.mjs'), "// 一、总体情况\nconsole.log('政府信息公开工作年度报告');\n");
    await writeFile(path.join(src, 'data.json'), '{"title":"2022年政府信息公开工作年度报告"}');
    await writeFile(path.join(src, 'notes'), '一、总体情况\n');
    const dir = await tempDir();

    const res = await cli(['import', src, '--archive', dir]);
    expect(res.stdout.split('\n').map((l) => l.split(' ')[0])).toEqual(['imported', 'imported']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);

    // Named explicitly, a script is tried like any file: it is no report, so it fails with a reason.
    const named = await cli(['import', path.join(src, 'tools', 'make.mjs'), '--archive', dir]);
    expect(named.stdout).toBe('');
    expect(named.stderr).toMatch(/^failed .*make\.mjs: /);
    expect(named.code).toBe(1);
  });

  it(`a bulk import (${BULK_FILES} files, parsed in worker threads) prints one line per file in folder order and stores what one-by-one imports store`, async () => {
    const src = await tempDir('nianbao-bulk-');
    const names: string[] = [];
    let i = 0;
    for (const r of iterateReports(BULK_FILES + 4, { seed: 11, format: 'mixed', errorRate: 0.2 })) {
      const name = `${String(i++).padStart(3, '0')}.${r.kind === 'html' ? 'html' : 'txt'}`;
      await writeFile(path.join(src, name), r.content);
      names.push(name);
    }
    // One file that is no report, mid-folder: its line keeps its place.
    await writeFile(path.join(src, '005a.txt'), '这不是年度报告。');
    names.splice(6, 0, '005a.txt');

    // Every file is parsed by the pool's workers (the bundle dist-node/parse-worker.mjs, built by
    // the test run's global setup).
    const pool = importPool();
    const before = { ...pool.parsed };
    const bulkDir = await tempDir();
    const bulk = await cli(['import', src, '--archive', bulkDir]);
    expect(bulk.code).toBe(1); // the one failed file
    const importedLines = bulk.stdout.split('\n');
    expect(importedLines).toHaveLength(names.length - 1);
    expect(bulk.stderr.split('\n')).toHaveLength(1);
    expect(bulk.stderr).toMatch(/^failed .*005a\.txt: /);
    // Every file went through the pool's workers; none was parsed in this thread.
    expect(pool.parsed.inWorkers - before.inWorkers).toBe(names.length);
    expect(pool.parsed.inThread - before.inThread).toBe(0);

    const singleDir = await tempDir();
    const singleLines: string[] = [];
    for (const name of names) {
      const one = await cli(['import', path.join(src, name), '--archive', singleDir]);
      if (one.stdout) singleLines.push(one.stdout);
    }
    // Same ids, bodies, years and versions, in the same order.
    expect(importedLines).toEqual(singleLines);
    for (const line of importedLines) {
      const id = line.split(' ')[1];
      expect(await shown(bulkDir, id)).toEqual(await shown(singleDir, id));
    }
  }, 120_000);
});
