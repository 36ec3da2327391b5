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

describe('search engine: snapshot documents stay on disk', () => {
  it('after a compaction (snapshot reopened in place) answers equal an in-memory engine, figure filters included', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const reports: Report[] = Array.from({ length: 30 }, (_, i) => makeReport(i * 5, 3));
    const first = await openEngine(t.dir, reports);
    await first.close();
    const engine = await openEngine(t.dir, reports);
    // Documents added after the snapshot live in memory; then a compaction writes them together
    // with the on-disk ones (texts, field tables, figure columns copied from the old snapshot).
    const added = Array.from({ length: 5 }, (_, i) => makeReport(500 + i, 3));
    for (const r of added) {
      reports.push(r);
      await engine.add(r);
    }
    await engine.remove(reports[2].id);
    reports.splice(2, 1);
    const mixed = await answers(engine);
    engine.snapshot();
    const afterCompaction = await answers(engine);

    const memory = await SearchEngine.open(t.dir + '-memory', () => catalogueOf(reports), async () => {
      throw new Error('not used');
    }, { persist: false });
    for (const r of reports) await memory.add(r);
    const expected = await answers(memory);
    expect(mixed).toEqual(expected);
    expect(afterCompaction).toEqual(expected);
    await engine.close();
    const reopened = await openEngine(t.dir, reports);
    expect(await answers(reopened)).toEqual(expected);
    await reopened.close();
  });

  it('a document longer than the read window is matched to its last character', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const reports: Report[] = Array.from({ length: 6 }, (_, i) => makeReport(i, 9));
    const huge = makeReport(99, 9);
    // 2.5 million characters (5 MB of UTF-16): more than the 4 MB window of consecutive texts.
    huge.chapters[1].paragraphs.push('甲乙丙丁'.repeat(625_000) + '尾部独有短语');
    reports.splice(3, 0, huge);
    const first = await openEngine(t.dir, reports);
    await first.close();
    const engine = await openEngine(t.dir, reports);
    expect(engine.status().origin).toBe('loaded');
    for (const query of ['尾部独有短语', '"丁尾部独"', '甲乙丙丁甲']) {
      const res = await engine.search({ query, pageSize: 20 });
      expect(res.results.map((r) => r.id)).toEqual([huge.id]);
    }
    // Its neighbours on disk are still read correctly around it.
    const all = await engine.search({ query: '公开', pageSize: 50 });
    expect(all.total).toBe(reports.length);
    await engine.close();
  });
});
