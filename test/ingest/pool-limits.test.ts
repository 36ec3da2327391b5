/**
 * The import pool's limits (issue #12): a file that runs past the time limit or needs more memory
 * than a worker may use fails alone, with one line naming it; the pool replaces the worker and
 * the files behind it are parsed.
 */
import { describe, expect, it } from 'vitest';
import { findParseWorker, ImportPool } from '../../core/ingest/pool.ts';
import { ImportError } from '../../core/ingest/index.ts';
import { readFixture } from '../support/fixtures.ts';

const encode = (text: string) => new TextEncoder().encode(text);

async function outcome(promise: Promise<{ parsed: { fileName?: string; year?: number | null } }>): Promise<string> {
  try {
    const doc = await promise;
    return `ok ${doc.parsed.fileName ?? doc.parsed.year}`;
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    const { fileName, reason } = err as ImportError;
    expect(reason).not.toContain('\n');
    return `failed ${fileName}: ${reason}`;
  }
}

describe('import pool limits', () => {
  it('a file over the time limit fails alone; the file waiting behind it in the same worker is parsed by a fresh one', async () => {
    // A stand-in worker whose "hang" files never finish; the limit is generous for the others (they answer at once).
    const pool = new ImportPool({ size: 1, timeLimitMs: 1500, workerUrl: new URL('./stub-parse-worker.mjs', import.meta.url) });
    try {
      const results = await Promise.all(['a.txt', 'hang.txt', 'b.txt'].map((name) => outcome(pool.parse(encode('x'), name) as never)));
      expect(results).toEqual(['ok a.txt', 'failed hang.txt: 文件解析超时（超过 1.5 秒）(parsing took longer than 1.5 s)', 'ok b.txt']);
      expect(pool.stopped).toEqual({ memory: 0, time: 1 });
    } finally {
      await pool.close();
    }
  });

  it('a file needing more memory than the worker may use fails as a possible decompression bomb; the next file is imported', async () => {
    // ~12 MB of one-character paragraphs: the parser's tree of them needs far more than 48 MB.
    const huge = encode(`<html><body>${'<p>一</p>'.repeat(1_200_000)}</body></html>`);
    const pool = new ImportPool({ size: 1, memoryLimitMb: 48 });
    try {
      const results = [await outcome(pool.parse(huge, 'huge.html')), await outcome(pool.parse(readFixture('office', 'songling-2022.html'), 'songling-2022.html'))];
      expect(results).toEqual([
        'failed huge.html: 文件解析超出内存上限（48 MB），可能是解压炸弹 (the file needs more memory than allowed: possibly a decompression bomb)',
        'ok 2022',
      ]);
      expect(pool.stopped).toEqual({ memory: 1, time: 0 });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('without a built parse worker every file fails with one line telling what to run', async () => {
    expect(findParseWorker()).not.toBeNull(); // the test run's global setup built it
    const pool = new ImportPool({ workerUrl: null });
    expect(await outcome(pool.parse(encode('x'), 'a.txt') as never)).toBe('failed a.txt: 解析组件缺失，请先运行 npm run build:node (the parse worker dist-node/parse-worker.mjs is not built)');
  });
});
