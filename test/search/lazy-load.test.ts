import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/model.ts';
import { SearchEngine } from '../../core/search/index.ts';
import { makeReport } from './reports.ts';
import { catalogueOf, openEngine, tempDir } from './helpers.ts';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const QUERIES = ['行政复议', '公开', '12345热线', '"政府信息 公开申请"', '本机关不掌握>0', 'chapter:applications 申请', '惠企 -疫情', 'year:2021 依申请公开'];

async function answers(engine: SearchEngine): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const query of QUERIES) {
    const res = await engine.search({ query, pageSize: 200 });
    out.push({ query, total: res.total, results: res.results.map((r) => [r.id, r.score, r.hitCount, r.hits]) });
  }
  return out;
}

describe('search engine: opening a snapshot', () => {
  it('answers right after open (per-document data read on demand) exactly as after the background load', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const reports: Report[] = Array.from({ length: 40 }, (_, i) => makeReport(i * 7, 11));
    const first = await openEngine(t.dir, reports);
    const expected = await answers(first);
    await first.close();

    const engine = await SearchEngine.open(t.dir, () => catalogueOf(reports), async () => {
      throw new Error('the snapshot should load, not rebuild');
    });
    expect(engine.status().origin).toBe('loaded');
    // No whenReady(): the background read of the per-document sections has not finished yet.
    expect(await answers(engine)).toEqual(expected);
    await engine.whenReady();
    expect(engine.status().origin).toBe('loaded');
    expect(await answers(engine)).toEqual(expected);
    await engine.close();
  });
});
