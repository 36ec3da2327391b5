/**
 * Decompression bombs (issue #12): a DOCX that inflates to ~100 MB of tiny paragraphs, and one
 * whose document.xml lies about its size, fail with one line naming the file — the importing
 * process stays small, the next file is imported, the archive holds only that one.
 */
import { spawn } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument, ImportError } from '../../core/ingest/index.ts';
import { CLI, REPO_ROOT, tempDir } from '../archive/helpers.ts';
import { fixturePath, readFixture } from '../support/fixtures.ts';
import { docxBomb } from './zip-bomb.ts';

const BOMB_REASON = /解压炸弹 \(possibly a decompression bomb\)/;

async function rejection(promise: Promise<unknown>): Promise<ImportError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  return err as ImportError;
}

function runCli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', path.join(import.meta.dirname, 'report-peak-rss.mjs'), CLI, ...argv], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('DOCX decompression bombs', () => {
  it('a DOCX declaring ~100 MB of paragraphs is refused before inflating, naming the entry and the limit', async () => {
    const bomb = docxBomb({ inflatedMb: 100 });
    expect(bomb.length).toBeLessThan(1024 * 1024); // small on disk: the point of a bomb
    const err = await rejection(importDocument(bomb, 'bomb.docx'));
    expect(err.fileName).toBe('bomb.docx');
    expect(err.reason).toMatch(/^Word 文档中的 word\/document\.xml 解压后过大（100 MB，上限 64 MB），/);
    expect(err.reason).toMatch(BOMB_REASON);
    expect(err.reason).not.toContain('\n');
  });

  it('a DOCX whose document.xml declares 2 KB but inflates to ~100 MB is stopped at its declared size', async () => {
    const err = await rejection(importDocument(docxBomb({ inflatedMb: 100, declaredBytes: 2048 }), 'lying.docx'));
    expect(err.fileName).toBe('lying.docx');
    expect(err.reason).toMatch(/^Word 文档中的 word\/document\.xml 实际解压大小超过其声明的 2048 字节/);
    expect(err.reason).toMatch(BOMB_REASON);
  });

  it('an ordinary DOCX still imports (the checks pass real reports)', async () => {
    const doc = await importDocument(readFixture('office', 'songling-2022.docx'), 'songling-2022.docx');
    expect(doc.parsed.year).toBe(2022);
  });

  it('imported with the CLI beside a good report: each bomb fails on one line naming it, the report is imported, peak RSS stays under 600 MB', async () => {
    const src = await tempDir('nianbao-bomb-src-');
    const archive = await tempDir('nianbao-bomb-archive-');
    await writeFile(path.join(src, 'a-bomb.docx'), docxBomb({ inflatedMb: 100 }));
    await writeFile(path.join(src, 'b-lying.docx'), docxBomb({ inflatedMb: 100, declaredBytes: 2048 }));
    await copyFile(fixturePath('office', 'songling-2022.html'), path.join(src, 'c-good.html'));
    const rssFile = path.join(src, 'rss.txt');

    const run = await runCli(['import', src, '--archive', archive], { NIANBAO_TEST_RSS_FILE: rssFile });
    expect(run.code).toBe(1);
    const failed = run.stderr.trim().split('\n');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatch(/^failed .*a-bomb\.docx: Word 文档中的 word\/document\.xml 解压后过大/);
    expect(failed[1]).toMatch(/^failed .*b-lying\.docx: Word 文档中的 word\/document\.xml 实际解压大小超过/);
    expect(run.stdout).toMatch(/^imported \S+ 松岭市 2022\b/m);
    const peakRss = Number(await readFile(rssFile, 'utf8'));
    expect(peakRss).toBeGreaterThan(0);
    expect(peakRss).toBeLessThan(600 * 1024 * 1024);

    const list = await runCli(['list', '--archive', archive], { NIANBAO_TEST_RSS_FILE: rssFile });
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toHaveLength(1);
    expect(list.stdout).toContain('松岭市');
  }, 120_000);
});
